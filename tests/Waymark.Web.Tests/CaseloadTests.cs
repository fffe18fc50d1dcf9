using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Teams;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>The team's caseload views: scope, filters, paging and allocation by the team manager.</summary>
public abstract class CaseloadTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : CaseloadTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : CaseloadTests(app);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Episode ids listed on a caseload view, following its "Next" links through every page.</summary>
    private static async Task<List<Guid>> AllRowsAsync(AppClient client, string url)
    {
        var ids = new List<Guid>();
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < 50, "Too many pages: the Next link does not end");
            var page = await client.GetPageAsync(url);
            ids.AddRange(RowsOf(page));
            url = page.Document.QuerySelector("a.nhsuk-pagination__link--next")?.GetAttribute("href")!;
        }
        return ids;
    }

    private static List<Guid> RowsOf(HtmlPage page) =>
        page.Links("main table tbody a[href^='/episodes/']").Select(h => Guid.Parse(h["/episodes/".Length..])).ToList();

    /// <summary>Closes a test episode now, through the episode's own rule.</summary>
    private static void ClosedNow(Episode e) => e.Close(e.IdentifiedByUserId, DateTimeOffset.UtcNow, ClosureReason.SupportCompleted, null);

    private Task<HashSet<Guid>> DbEpisodesAsync(Func<Episode, bool> where) =>
        app.Data.QueryAsync(async db => (await db.Episodes.ToListAsync()).Where(where).Select(e => e.Id).ToHashSet());

    [Fact]
    public async Task Team_caseload_lists_every_open_episode_of_the_team_and_nothing_else()
    {
        var (_, southshireOpen) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Southshire);
        var (_, northshireClosed) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, ClosedNow);
        var (_, northshireOpen) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);

        var listed = await AllRowsAsync(client, "/caseload");

        var expected = await DbEpisodesAsync(e => e.TeamId == app.Data.Northshire && e.ClosedAt is null);
        Assert.Equal(listed.Count, listed.Distinct().Count()); // no row on two pages
        Assert.Equal(expected.Order(), listed.Order());
        Assert.Contains(northshireOpen.Id, listed);
        Assert.DoesNotContain(northshireClosed.Id, listed);
        Assert.DoesNotContain(southshireOpen.Id, listed);
        var first = await client.GetPageAsync("/caseload");
        Assert.Contains($"{expected.Count} episodes", first.MainText);
    }

    [Fact]
    public async Task Filters_change_the_rows_to_exactly_the_matching_episodes()
    {
        var p2 = app.Data.UserId(Users.Practitioner2);
        var youthPerson = await app.Data.AddPersonAsync(app.Data.Northshire, "Kai", TestData.UniqueName("Filter"), Today.AddYears(-15));
        var target = await app.Data.AddEpisodeAsync(youthPerson.Id, app.Data.Northshire, e =>
        {
            (e.IsYouth, e.AgeAtIdentification) = (true, 15);
            e.Allocate(p2, e.IdentifiedByUserId, e.IdentifiedAt);
            e.RecordScreened(e.IdentifiedByUserId, e.IdentifiedAt.AddMinutes(30));
            e.PlannedEndDate = Today.AddDays(-10);
        });
        await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, ClosedNow);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var all = (await AllRowsAsync(client, "/caseload")).ToHashSet();
        bool Open(Episode e) => e.TeamId == app.Data.Northshire && e.ClosedAt is null;

        var cases = new (string Name, Action<HtmlForm> Choose, Func<Episode, bool> Expected)[]
        {
            ("closed", f => f.Set("Status", "Closed"), e => e.TeamId == app.Data.Northshire && e.ClosedAt is not null),
            ("screened", f => f.Set("Status", "Screened"), e => Open(e) && e.Status == EpisodeStatus.Screened),
            ("key worker", f => f.Set("Worker", p2), e => Open(e) && e.KeyWorkerId == p2),
            ("youth", f => f.Set("Age", "youth"), e => Open(e) && e.IsYouth),
            ("adults", f => f.Set("Age", "adult"), e => Open(e) && !e.IsYouth),
            ("overdue", f => f.Set("Show", "overdue"), e => Open(e) && e.PlannedEndDate < Today),
            ("key worker, youth and overdue", f => f.Set("Worker", p2).Set("Age", "youth").Set("Show", "overdue"),
                e => Open(e) && e.KeyWorkerId == p2 && e.IsYouth && e.PlannedEndDate < Today),
        };
        var failures = new List<string>();
        foreach (var (name, choose, expectedWhere) in cases)
        {
            var filtered = (await client.GetPageAsync("/caseload")).Form();
            choose(filtered);
            using var response = await filtered.SubmitAsync(client);
            var url = response.RequestMessage!.RequestUri!.PathAndQuery;
            var listed = await AllRowsAsync(client, url);
            var expected = await DbEpisodesAsync(expectedWhere);
            if (!expected.SetEquals(listed)) failures.Add($"{name} ({url}): listed {listed.Count}, expected {expected.Count}");
            if (expected.Count == 0 || expected.SetEquals(all)) failures.Add($"{name}: the filter should pick some but not all rows (expected {expected.Count} of {all.Count})");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Contains(target.Id, await AllRowsAsync(client, $"/caseload?Worker={p2}&Age=youth&Show=overdue"));
    }

    [Fact]
    public async Task Filters_with_a_value_not_in_the_list_show_an_error_not_rows()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync("/caseload?Status=Lost&Worker=nobody");
        Assert.Contains(("#Status", "Select a status from the list"), page.ErrorLinks);
        Assert.Contains(("#Worker", "Select a key worker from the list"), page.ErrorLinks);
        Assert.Empty(RowsOf(page));
    }

    [Fact]
    public async Task Pages_hold_different_rows_and_the_next_link_keeps_the_filters()
    {
        var open = await DbEpisodesAsync(e => e.TeamId == app.Data.Northshire && e.ClosedAt is null && !e.IsYouth);
        for (var i = open.Count; i <= 26; i++) await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire); // make sure there are two pages
        using var client = await app.SignedInAsync(Users.TeamManager);

        var page1 = await client.GetPageAsync("/caseload?Age=adult");
        var page2 = await client.GetPageAsync("/caseload?Age=adult&page=2");

        Assert.Equal(25, RowsOf(page1).Count);
        Assert.NotEmpty(RowsOf(page2));
        Assert.Empty(RowsOf(page1).Intersect(RowsOf(page2)));
        Assert.Matches(@"episodes, page 2 of \d+", page2.MainText);
        var next = page1.Document.QuerySelector("a.nhsuk-pagination__link--next")?.GetAttribute("href");
        Assert.Equal("/caseload?Age=adult&page=2", next);
        var previous = page2.Document.QuerySelector("a.nhsuk-pagination__link--prev")?.GetAttribute("href");
        Assert.Equal("/caseload?Age=adult&page=1", previous);
    }

    [Fact]
    public async Task My_caseload_lists_only_my_open_episodes()
    {
        var p2 = app.Data.UserId(Users.Practitioner2);
        await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.Allocate(p2, e.IdentifiedByUserId, e.IdentifiedAt));
        using var client = await app.SignedInAsync(Users.Practitioner2);

        var listed = await AllRowsAsync(client, "/caseload/mine");

        Assert.Equal((await DbEpisodesAsync(e => e.TeamId == app.Data.Northshire && e.ClosedAt is null && e.KeyWorkerId == p2)).Order(), listed.Order());
    }

    [Fact]
    public async Task Allocating_without_choosing_a_worker_asks_for_one_and_records_nothing()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var manager = await app.SignedInAsync(Users.TeamManager);

        var allocate = await manager.GetPageAsync($"/episodes/{episode.Id}/allocate");
        Assert.Empty(allocate.Document.QuerySelectorAll("input[name=KeyWorker][checked]"));
        using var response = await allocate.Form().SubmitAsync(manager);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Contains(("#KeyWorker", "Select who will be their key worker"), page.ErrorLinks);
        var saved = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.Id == episode.Id));
        Assert.Null(saved.KeyWorkerId);
        Assert.Null(saved.AllocatedAt);
        Assert.False(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.RecordId == episode.Id.ToString() && a.Action == AuditAction.Allocated)));
    }

    [Fact]
    public async Task Allocating_moves_an_episode_off_the_unallocated_list_and_warns_when_the_worker_is_over_their_limit()
    {
        // A limit of 1 (the smallest the team's settings allow: a 0 here made the capacity page refuse other tests' saves), already reached.
        var limited = await app.Data.AddUserAsync(app.Data.Northshire, "Casey Limit", Roles.Practitioner, caseloadCapacity: 1);
        await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.Allocate(limited, e.IdentifiedByUserId, e.IdentifiedAt));
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var (_, other) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var manager = await app.SignedInAsync(Users.TeamManager);
        Assert.Contains(episode.Id, await AllRowsAsync(manager, "/caseload/unallocated"));

        var allocate = await manager.GetPageAsync($"/episodes/{episode.Id}/allocate");
        var option = allocate.Document.QuerySelectorAll("input[name=KeyWorker]").Single(r => r.GetAttribute("value") == limited);
        Assert.Contains("Casey Limit – 1 open of 1 (at or over capacity)", allocate.Document.QuerySelector($"label[for='{option.Id}']")!.TextContent);
        using var response = await allocate.Form().Set("KeyWorker", limited).SubmitAsync(manager);

        Assert.Equal($"/episodes/{episode.Id}", Redirects.Target(response));
        var episodePage = await manager.FollowAsync(response);
        Assert.Contains("Allocated to Casey Limit. They now have 2 open episodes, above their limit of 1.", episodePage.MainText);
        Assert.DoesNotContain(episode.Id, await AllRowsAsync(manager, "/caseload/unallocated"));
        Assert.Contains(episode.Id, await AllRowsAsync(manager, $"/caseload?Worker={limited}"));
        var saved = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.Id == episode.Id));
        Assert.Equal((limited, app.Data.UserId(Users.TeamManager)), (saved.KeyWorkerId, saved.AllocatedByUserId));
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.RecordId == episode.Id.ToString() && a.Action == AuditAction.Allocated)));

        // Within the limit: no warning.
        using var withinLimit = await (await manager.GetPageAsync($"/episodes/{other.Id}/allocate")).Form()
            .Set("KeyWorker", app.Data.UserId(Users.Practitioner2)).SubmitAsync(manager);
        var otherPage = await manager.FollowAsync(withinLimit);
        Assert.Contains("Allocated to Sam Okoye", otherPage.MainText);
        Assert.DoesNotContain("above their limit", otherPage.MainText);
    }

    [Fact]
    public async Task Allocating_to_someone_outside_the_team_is_refused()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var manager = await app.SignedInAsync(Users.TeamManager);
        var form = (await manager.GetPageAsync($"/episodes/{episode.Id}/allocate")).Form()
            .Set("KeyWorker", app.Data.UserId(Users.SouthshirePractitioner));

        var page = await HtmlPage.ReadAsync(await form.SubmitAsync(manager));

        Assert.Contains(("#KeyWorker", "Select a key worker from the list"), page.ErrorLinks);
        Assert.Null(await app.Data.QueryAsync(db => db.Episodes.Where(e => e.Id == episode.Id).Select(e => e.KeyWorkerId).SingleAsync()));
    }
}
