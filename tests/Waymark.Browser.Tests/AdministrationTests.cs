using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Administration in the browser, issue 16's "done when": an administrator adds a user, the new user signs in with the
/// one-time password and is made to change it, and the administrator resets their two-factor authentication; with axe
/// on every page and confirmation on the way, and the forgotten-password page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AdministrationTests(BrowserFixture fx)
{
    [Fact]
    public async Task An_administrator_adds_a_user_who_must_change_the_one_time_password_then_resets_their_two_factor()
    {
        var admin = await fx.SignedInPageAsync(Ui.Email("Administrator"));
        await admin.ClickAndWaitAsync(admin.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }));
        Assert.Equal("/administration", new Uri(admin.Url).AbsolutePath);
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Users");
        await admin.AssertAccessibleAsync("the list of users");

        await admin.ClickAndWaitAsync(admin.GetByRole(AriaRole.Link, new() { Name = "Add a user" }));
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Add a user");
        await admin.AssertAccessibleAsync("add a user");
        await admin.PressButtonAsync("Add user");
        await admin.AssertErrorStateAsync("add a user with nothing entered", "Enter their name", "Enter their email address", "Select their role", "Select their first team");

        var email = $"sam.okafor.{Guid.NewGuid():N}@northshire.invalid";
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Sam Okafor");
        await admin.GetByLabel("Email address").FillAsync(email);
        await admin.GetByRole(AriaRole.Radio, new() { Name = "Practitioner", Exact = true }).CheckAsync();
        await admin.GetByLabel("First team").SelectOptionAsync(new SelectOptionValue { Label = Waymark.Demo.DemoSeeder.DemoTeamName });
        await admin.PressButtonAsync("Add user");
        await admin.AssertNoErrorsAsync("adding a user");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("User added: their one-time password");
        await admin.AssertAccessibleAsync("the new user's one-time password");
        var oneTime = (await admin.Locator("#one-time-password").InnerTextAsync()).Trim();

        // The new user signs in with it and is made to choose their own password before anything else.
        var sam = await fx.NewPageAsync();
        await sam.GotoAsync("/account/sign-in");
        await sam.GetByLabel("Email address").FillAsync(email);
        await sam.GetByLabel("Password").FillAsync(oneTime);
        await sam.ClickAndWaitAsync(sam.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
        Assert.Equal("/account/password", new Uri(sam.Url).AbsolutePath);
        await Expect(sam.Locator("#must-change")).ToBeVisibleAsync();
        await sam.AssertAccessibleAsync("change your password, required");
        await sam.GotoAsync("/people");
        Assert.Equal("/account/password", new Uri(sam.Url).AbsolutePath);
        const string own = "Sams-own-Pa55word-2026!";
        await sam.GetByLabel("Current password").FillAsync(oneTime);
        await sam.GetByLabel("New password", new() { Exact = true }).FillAsync(own);
        await sam.GetByLabel("New password again").FillAsync(own);
        await sam.PressButtonAsync("Change password");
        await sam.AssertNoErrorsAsync("changing the one-time password");
        Assert.Equal("/account", new Uri(sam.Url).AbsolutePath);
        await sam.GotoAsync("/people");
        Assert.Equal("/people", new Uri(sam.Url).AbsolutePath);

        // They turn on two-factor authentication (as their role will need outside demo mode).
        await sam.GotoAsync("/account/authenticator");
        var key = await sam.Locator("#shared-key").InnerTextAsync();
        await sam.TypeByKeyboardAsync(sam.GetByLabel("Security code"), Totp.Code(key, DateTimeOffset.UtcNow));
        await sam.PressButtonAsync("Turn on two-factor authentication");
        await Expect(sam.Locator("h1")).ToHaveTextAsync("Two-factor authentication is on");

        // The administrator finds them and resets their two-factor authentication, after confirming.
        await admin.GotoAsync("/administration");
        await admin.GetByLabel("Name or email address").FillAsync(email);
        await admin.PressButtonAsync("Search");
        await admin.ClickAndWaitAsync(admin.GetByRole(AriaRole.Link, new() { Name = "Sam Okafor" }));
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Sam Okafor");
        await Expect(admin.Locator("#two-factor")).ToHaveTextAsync("On");
        await admin.AssertAccessibleAsync("a user's account");
        await admin.PressButtonAsync("Deactivate account");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Deactivate Sam Okafor's account?");
        await admin.AssertAccessibleAsync("deactivate: confirmation");
        await admin.ClickAndWaitAsync(admin.GetByRole(AriaRole.Link, new() { Name = "No, go back" }));
        await admin.PressButtonAsync("Reset two-factor");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Reset Sam Okafor's two-factor authentication?");
        await admin.AssertAccessibleAsync("reset two-factor: confirmation");
        await admin.PressButtonAsync("Yes, reset two-factor authentication");
        await admin.AssertNoErrorsAsync("resetting two-factor");
        await Expect(admin.Locator("#notice")).ToContainTextAsync("two-factor authentication has been reset");
        await Expect(admin.Locator("#two-factor")).ToHaveTextAsync("Off");
        await admin.AssertAccessibleAsync("a user's account after a reset");

        // Their session ended with the reset.
        await sam.GotoAsync("/people");
        Assert.Equal("/account/sign-in", new Uri(sam.Url).AbsolutePath);
        await sam.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task The_forgotten_password_page()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Forgotten your password?" }));
        Assert.Equal("/account/forgotten-password", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Forgotten your password");
        await page.AssertAccessibleAsync("forgotten your password");
        await page.Context.CloseAsync();
    }
}
