using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// The team performance page (/figures) with the demo team's data: axe passes, the date fields and the button are reached
/// by keyboard, every chart has a text alternative, and a wrong date shows the error state.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FiguresTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_manager_opens_team_performance_by_keyboard_and_every_chart_has_a_text_alternative()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await page.GotoAsync("/");
        await page.FollowLinkByKeyboardAsync("Team performance");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Team performance");
        await page.AssertAccessibleAsync("team performance");

        var charts = page.Locator("main svg.waymark-chart");
        Assert.True(await charts.CountAsync() >= 3, "a chart for each figure");
        foreach (var label in await charts.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('role') + '|' + (e.getAttribute('aria-label') || ''))"))
        {
            Assert.StartsWith("img|", label, StringComparison.Ordinal);
            Assert.EndsWith("The same figures are in the table that follows.", label, StringComparison.Ordinal);
        }
        await Expect(page.Locator("#figure-demand-setting table")).ToBeVisibleAsync();

        await page.Locator("h1").FocusAsync();
        await page.TypeByKeyboardAsync(page.Locator("#From"), "1");
        await page.TypeByKeyboardAsync(page.Locator("#From-month"), "1");
        await page.TabToAsync(page.Locator("#To-year"));
        await page.PressButtonAsync("Show figures");
        await page.AssertNoErrorsAsync("team performance from 1 January");

        await page.Locator("h1").FocusAsync();
        await page.TypeByKeyboardAsync(page.Locator("#From"), "40");
        await page.PressButtonAsync("Show figures");
        await page.AssertErrorStateAsync("team performance", "From date must be a real date");
    }
}
