using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// The commissioner's pages by keyboard, axe on both: from the home page to the commissioned figures (changing the
/// team), then the monthly dataset form and a CSV download.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CommissioningTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_commissioner_opens_the_figures_and_downloads_the_monthly_dataset()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Commissioner"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Commissioned figures" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Commissioned figures");
        await Expect(page.Locator("main")).ToContainTextAsync("Northshire Liaison and Diversion");
        await page.AssertAccessibleAsync("commissioned figures");
        await page.GetByLabel("Teams").SelectOptionAsync(new SelectOptionValue { Label = "Southshire Liaison and Diversion" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show figures" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Commissioned figures");

        await page.GetByRole(AriaRole.Link, new() { Name = "Download the monthly dataset" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Monthly dataset");
        await page.AssertAccessibleAsync("monthly dataset");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the dataset" }).ClickAsync());
        Assert.Matches(@"^waymark-dataset-\d{4}-\d{2}\.csv$", download.SuggestedFilename);
        await page.Context.CloseAsync();
    }
}
