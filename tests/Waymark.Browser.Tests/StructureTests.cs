using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>The skip link, one h1 and a title, on the main kinds of page (every other test checks h1 and title too).</summary>
[Collection(BrowserCollection.Name)]
public class StructureTests(BrowserFixture fx)
{
    [Fact]
    public async Task Skip_link_is_first_and_moves_focus_to_main_on_every_kind_of_page()
    {
        var anonymous = await fx.NewPageAsync();
        await CheckSkipLinkAsync(anonymous, "/account/sign-in");
        await CheckSkipLinkAsync(anonymous, "/accessibility");
        await CheckSkipLinkAsync(anonymous, "/privacy");
        await anonymous.Context.CloseAsync();

        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        foreach (var path in new[] { "/", "/people", "/people?Name=a", "/caseload", "/caseload/mine", "/caseload/unallocated", "/identification", "/account/choose-team", "/account/authenticator" })
            await CheckSkipLinkAsync(page, path);
        // A record page, reached from the caseload.
        await page.GotoAsync("/caseload");
        var episode = await page.Locator("main table tbody tr a").First.GetAttributeAsync("href");
        await CheckSkipLinkAsync(page, episode!);
        var person = await page.Locator("main .nhsuk-caption-l a").GetAttributeAsync("href");
        await CheckSkipLinkAsync(page, person!);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_accessibility_check_catches_a_real_violation()
    {
        // The check every other test relies on must be able to fail: break a page the way a careless change
        // might (a text field with no label, and grey-on-white text) and expect both to be reported.
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.Locator("form").EvaluateAsync("""
            form => {
              const input = document.createElement('input');
              input.type = 'text';
              input.id = 'unlabelled';
              form.appendChild(input);
              const faint = document.createElement('p');
              faint.textContent = 'Faint text';
              faint.style.color = '#cccccc';
              form.appendChild(faint);
            }
            """);
        var failure = await Assert.ThrowsAsync<Xunit.Sdk.FailException>(() => page.AssertAccessibleAsync("sign-in page, broken on purpose"));
        Assert.Contains("- label ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#unlabelled", failure.Message, StringComparison.Ordinal);
        Assert.Contains("- color-contrast ", failure.Message, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private static async Task CheckSkipLinkAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.AssertStructureAsync(path);
        await Expect(page.Locator("main#maincontent")).ToHaveCountAsync(1);
        await Expect(page.Locator("main")).ToHaveCountAsync(1);

        // The first Tab lands on the skip link, which is then visible.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        Assert.Equal("#maincontent", await skip.GetAttributeAsync("href"));

        // Enter moves focus to main, so the next Tab goes on from the content (into it, or past it when it has
        // nothing to focus), never back to the header.
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("""
            () => {
              const main = document.querySelector('main'), el = document.activeElement;
              return main.contains(el) || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
            }
            """), $"on {path}, the Tab after the skip link should go on from main, not back to the header");
        var mainHasFocusable = await page.Locator("main a[href], main button, main input:not([type=hidden]), main select, main textarea").CountAsync() > 0;
        if (mainHasFocusable)
            Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"),
                $"on {path}, the Tab after the skip link should move into main");
    }
}
