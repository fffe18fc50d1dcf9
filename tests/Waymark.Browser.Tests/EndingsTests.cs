using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Keeping in touch, issue 13 items 1 and 4, as a new user tries them: the team's support settings (refused bad input),
/// the "not in touch" view, endings due and extending a planned end with a reason; axe on every page and error state.
/// </summary>
[Collection(BrowserCollection.Name)]
public class EndingsTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_manager_is_told_what_is_wrong_with_the_support_settings()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await page.GotoAsync("/team/support-settings");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Keeping in touch: support settings");
        await page.AssertAccessibleAsync("support settings");

        await page.TypeByKeyboardAsync(page.GetByLabel("Not in touch after how many days without a successful contact?"), "0");
        await page.TypeByKeyboardAsync(page.GetByLabel("From", new() { Exact = true }), "25:00");
        await page.PressButtonAsync("Save settings");
        await page.AssertErrorStateAsync("support settings", "Enter a number of days from 1 to 365, like 14", "Enter the time quiet hours start, like 21:00 or 9pm");
        await Expect(page.GetByLabel("From", new() { Exact = true })).ToHaveValueAsync("25:00");
    }

    [Fact]
    public async Task Not_in_touch_lists_the_teams_episodes_nobody_has_reached_lately()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync("/caseload/not-in-touch");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Not in touch");
        // The demo has no contacts yet, so every open episode identified more than 14 days ago is out of touch.
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var threshold = DateTimeOffset.UtcNow.AddDays(-14);
        var expected = await fx.QueryAsync(db => db.Episodes.CountAsync(e => e.TeamId == team && e.ClosedAt == null && e.IdentifiedAt < threshold));
        Assert.True(expected > 0, "the demo team should have episodes identified more than 14 days ago");
        var rows = page.Locator("main table tbody tr");
        await Expect(rows).ToHaveCountAsync(Math.Min(expected, 25));
        await Expect(rows.First.Locator(".nhsuk-tag", new() { HasText = "Not in touch" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("not in touch");
    }

    [Fact]
    public async Task Endings_due_lead_to_extending_a_planned_end_with_a_reason()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync("/caseload/endings");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Endings due");
        await page.AssertAccessibleAsync("endings due");
        var first = page.Locator("main table tbody tr").First;
        await Expect(first.Locator(".nhsuk-tag", new() { HasText = "Overdue" })).ToBeVisibleAsync();

        await page.ClickAndWaitAsync(first.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Extend or change") }));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Planned end of support");
        await page.AssertAccessibleAsync("planned end");

        var later = UkTime.Today(TimeProvider.System).AddDays(40);
        await page.TypeByKeyboardAsync(page.GetByLabel("Day", new() { Exact = true }), later.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.GetByLabel("Month", new() { Exact = true }), later.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.GetByLabel("Year", new() { Exact = true }), later.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.PressButtonAsync("Save planned end date");
        await page.AssertErrorStateAsync("planned end", "Enter why support is being extended");

        await page.TypeByKeyboardAsync(page.GetByLabel("Why is it changing?"), "Waiting for a housing decision");
        await page.PressButtonAsync("Save planned end date");
        await page.AssertNoErrorsAsync("planned end saved");
        await Expect(page.Locator("main")).ToContainTextAsync("Planned end date saved");
        await Expect(page.Locator("main table")).ToContainTextAsync("Waiting for a housing decision");
        await Expect(page.Locator("main dl")).ToContainTextAsync("(extended");
        await page.AssertAccessibleAsync("planned end with history");
    }
}
