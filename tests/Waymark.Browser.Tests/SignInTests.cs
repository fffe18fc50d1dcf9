using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class SignInTests(BrowserFixture fx)
{
    [Fact]
    public async Task Sign_in_shows_errors_then_signs_in_with_the_keyboard_alone()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.AssertAccessibleAsync("sign-in page");
        Assert.Equal("Sign in – Waymark", await page.TitleAsync());

        // Nothing entered.
        await page.PressButtonAsync("Sign in");
        await page.AssertErrorStateAsync("sign-in page with nothing entered", "Enter your email address", "Enter your password");

        // A wrong password: one message that does not say which part was wrong, and the password is not sent back.
        var email = page.GetByLabel("Email address");
        var password = page.GetByLabel("Password");
        await page.TypeByKeyboardAsync(email, "practitioner2@demo.invalid");
        await page.TypeByKeyboardAsync(password, "not-the-password-at-all");
        await page.PressButtonAsync("Sign in");
        await page.AssertErrorStateAsync("sign-in page after a wrong password",
            "The email address or password is not right, or the account is locked. After 5 wrong attempts an account is locked for 15 minutes: wait, or ask your team manager or administrator to unlock it.");
        await Expect(email).ToHaveValueAsync("practitioner2@demo.invalid");
        await Expect(password).ToHaveValueAsync("");
        Assert.DoesNotContain("not-the-password-at-all", await page.ContentAsync(), StringComparison.Ordinal);

        // Keyboard only, from a fresh page: Tab to the fields, type, Enter.
        await page.GotoAsync("/account/sign-in");
        await page.TabToAsync(email);
        await page.Keyboard.TypeAsync("practitioner2@demo.invalid");
        await page.Keyboard.PressAsync("Tab");
        await Expect(password).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(WaymarkApp.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync(u => new Uri(u).AbsolutePath == "/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Hello, Sam Okoye");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Account" })).ToContainTextAsync("Northshire Liaison and Diversion");
        await page.AssertAccessibleAsync("home page for a practitioner");
        await page.Context.CloseAsync();
    }
}
