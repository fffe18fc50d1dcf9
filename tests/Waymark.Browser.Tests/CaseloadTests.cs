using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>Caseload views and filters, an episode and its milestones, allocation and the audit trails.</summary>
[Collection(BrowserCollection.Name)]
public partial class CaseloadTests(BrowserFixture fx)
{
    [GeneratedRegex(@"/episodes/([0-9a-f-]{36})$")]
    private static partial Regex EpisodeUrl();

    private static string Episodes(int n) => n == 1 ? "1 episode" : $"{n} episodes";

    private static ILocator Count(IPage page) => page.Locator("main p", new() { HasTextRegex = new Regex(@"^\d+ episodes?") });

    private static ILocator Rows(IPage page) => page.Locator("main table tbody tr");

    [Fact]
    public async Task Caseload_views_filters_and_recording_a_milestone()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var me = await fx.QueryAsync(db => db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync());
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));

        // Team caseload: all open episodes of the team.
        await page.GotoAsync("/caseload");
        var open = await fx.QueryAsync(db => db.Episodes.CountAsync(e => e.TeamId == team && e.ClosedAt == null));
        Assert.True(open > 0, "the demo team should have open episodes");
        await Expect(Count(page)).ToHaveTextAsync(new Regex("^" + Episodes(open)));
        await Expect(Rows(page)).ToHaveCountAsync(Math.Min(open, 25));
        await page.AssertAccessibleAsync("team caseload");

        // Filters: identified (nothing done yet), adults only.
        var identifiedAdults = await fx.QueryAsync(db => db.Episodes.CountAsync(e => e.TeamId == team && e.ClosedAt == null
            && e.ScreenedAt == null && e.AssessedAt == null && e.SupportStartedAt == null && !e.IsYouth));
        Assert.True(identifiedAdults > 0, "the demo team should have adults not yet screened");
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Identified" });
        await page.GetByLabel("Age group").SelectOptionAsync(new SelectOptionValue { Label = "Adults" });
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }));
        var query = new Uri(page.Url).Query;
        Assert.Contains("Status=Identified", query, StringComparison.Ordinal);
        Assert.Contains("Age=adult", query, StringComparison.Ordinal);
        await Expect(page.GetByLabel("Status")).ToHaveValueAsync("Identified");
        await Expect(Count(page)).ToHaveTextAsync(new Regex("^" + Episodes(identifiedAdults)));
        await Expect(Rows(page)).ToHaveCountAsync(Math.Min(identifiedAdults, 25));
        foreach (var row in await Rows(page).AllAsync())
        {
            await Expect(row.Locator(".nhsuk-tag").First).ToHaveTextAsync("Identified");
            await Expect(row.Locator(".nhsuk-tag", new() { HasText = "Youth" })).ToHaveCountAsync(0);
        }
        await page.AssertAccessibleAsync("team caseload, filtered");

        // My caseload: only mine, no key worker column or filter.
        await page.GotoAsync("/caseload/mine");
        var mine = await fx.QueryAsync(db => db.Episodes.CountAsync(e => e.TeamId == team && e.ClosedAt == null && e.KeyWorkerId == me));
        await Expect(Count(page)).ToHaveTextAsync(new Regex("^" + Episodes(mine)));
        await Expect(page.GetByLabel("Key worker")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Key worker" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("my caseload");

        // Unallocated.
        await page.GotoAsync("/caseload/unallocated");
        var unallocated = await fx.QueryAsync(db => db.Episodes.CountAsync(e => e.TeamId == team && e.ClosedAt == null && e.KeyWorkerId == null));
        await Expect(Count(page)).ToHaveTextAsync(new Regex("^" + Episodes(unallocated)));
        await page.AssertAccessibleAsync("unallocated episodes");

        // An episode not yet screened: record screening.
        await page.GotoAsync("/caseload?Status=Identified");
        await page.ClickAndWaitAsync(Rows(page).First.GetByRole(AriaRole.Link));
        var episodeId = Guid.Parse(EpisodeUrl().Match(new Uri(page.Url).AbsolutePath).Groups[1].Value);
        await Expect(page.Locator("main p .nhsuk-tag").First).ToHaveTextAsync("Identified");
        await page.AssertAccessibleAsync("episode page");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Screen", Exact = true }));
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Record screening outcome" }));
        foreach (var risk in new[] { "RiskToSelf", "RiskToOthers", "RiskFromOthers" }) await page.Locator($"input[name={risk}][value=Low]").CheckAsync();
        await page.Locator("input[name=Urgency][value=Today]").CheckAsync();
        await page.Locator("input[name=Decision][value=FullAssessment]").CheckAsync();
        await page.PressButtonAsync("Save outcome");
        await page.AssertNoErrorsAsync("screening outcome");
        await page.GotoAsync($"/episodes/{episodeId}");
        await Expect(page.Locator("main p .nhsuk-tag").First).ToHaveTextAsync("Screened");
        await Expect(page.Locator(".nhsuk-summary-list__row", new() { HasTextRegex = new Regex("^Screened") })).ToContainTextAsync("by Alex Morgan");
        await Expect(page.Locator(".nhsuk-summary-list__row", new() { HasTextRegex = new Regex("^Assessed") })).ToContainTextAsync("due by");
        await page.AssertAccessibleAsync("episode page after screening");
        var screened = await fx.QueryAsync(db => db.Episodes.Where(e => e.Id == episodeId).Select(e => e.ScreenedAt).SingleAsync());
        Assert.NotNull(screened);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Team_manager_allocates_and_reads_the_audit_trails()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));

        // Allocate an unallocated episode to Sam Okoye.
        await page.GotoAsync("/caseload/unallocated");
        await page.ClickAndWaitAsync(Rows(page).First.GetByRole(AriaRole.Link));
        var episodeId = Guid.Parse(EpisodeUrl().Match(new Uri(page.Url).AbsolutePath).Groups[1].Value);
        var keyWorker = page.Locator(".nhsuk-summary-list__row", new() { HasTextRegex = new Regex("^Key worker") }).Locator(".nhsuk-summary-list__value");
        await Expect(keyWorker).ToHaveTextAsync("Not allocated");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Change key worker" }));
        Assert.Equal($"/episodes/{episodeId}/allocate", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Who will be their key worker?");
        await page.AssertAccessibleAsync("allocate page");
        await page.ChooseRadioByKeyboardAsync("KeyWorker", page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Sam Okoye") }));
        await page.PressButtonAsync("Allocate");
        Assert.Equal($"/episodes/{episodeId}", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Allocated to Sam Okoye");
        await Expect(keyWorker).ToHaveTextAsync("Sam Okoye");

        // Audit: the index, a user's trail, a person's trail.
        await page.GotoAsync("/audit");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Audit");
        await page.AssertAccessibleAsync("audit index");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Pat Hughes", Exact = true }));
        Assert.Matches(@"^/audit/users/[^/]+$", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Pat Hughes");
        var events = page.GetByRole(AriaRole.Table, new() { Name = "Audit events, newest first" });
        await Expect(events.Locator("tbody tr", new() { HasText = "Allocated" }).First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("user audit trail");

        var personId = await fx.QueryAsync(db => db.Episodes.Where(e => e.Id == episodeId).Select(e => e.PersonId).SingleAsync());
        await page.GotoAsync($"/people/{personId}");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Who has seen this record" }));
        Assert.Equal($"/audit/people/{personId}", new Uri(page.Url).AbsolutePath);
        await Expect(events.Locator("tbody tr", new() { HasText = "Pat Hughes" }).First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("person audit trail");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Team_manager_changes_the_caseload_limits()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await page.GotoAsync("/caseload");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Change caseload limits" }));
        Assert.Equal("/caseload/capacity", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Caseload limits");
        await page.AssertAccessibleAsync("caseload limits");

        var teamLimit = page.GetByLabel("Open episodes for the whole team");
        await teamLimit.FillAsync("lots");
        await page.PressButtonAsync("Save limits");
        await page.AssertErrorStateAsync("caseload limits with an error", "Enter a whole number, like 25, or leave it empty");
        await Expect(teamLimit).ToHaveValueAsync("lots");

        await teamLimit.FillAsync("140");
        await page.PressButtonAsync("Save limits");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Caseload limits saved");
        await Expect(teamLimit).ToHaveValueAsync("140");
        var saved = await fx.QueryAsync(db => db.Teams.Where(t => t.Name == Waymark.Demo.DemoSeeder.DemoTeamName).Select(t => t.CaseloadCapacity).SingleAsync());
        Assert.Equal(140, saved);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Practitioner_takes_an_unallocated_episode_by_keyboard_and_is_offered_the_next_step()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync("/caseload/unallocated?Show=not-screened");
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Urgency" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Assessment due by" })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Screening not yet done" })).ToBeCheckedAsync();
        await page.AssertAccessibleAsync("unallocated episodes not yet screened");

        var row = Rows(page).First;
        var episodeId = Guid.Parse(EpisodeUrl().Match((await row.GetByRole(AriaRole.Link).First.GetAttributeAsync("href"))!).Groups[1].Value);
        await page.TabToAsync(row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Take the episode for ") }), 200);
        await page.NavigatesAsync(() => page.Keyboard.PressAsync("Enter"));

        Assert.Equal($"/episodes/{episodeId}", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are now the key worker for this episode");
        await Expect(page.Locator(".nhsuk-summary-list__row", new() { HasTextRegex = new Regex("^Key worker") })).ToContainTextAsync("Alex Morgan");
        await page.AssertAccessibleAsync("episode just taken");

        // The person page offers screening directly; My tasks lists it.
        await page.ClickAndWaitAsync(page.Locator("main .nhsuk-caption-l a"));
        await Expect(page.Locator($"main a.nhsuk-button[href='/episodes/{episodeId}/screening']")).ToContainTextAsync("Screen now");
        await page.AssertAccessibleAsync("person page with Screen now");
        await page.GotoAsync("/tasks/episodes");
        await Expect(page.Locator($"main table a[href='/episodes/{episodeId}/screening']")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync("screenings and assessments due");
        await page.Context.CloseAsync();
    }
}
