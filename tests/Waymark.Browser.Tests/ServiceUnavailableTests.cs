using Microsoft.Playwright;
using Waymark.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// The page a person sees while the database is out of reach (<see cref="DatabaseUnavailable"/>; the outage itself is
/// tested in tests/Waymark.Operations.Tests). It is written without Razor, so it is checked here as served: the browser
/// is given exactly its body with the 503 status, on the app's own address so its style sheets load as they would.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ServiceUnavailableTests(BrowserFixture fx)
{
    [Fact]
    public async Task The_service_unavailable_page_has_one_heading_a_title_and_passes_axe()
    {
        var page = await fx.NewPageAsync();
        var (contentType, body) = DatabaseUnavailable.AnswerFor("/people");
        await page.RouteAsync("**/people/unavailable-check", route => route.FulfillAsync(new()
        {
            Status = 503, ContentType = contentType, Body = body,
        }));
        var response = await page.GotoAsync("/people/unavailable-check");
        Assert.Equal(503, response!.Status);
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        await Expect(page.Locator("h1")).ToHaveTextAsync(DatabaseUnavailable.Heading);
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^" + DatabaseUnavailable.Heading));
        await page.AssertAccessibleAsync("service unavailable");
        await page.Context.CloseAsync();
    }
}
