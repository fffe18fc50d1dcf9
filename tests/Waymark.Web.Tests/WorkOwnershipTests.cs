using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Screening;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Work that somebody owns (issue 11, item 16): a case worker takes an unallocated episode, the unallocated list shows
/// urgency and due-by and puts the most urgent first, "My tasks" lists due screenings and assessments, and the person
/// page offers the next clinical step directly.
/// </summary>
public abstract class WorkOwnershipTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : WorkOwnershipTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : WorkOwnershipTests(app);

    /// <summary>Episode ids on a list, following its "Next" links through every page.</summary>
    private static async Task<List<Guid>> AllRowsAsync(AppClient client, string url)
    {
        var ids = new List<Guid>();
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < 80, "Too many pages: the Next link does not end");
            var page = await client.GetPageAsync(url);
            ids.AddRange(page.Links("main table tbody a[href^='/episodes/']")
                .Where(h => h.Count(c => c == '/') == 2).Select(h => Guid.Parse(h["/episodes/".Length..])));
            url = page.Document.QuerySelector("a.nhsuk-pagination__link--next")?.GetAttribute("href")!;
        }
        return ids.Distinct().ToList();
    }

    /// <summary>Screened now, with an outcome of <paramref name="urgency"/> whose full assessment is due at <paramref name="due"/>.</summary>
    private async Task<Episode> ScreenedEpisodeAsync(Urgency urgency, DateTimeOffset due, string? keyWorker = null)
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e =>
        {
            e.RecordScreened(e.IdentifiedByUserId, e.IdentifiedAt.AddMinutes(10));
            e.AssessmentDueAt = due;
            if (keyWorker is not null) e.Allocate(keyWorker, e.IdentifiedByUserId, e.IdentifiedAt);
        });
        await app.Data.ChangeAsync(db =>
        {
            db.ScreeningOutcomes.Add(new ScreeningOutcome
            {
                TeamId = app.Data.Northshire, EpisodeId = episode.Id, PersonId = person.Id, Sequence = 1, Urgency = urgency,
                Decision = ScreeningDecision.FullAssessment, AssessmentDueAt = due, RecordedAt = episode.IdentifiedAt.AddMinutes(10),
                RecordedByUserId = episode.IdentifiedByUserId,
            });
            return Task.CompletedTask;
        });
        return episode;
    }

    /// <summary>Signs in as a user made by <see cref="TestData.AddUserAsync"/> (their email is generated).</summary>
    private async Task<AppClient> SignedInAsUserAsync(string userId) =>
        await app.SignedInAsync(await app.Data.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync()));

    private Task<Episode> SavedAsync(Guid id) => app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.Id == id));

    [Fact]
    public async Task A_practitioner_takes_an_unallocated_episode_from_the_list_and_it_becomes_theirs_with_an_audit_event()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var me = app.Data.UserId(Users.Practitioner);

        // The list's own "Take" form for this row (found by its action), with its anti-forgery token.
        HtmlForm? take = null;
        for (var url = "/caseload/unallocated"; take is null && url is not null;)
        {
            var page = await client.GetPageAsync(url);
            if (page.Document.QuerySelector($"form[action='/episodes/{episode.Id}?handler=Take']") is not null)
                take = page.Form($"form[action='/episodes/{episode.Id}?handler=Take']");
            url = page.Document.QuerySelector("a.nhsuk-pagination__link--next")?.GetAttribute("href")!;
        }
        Assert.NotNull(take);
        using var response = await take!.SubmitAsync(client);

        Assert.Equal($"/episodes/{episode.Id}", Redirects.Target(response));
        var episodePage = await client.FollowAsync(response);
        Assert.Contains("You are now the key worker for this episode", episodePage.MainText);
        Assert.DoesNotContain("Take this episode", episodePage.MainText);
        var saved = await SavedAsync(episode.Id);
        Assert.Equal((me, me), (saved.KeyWorkerId, saved.AllocatedByUserId));
        Assert.NotNull(saved.AllocatedAt);
        var audit = await app.Data.QueryAsync(db => db.AuditEvents.SingleAsync(a => a.RecordId == episode.Id.ToString() && a.Action == AuditAction.Allocated));
        Assert.Equal((me, "Took the episode as key worker"), (audit.UserId, audit.Detail));
        Assert.DoesNotContain(episode.Id, await AllRowsAsync(client, "/caseload/unallocated"));
        Assert.Contains(episode.Id, await AllRowsAsync(client, "/caseload/mine"));
    }

    [Fact]
    public async Task The_episode_page_offers_take_to_a_support_worker_and_warns_when_it_puts_them_over_their_limit()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        // A limit of 1 (the smallest the team's settings allow), already reached.
        var worker = await app.Data.AddUserAsync(app.Data.Northshire, "Robin Full", Waymark.Teams.Roles.SupportWorker, caseloadCapacity: 1);
        await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.Allocate(worker, e.IdentifiedByUserId, e.IdentifiedAt));
        using var client = await SignedInAsUserAsync(worker);

        var page = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Contains("This episode has no key worker", page.MainText);
        using var response = await page.Form("form[action$='handler=Take']").SubmitAsync(client);

        var after = await client.FollowAsync(response);
        Assert.Contains("You are now the key worker for this episode. You have 2 open episodes, above your limit of 1.", after.MainText);
        Assert.Equal(worker, (await SavedAsync(episode.Id)).KeyWorkerId);
    }

    [Fact]
    public async Task Taking_an_episode_someone_else_took_first_is_refused_with_their_name_and_changes_nothing()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var stale = (await client.GetPageAsync($"/episodes/{episode.Id}")).Form("form[action$='handler=Take']");
        var p2 = app.Data.UserId(Users.Practitioner2);
        await app.Data.ChangeAsync(async db => (await db.Episodes.SingleAsync(e => e.Id == episode.Id)).Allocate(p2, p2, DateTimeOffset.UtcNow));

        var page = await HtmlPage.ReadAsync(await stale.SubmitAsync(client));

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("Sam Okoye is already the key worker for this episode", page.ErrorSummary);
        Assert.Equal(p2, (await SavedAsync(episode.Id)).KeyWorkerId);
        Assert.False(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.RecordId == episode.Id.ToString() && a.Detail == "Took the episode as key worker")));
        Assert.DoesNotContain("Take this episode", page.MainText);
    }

    [Fact]
    public async Task Another_teams_episode_cannot_be_taken_and_a_closed_one_is_refused()
    {
        var (_, southshire) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Southshire);
        var (_, closed) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire,
            e => e.Close(e.IdentifiedByUserId, DateTimeOffset.UtcNow, ClosureReason.SupportCompleted, null));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var token = (await client.GetPageAsync($"/episodes/{closed.Id}")).Document
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var other = await client.PostAsync($"/episodes/{southshire.Id}?handler=Take", [new("__RequestVerificationToken", token)]);
        var closedPage = await HtmlPage.ReadAsync(await client.PostAsync($"/episodes/{closed.Id}?handler=Take", [new("__RequestVerificationToken", token)]));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, other.StatusCode);
        Assert.Null((await SavedAsync(southshire.Id)).KeyWorkerId);
        Assert.Contains("so you cannot take it", closedPage.ErrorSummary);
        Assert.Null((await SavedAsync(closed.Id)).KeyWorkerId);
    }

    [Fact]
    public async Task The_unallocated_list_shows_urgency_and_due_by_and_puts_the_most_urgent_first()
    {
        var now = DateTimeOffset.UtcNow;
        var routine = await ScreenedEpisodeAsync(Urgency.Routine, now.AddDays(5));
        var immediate = await ScreenedEpisodeAsync(Urgency.Immediate, now.AddHours(1));
        var overdue = await ScreenedEpisodeAsync(Urgency.Today, now.AddHours(-2));
        var (_, unscreened) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.TeamManager);

        var order = await AllRowsAsync(client, "/caseload/unallocated");

        var positions = new[] { overdue, immediate, routine, unscreened }.Select(e => order.IndexOf(e.Id)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions); // overdue, then immediate, then routine, then waiting for screening
        var first = await client.GetPageAsync("/caseload/unallocated");
        Assert.Contains("most urgent first", first.MainText);
        Assert.Equal(["Person", "Identified", "Where", "Status", "Urgency", "Assessment due by", "Key worker", "Planned end"],
            first.Document.QuerySelectorAll("main table thead th").Select(th => th.TextContent.Trim()));
        var immediateRow = await RowTextAsync(client, "/caseload/unallocated", immediate.Id);
        Assert.Contains("Urgency Immediate", immediateRow);
        var overdueRow = await RowTextAsync(client, "/caseload/unallocated", overdue.Id);
        Assert.Contains("Urgency Today", overdueRow);
        Assert.Contains("Overdue", overdueRow);
        var unscreenedRow = await RowTextAsync(client, "/caseload/unallocated", unscreened.Id);
        Assert.Contains("Status Identified", unscreenedRow);
        Assert.Contains("Urgency Not screened", unscreenedRow); // said once, not three times
        Assert.DoesNotContain("Screening not yet done", unscreenedRow);
    }

    [Fact]
    public async Task The_screening_not_yet_done_filter_lists_exactly_the_unscreened_episodes()
    {
        var screened = await ScreenedEpisodeAsync(Urgency.Routine, DateTimeOffset.UtcNow.AddDays(3));
        var (_, unscreened) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);

        var listed = await AllRowsAsync(client, "/caseload/unallocated?Show=not-screened");
        var teamListed = await AllRowsAsync(client, "/caseload?Show=not-screened");

        var expected = await app.Data.QueryAsync(db => db.Episodes
            .Where(e => e.TeamId == app.Data.Northshire && e.ClosedAt == null && e.ScreenedAt == null && e.KeyWorkerId == null)
            .Select(e => e.Id).ToListAsync());
        Assert.Equal(expected.Order(), listed.Order());
        Assert.Contains(unscreened.Id, listed);
        Assert.DoesNotContain(screened.Id, listed);
        Assert.Contains(unscreened.Id, teamListed);
        Assert.DoesNotContain(screened.Id, teamListed);

        var bad = await client.GetPageAsync("/caseload/unallocated?Show=everything");
        Assert.Contains(("#Show", "Select what to show from the list"), bad.ErrorLinks);
    }

    [Fact]
    public async Task My_tasks_lists_due_assessments_and_unscreened_episodes_of_mine_most_urgent_first_and_nobody_elses()
    {
        var me = await app.Data.AddUserAsync(app.Data.Northshire, "Jo Tasks", Waymark.Teams.Roles.Practitioner);
        var p2 = app.Data.UserId(Users.Practitioner2);
        var due = await ScreenedEpisodeAsync(Urgency.Today, DateTimeOffset.UtcNow.AddHours(3), keyWorker: me);
        var overdue = await ScreenedEpisodeAsync(Urgency.Immediate, DateTimeOffset.UtcNow.AddHours(-1), keyWorker: me);
        var (_, unscreened) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.Allocate(me, e.IdentifiedByUserId, e.IdentifiedAt));
        var (_, assessed) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e =>
        {
            e.Allocate(me, e.IdentifiedByUserId, e.IdentifiedAt);
            e.RecordScreened(me, e.IdentifiedAt.AddMinutes(5));
            e.AssessmentDueAt = e.IdentifiedAt.AddHours(2);
            e.RecordAssessed(me, e.IdentifiedAt.AddMinutes(30));
        });
        var someoneElses = await ScreenedEpisodeAsync(Urgency.Immediate, DateTimeOffset.UtcNow.AddHours(1), keyWorker: p2);
        using var client = await SignedInAsUserAsync(me);

        var tasks = await client.GetPageAsync("/tasks");

        Assert.Equal("My tasks", tasks.H1);
        Assert.Equal(["Screenings and assessments due", "Referral follow-ups"], tasks.Document.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));
        var listed = tasks.Links("main table tbody a[href^='/episodes/']").Where(h => h.Count(c => c == '/') == 2).Select(h => Guid.Parse(h["/episodes/".Length..])).ToList();
        Assert.Equal([overdue.Id, due.Id, unscreened.Id], listed);
        Assert.Contains($"/episodes/{unscreened.Id}/screening", tasks.Links("main table a"));
        Assert.Contains($"/episodes/{due.Id}/assessment", tasks.Links("main table a"));
        Assert.DoesNotContain(assessed.Id, listed);
        Assert.DoesNotContain(someoneElses.Id, listed);
        var audit = Assert.Single(await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.UserId == me && a.RecordType == "MyEpisodeTasks").ToListAsync()));
        Assert.Contains(overdue.PersonId.ToString(), audit.Detail);

        var paged = await client.GetPageAsync("/tasks/episodes");
        Assert.Equal("Screenings and assessments due", paged.H1);
        var past = await client.GetPageAsync("/tasks/episodes?page=40");
        Assert.Contains(past.Links("main a"), h => h.Contains("page=1"));
    }

    /// <summary>A walk-through found a support worker's task list linking to an assessment they may only read.</summary>
    [Fact]
    public async Task A_support_workers_tasks_say_who_does_the_clinical_step_instead_of_linking_to_it()
    {
        var worker = await app.Data.AddUserAsync(app.Data.Northshire, "Lee Support", Waymark.Teams.Roles.SupportWorker);
        var due = await ScreenedEpisodeAsync(Urgency.Today, DateTimeOffset.UtcNow.AddHours(3), keyWorker: worker);
        var (_, unscreened) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.Allocate(worker, e.IdentifiedByUserId, e.IdentifiedAt));
        using var client = await SignedInAsUserAsync(worker);

        var tasks = await client.GetPageAsync("/tasks");

        Assert.DoesNotContain(tasks.Links("main table a"), h => h.EndsWith("/assessment", StringComparison.Ordinal) || h.EndsWith("/screening", StringComparison.Ordinal));
        var text = HtmlPage.Collapse(tasks.Document.QuerySelector("main table")!.TextContent);
        Assert.Contains("Full assessment, by a practitioner", text);
        Assert.Contains("Screening, by a practitioner", text);
        Assert.Contains($"/episodes/{due.Id}", tasks.Links("main table a"));
        Assert.Contains($"/episodes/{unscreened.Id}", tasks.Links("main table a"));
    }

    [Fact]
    public async Task The_person_page_offers_screen_now_for_an_unscreened_open_episode_but_not_to_a_support_worker()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var screened = await ScreenedEpisodeAsync(Urgency.Today, DateTimeOffset.UtcNow.AddHours(2));
        var screenedPerson = (await SavedAsync(screened.Id)).PersonId;
        using var practitioner = await app.SignedInAsync(Users.Practitioner);
        using var support = await app.SignedInAsync(Users.SupportWorker);

        var page = await practitioner.GetPageAsync($"/people/{person.Id}");
        var assessPage = await practitioner.GetPageAsync($"/people/{screenedPerson}");
        var supportPage = await support.GetPageAsync($"/people/{person.Id}");

        var screenNow = page.Document.QuerySelectorAll("main a.nhsuk-button").Single(a => a.TextContent.Contains("Screen now"));
        Assert.Equal($"/episodes/{episode.Id}/screening", screenNow.GetAttribute("href"));
        Assert.Contains(assessPage.Document.QuerySelectorAll("main a.nhsuk-button"), a => a.TextContent.Contains("Assess now") && a.GetAttribute("href") == $"/episodes/{screened.Id}/assessment");
        Assert.DoesNotContain(assessPage.Document.QuerySelectorAll("main a.nhsuk-button"), a => a.TextContent.Contains("Screen now"));
        Assert.DoesNotContain(supportPage.Document.QuerySelectorAll("main a"), a => a.TextContent.Contains("Screen now"));
    }

    private static async Task<string> RowTextAsync(AppClient client, string url, Guid episodeId)
    {
        for (var pages = 0; url is not null && pages < 80; pages++)
        {
            var page = await client.GetPageAsync(url);
            if (page.Document.QuerySelector($"main table tbody a[href='/episodes/{episodeId}']")?.Closest("tr") is { } row)
                return HtmlPage.Collapse(row.TextContent);
            url = page.Document.QuerySelector("a.nhsuk-pagination__link--next")?.GetAttribute("href")!;
        }
        throw new Xunit.Sdk.XunitException($"Episode {episodeId} is not listed at {url}");
    }
}
