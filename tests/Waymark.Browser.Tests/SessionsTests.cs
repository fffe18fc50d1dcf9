using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Waymark.Teams;
using Waymark.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>The account page, the team members pages (and their confirmations), recovery codes and signing in with one.</summary>
[Collection(BrowserCollection.Name)]
public class SessionsTests(BrowserFixture fx)
{
    [Fact]
    public async Task Your_account_page()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Commissioner"));
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Your account" }));
        Assert.Equal("/account", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your account");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere", Exact = true })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("your account");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Change your password" }));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Change your password");
        await page.AssertAccessibleAsync("change your password");
        await page.PressButtonAsync("Change password");
        await page.AssertErrorStateAsync("change your password with nothing entered", "Enter your current password", "Enter a new password");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Team_members_and_a_members_page_with_its_confirmations()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Team members", Exact = true }));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Team members");
        await page.AssertAccessibleAsync("team members");

        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Robin Shaw" }));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Robin Shaw");
        await page.AssertAccessibleAsync("a team member");
        await page.PressButtonAsync("Sign out everywhere");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign Robin Shaw out everywhere?");
        await page.AssertAccessibleAsync("sign a member out everywhere: confirmation");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "No, go back" }));
        await page.PressButtonAsync("Withdraw from this team");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Withdraw Robin Shaw from this team?");
        await page.AssertAccessibleAsync("withdraw a member: confirmation");
        await page.Context.CloseAsync();

        // Robin Shaw has no two-factor to reset, so it is not offered; a member who has it set up is.
        var admin = await fx.SignedInPageAsync(Ui.Email("Administrator"));
        await admin.ClickAndWaitAsync(admin.GetByRole(AriaRole.Link, new() { Name = "Team members", Exact = true }));
        await admin.ClickAndWaitAsync(admin.GetByRole(AriaRole.Link, new() { Name = "Robin Shaw" }));
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Reset two-factor", Exact = true })).ToHaveCountAsync(0);
        var team = await fx.TeamIdAsync(Waymark.Demo.DemoSeeder.DemoTeamName);
        string keyHolder;
        using (var scope = fx.App.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WaymarkUser>>();
            var email = $"keys.{Guid.NewGuid():N}@test.invalid";
            var user = new WaymarkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Dana Keys", LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, WaymarkApp.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Practitioner)).Succeeded);
            await users.ResetAuthenticatorKeyAsync(user);
            Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<Waymark.Persistence.WaymarkDbContext>();
            db.TeamMemberships.Add(new TeamMembership { TeamId = team, UserId = user.Id });
            await db.SaveChangesAsync();
            keyHolder = user.Id;
        }
        await admin.GotoAsync($"/team/members/{keyHolder}");
        await admin.PressButtonAsync("Reset two-factor");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Reset Dana Keys's two-factor authentication?");
        await admin.AssertAccessibleAsync("reset two-factor: confirmation");
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Recovery_codes_are_shown_once_and_one_signs_in_instead_of_a_code()
    {
        var email = $"recovery.{Guid.NewGuid():N}@test.invalid";
        var team = await fx.TeamIdAsync(Waymark.Demo.DemoSeeder.DemoTeamName);
        using (var scope = fx.App.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WaymarkUser>>();
            var user = new WaymarkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Kit Rowe", LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, WaymarkApp.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Practitioner)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<Waymark.Persistence.WaymarkDbContext>();
            db.TeamMemberships.Add(new TeamMembership { TeamId = team, UserId = user.Id });
            await db.SaveChangesAsync();
        }
        var page = await fx.SignedInPageAsync(email);
        await page.GotoAsync("/account/authenticator");
        var key = await page.Locator("#shared-key").InnerTextAsync();
        await page.TypeByKeyboardAsync(page.GetByLabel("Security code"), Totp.Code(key, DateTimeOffset.UtcNow));
        await page.PressButtonAsync("Turn on two-factor authentication");
        await page.AssertNoErrorsAsync("turning on two-factor");
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await page.AssertAccessibleAsync("recovery codes shown once");
        var code = (await page.Locator("#recovery-codes li").First.InnerTextAsync()).Trim();

        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(WaymarkApp.DemoPassword);
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }));
        Assert.Equal("/account/recovery-code", new Uri(page.Url).AbsolutePath);
        await page.AssertAccessibleAsync("recovery code sign-in");
        await page.PressButtonAsync("Continue");
        await page.AssertErrorStateAsync("recovery code sign-in with no code", "Enter a recovery code");
        await page.TypeByKeyboardAsync(page.GetByLabel("Enter a recovery code"), code);
        await page.PressButtonAsync("Continue");
        await page.AssertNoErrorsAsync("signing in with a recovery code");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Hello, Kit Rowe");
        await page.GotoAsync("/account/authenticator");
        await Expect(page.Locator("#recovery-codes-left")).ToHaveTextAsync("You have 9 unused recovery codes.");
        await page.Context.CloseAsync();
    }
}
