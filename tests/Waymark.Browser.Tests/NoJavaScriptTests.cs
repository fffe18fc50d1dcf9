using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>Progressive enhancement: the identification journey with JavaScript turned off in the browser.</summary>
[Collection(BrowserCollection.Name)]
public class NoJavaScriptTests(BrowserFixture fx)
{
    [Fact]
    public async Task Identification_journey_works_without_JavaScript()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner2"), javaScript: false);
        // Proof that scripts really did not run: init.js would have marked the body.
        await Expect(page.Locator("body.js-enabled")).ToHaveCountAsync(0);

        // axe needs script in the page, so each page is also loaded in a twin that runs no script of the app's
        // (same cookies, the app's .js files blocked) and checked there, as it renders without JavaScript.
        var twin = await fx.ScriptlessTwinAsync(page);
        async Task AxeAsync(string what)
        {
            await page.AssertStructureAsync(what);
            await twin.GotoAsync(page.Url);
            await Expect(twin.Locator("body.js-enabled")).ToHaveCountAsync(0);
            await twin.AssertAccessibleAsync(what + ", rendered without JavaScript");
        }

        await page.GotoAsync("/identification");
        await AxeAsync("identification start page");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Start now" }));
        Assert.EndsWith("/setting", page.Url, StringComparison.Ordinal);

        // An error state works too (server-side validation only).
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await page.AssertErrorSummaryAsync("setting step without JavaScript", "Select where they were identified");

        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var earlier = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, london).AddDays(-2);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Magistrates' court" }).CheckAsync();
        await page.GetByLabel("Day").FillAsync(earlier.Day.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Month").FillAsync(earlier.Month.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Year").FillAsync(earlier.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Time identified").FillAsync("14:05");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        Assert.EndsWith("/reason", page.Url, StringComparison.Ordinal);
        await AxeAsync("reason step");

        await page.GetByLabel("Who identified them").FillAsync("Duty solicitor");
        await page.GetByLabel("Why they were identified").FillAsync("Said they had not slept for days.\nAsked for help with housing.");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Housing or homelessness" }).CheckAsync();
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        Assert.EndsWith("/person", page.Url, StringComparison.Ordinal);

        // A name no one has, so there is no one to match.
        var family = "Zyxwvutsrq" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'q').Replace('1', 'z');
        await page.GetByLabel("First name").FillAsync("Ottoline");
        await page.GetByLabel("Last name").FillAsync(family);
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        Assert.EndsWith("/matches", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("h1")).ToHaveTextAsync("No one matching in your team's records");
        await AxeAsync("no match step");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Continue as a new person" }));
        Assert.EndsWith("/check", page.Url, StringComparison.Ordinal);
        await AxeAsync("check your answers");

        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Record identification" }));
        Assert.Matches(new Regex(@"/people/[0-9a-f-]{36}$"), new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Ottoline {family}");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Identification recorded");
        await Expect(page.Locator("main table tbody tr")).ToContainTextAsync("Magistrates' court");
        await AxeAsync("new person's page");
        await twin.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
