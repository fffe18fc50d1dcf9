using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>Team choice, two-factor set-up, access denied, not found, and a role without case work.</summary>
[Collection(BrowserCollection.Name)]
public class AccountTests(BrowserFixture fx)
{
    [Fact]
    public async Task Choose_team_and_two_factor_set_up()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));

        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Change team" }));
        Assert.Equal("/account/choose-team", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Which team are you working in?");
        var team = page.GetByRole(AriaRole.Radio, new() { Name = "Northshire Liaison and Diversion" });
        await Expect(team).ToBeCheckedAsync();
        await page.AssertAccessibleAsync("choose team");
        await page.PressButtonAsync("Continue");
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Account" })).ToContainTextAsync("Alex Morgan, Northshire Liaison and Diversion");

        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Two-factor" }));
        Assert.Equal("/account/authenticator", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Set up two-factor authentication");
        await Expect(page.Locator("#shared-key")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[a-z2-7]{4}( [a-z2-7]{1,4})+$"));
        await page.AssertAccessibleAsync("two-factor set-up");
        await page.PressButtonAsync("Turn on two-factor authentication");
        await page.AssertErrorStateAsync("two-factor set-up with no code", "Enter the security code from your authenticator app");
        await page.TypeByKeyboardAsync(page.GetByLabel("Security code"), "12345");
        await page.PressButtonAsync("Turn on two-factor authentication");
        await page.AssertErrorStateAsync("two-factor set-up with a short code", "Security code must be 6 numbers");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_factor_enrolment_then_signing_in_with_a_code()
    {
        // The support worker is used by no other test: turning two-factor on changes how they sign in.
        var email = Ui.Email("SupportWorker");
        var page = await fx.SignedInPageAsync(email);
        await page.GotoAsync("/account/authenticator");
        var key = await page.Locator("#shared-key").InnerTextAsync();
        await page.TypeByKeyboardAsync(page.GetByLabel("Security code"), Totp.Code(key, DateTimeOffset.UtcNow));
        await page.PressButtonAsync("Turn on two-factor authentication");
        await page.AssertNoErrorsAsync("turning on two-factor");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Two-factor authentication is on");
        await page.AssertAccessibleAsync("two-factor is on");

        // Sign out, then in again: now a code is asked for.
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        Assert.Equal("/account/sign-in", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(WaymarkApp.DemoPassword);
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
        Assert.Equal("/account/two-factor", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Enter your security code");
        await page.AssertAccessibleAsync("two-factor sign-in");
        await page.PressButtonAsync("Continue");
        await page.AssertErrorStateAsync("two-factor sign-in with no code", "Enter your security code");

        // The next time step's code: accepted (the server allows for clock drift) and not the one used to enrol.
        await page.TypeByKeyboardAsync(page.GetByLabel("Enter your security code"), Totp.Code(key, DateTimeOffset.UtcNow, stepOffset: 1));
        await page.PressButtonAsync("Continue");
        await page.AssertNoErrorsAsync("signing in with a code");
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Hello, Jo Baker");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Volunteer_is_told_they_have_no_access_to_the_caseload()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Volunteer"));
        var response = await page.GotoAsync("/caseload");
        Assert.Equal("/account/access-denied", new Uri(page.Url).AbsolutePath);
        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("You do not have access to this page");
        // A volunteer mentor's menu has their mentees and nothing of the caseload (docs/security.md, "Volunteer mentors").
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
        await Expect(menu.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Your mentees"]);
        await page.AssertAccessibleAsync("access denied");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Unknown_pages_and_records_show_page_not_found()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        foreach (var path in new[] { "/no-such-page", $"/people/{Guid.NewGuid()}" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            Assert.Equal(path, new Uri(page.Url).AbsolutePath);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
            Assert.Equal("Page not found – Waymark", await page.TitleAsync());
            await page.AssertAccessibleAsync("page not found at " + path);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Commissioner_home_page_has_no_case_work()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Commissioner"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Hello, Robin Shaw");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Commissioned figures" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Monthly dataset" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Find a person" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("home page for a commissioner");

        var response = await page.GotoAsync("/people");
        Assert.Equal(403, response!.Status);
        Assert.Equal("/account/access-denied", new Uri(page.Url).AbsolutePath);
        await page.Context.CloseAsync();
    }
}
