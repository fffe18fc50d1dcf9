using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Duplicates;
using Waymark.Screening;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>The team manager's duplicates queue: scanning, deciding, merging, un-merging, and who may do it.</summary>
public abstract class DuplicatesTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : DuplicatesTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : DuplicatesTests(app);

    /// <summary>A team of its own (so its queue holds only this test's pairs) with Jon Smyth and John Smith planted among different people.</summary>
    private async Task<(Guid Team, AppClient Manager, Guid Jon, Guid John)> TeamWithPlantedPairAsync()
    {
        var (team, email) = await app.Data.AddTeamWithManagerAsync();
        var family = TestData.UniqueName("Smyth");
        var jon = await app.Data.AddPersonAsync(team, "Jon", family, new DateOnly(1985, 12, 3), p => p.Postcode = "NS1 4AB");
        var john = await app.Data.AddPersonAsync(team, "John", family, new DateOnly(1985, 3, 12), p => p.Postcode = "NS1 4AB");
        await app.Data.AddPersonAsync(team, "Priya", TestData.UniqueName("Okonkwo"), new DateOnly(1990, 6, 1));
        await app.Data.AddPersonAsync(team, "Kwame", TestData.UniqueName("Mensah"), new DateOnly(1971, 2, 20));
        return (team, await app.SignedInAsync(email), jon.Id, john.Id);
    }

    private static async Task<HtmlPage> ScanAsync(AppClient manager)
    {
        var queue = await manager.GetPageAsync("/duplicates");
        using var scanned = await queue.Form("main form[action$='handler=Scan']").SubmitAsync(manager);
        Assert.Equal("/duplicates", Redirects.Target(scanned));
        return await manager.FollowAsync(scanned);
    }

    private Task<DuplicateCandidate> CandidateAsync(Guid team) =>
        app.Data.QueryAsync(db => db.DuplicateCandidates.SingleAsync(c => c.TeamId == team));

    [Fact]
    public async Task Scanning_finds_the_planted_pair_and_the_queue_shows_both_people_and_the_reasons()
    {
        var (team, manager, jon, john) = await TeamWithPlantedPairAsync();
        using var _ = manager;

        var queue = await ScanAsync(manager);

        Assert.Contains("Scan finished: 4 people checked, 1 pair to review.", queue.MainText);
        Assert.Contains("1 pair to review", queue.MainText);
        var candidate = await CandidateAsync(team);
        Assert.Equal(DuplicateCandidate.Order(jon, john), (candidate.PersonAId, candidate.PersonBId));
        Assert.Contains($"/duplicates/{candidate.Id}", queue.Links("main a"));
        Assert.Contains("known nickname", queue.MainText);
        Assert.Contains("day and month swapped", queue.MainText);
        Assert.Contains("points to the same person", queue.MainText);
        Assert.Contains("3 December 1985", queue.MainText);
        Assert.Contains("12 March 1985", queue.MainText);
    }

    [Fact]
    public async Task Not_the_same_person_is_recorded_and_the_pair_is_not_raised_again_by_a_rescan()
    {
        var (team, manager, jon, _) = await TeamWithPlantedPairAsync();
        using var _ = manager;
        await ScanAsync(manager);
        var candidate = await CandidateAsync(team);

        var review = await manager.GetPageAsync($"/duplicates/{candidate.Id}");
        using var unchosen = await review.Form().SubmitAsync(manager);
        Assert.Equal(HttpStatusCode.OK, unchosen.StatusCode);
        Assert.Contains("Select whether to merge these records", (await HtmlPage.ReadAsync(unchosen)).ErrorSummary);
        using var decided = await review.Form().Set("Decision", "not-same").SubmitAsync(manager);
        Assert.Equal("/duplicates", Redirects.Target(decided));
        var rescanned = await ScanAsync(manager);

        Assert.Contains("0 pairs to review", rescanned.MainText);
        Assert.Contains("No pairs to review", rescanned.MainText);
        var stored = await CandidateAsync(team);
        Assert.Equal(candidate.Id, stored.Id);
        Assert.Equal(DuplicateDecision.NotSamePerson, stored.Decision);
        Assert.NotNull(stored.DecidedAt);
        Assert.NotNull(stored.DecidedByUserId);
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.PersonId == jon && e.RecordType == "DuplicateCandidate")));
    }

    [Fact]
    public async Task Merging_moves_episodes_and_screening_is_audited_and_undoing_it_restores_exactly()
    {
        var (team, manager, jon, john) = await TeamWithPlantedPairAsync();
        using var _ = manager;
        var jonEpisode = await app.Data.AddEpisodeAsync(jon, team);
        var johnEpisode = await app.Data.AddEpisodeAsync(john, team);
        var outcome = new ScreeningOutcome { TeamId = team, EpisodeId = jonEpisode.Id, PersonId = jon, Sequence = 1, RecordedAt = DateTimeOffset.UtcNow, RecordedByUserId = "test" };
        await app.Data.ChangeAsync(db => { db.ScreeningOutcomes.Add(outcome); return Task.CompletedTask; });
        await ScanAsync(manager);
        var candidate = await CandidateAsync(team);
        var keep = candidate.PersonAId == john ? "keep-a" : "keep-b";

        var review = await manager.GetPageAsync($"/duplicates/{candidate.Id}");
        using var merged = await review.Form().Set("Decision", keep).SubmitAsync(manager);

        Assert.StartsWith("/duplicates/merges/", Redirects.Target(merged));
        var mergePage = await manager.FollowAsync(merged);
        Assert.Contains("Records merged", mergePage.MainText);
        var (episodes, outcomePerson, jonMergedInto, audits) = await app.Data.QueryAsync(async db => (
            await db.Episodes.Where(e => e.Id == jonEpisode.Id || e.Id == johnEpisode.Id).Select(e => e.PersonId).ToListAsync(),
            await db.ScreeningOutcomes.Where(o => o.Id == outcome.Id).Select(o => o.PersonId).SingleAsync(),
            await db.People.Where(p => p.Id == jon).Select(p => p.MergedIntoPersonId).SingleAsync(),
            await db.AuditEvents.Where(e => e.Action == AuditAction.Merged && (e.PersonId == jon || e.PersonId == john)).Select(e => e.PersonId).ToListAsync()));
        Assert.All(episodes, p => Assert.Equal(john, p));
        Assert.Equal(john, outcomePerson);
        Assert.Equal(john, jonMergedInto);
        Assert.Equal(new[] { jon, john }.Order(), audits.Select(a => a!.Value).Order());

        // The merged record's address says where they went; search finds only the kept record.
        var old = await manager.GetPageAsync($"/people/{jon}");
        Assert.Equal("This record has been merged", old.H1);
        Assert.Contains($"/people/{john}", old.Links("main a"));

        using var undone = await mergePage.Form("main form[action$='handler=Undo']").SubmitAsync(manager);
        var after = await manager.FollowAsync(undone);
        Assert.Contains("Merge undone", after.MainText);
        var (episodesAfter, outcomeAfter, jonAfter) = await app.Data.QueryAsync(async db => (
            await db.Episodes.Where(e => e.Id == jonEpisode.Id || e.Id == johnEpisode.Id).ToDictionaryAsync(e => e.Id, e => e.PersonId),
            await db.ScreeningOutcomes.Where(o => o.Id == outcome.Id).Select(o => o.PersonId).SingleAsync(),
            await db.People.Include(p => p.TeamLinks).SingleAsync(p => p.Id == jon)));
        Assert.Equal(jon, episodesAfter[jonEpisode.Id]);
        Assert.Equal(john, episodesAfter[johnEpisode.Id]);
        Assert.Equal(jon, outcomeAfter);
        Assert.Null(jonAfter.MergedIntoPersonId);
        Assert.Equal(team, Assert.Single(jonAfter.TeamLinks).TeamId);
        Assert.Null((await CandidateAsync(team)).Decision); // back in the queue
        Assert.Equal("Jon " + jonAfter.FamilyName, (await manager.GetPageAsync($"/people/{jon}")).H1);
    }

    [Fact]
    public async Task A_merge_from_a_review_page_opened_before_a_record_changed_is_refused_and_nothing_is_merged()
    {
        var (team, manager, jon, john) = await TeamWithPlantedPairAsync();
        using var _ = manager;
        await ScanAsync(manager);
        var candidate = await CandidateAsync(team);
        var review = await manager.GetPageAsync($"/duplicates/{candidate.Id}");
        await app.Data.ChangeAsync(async db => (await db.People.SingleAsync(p => p.Id == john)).Phone = "07700 900001");

        using var refused = await review.Form().Set("Decision", "keep-a").SubmitAsync(manager);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Nothing has been merged", (await HtmlPage.ReadAsync(refused)).ErrorSummary);
        var (merges, mergedPeople) = await app.Data.QueryAsync(async db => (
            await db.PersonMerges.CountAsync(m => m.KeptPersonId == jon || m.KeptPersonId == john),
            await db.People.CountAsync(p => (p.Id == jon || p.Id == john) && p.MergedAt != null)));
        Assert.Equal((0, 0), (merges, mergedPeople));
        Assert.Null((await CandidateAsync(team)).Decision);
    }

    [Fact]
    public async Task Another_teams_manager_gets_not_found_for_the_pair_and_the_merge_and_cannot_post()
    {
        var (_, _, pair) = await app.Data.PlantPairAsync(app.Data.Northshire);
        var (_, merged, merge) = await app.Data.MergedPairAsync(app.Data.Northshire);
        using var other = await app.SignedInAsync(await app.Data.AddManagerAsync(app.Data.Southshire));
        await AccessChecks.AssertAllAsync(other,
        [
            ($"/duplicates/{pair}", Expect.NotFound),
            ($"/duplicates/merges/{merge}", Expect.NotFound),
            ($"/people/{merged.Id}", Expect.NotFound),
            ("/duplicates", Expect.Allowed),
        ], "Southshire manager");
        var token = (await other.GetPageAsync("/duplicates")).Form("main form[action$='handler=Scan']")["__RequestVerificationToken"]!;

        using var decide = await other.PostAsync($"/duplicates/{pair}", [new("__RequestVerificationToken", token), new("Decision", "not-same"),
            new("Version", Guid.Empty.ToString()), new("VersionA", Guid.Empty.ToString()), new("VersionB", Guid.Empty.ToString())]);
        using var undo = await other.PostAsync($"/duplicates/merges/{merge}?handler=Undo", [new("__RequestVerificationToken", token), new("Version", Guid.Empty.ToString())]);

        Assert.Equal(HttpStatusCode.NotFound, decide.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, undo.StatusCode);
        var (decision, undoneAt) = await app.Data.QueryAsync(async db => (
            await db.DuplicateCandidates.Where(c => c.Id == pair).Select(c => c.Decision).SingleAsync(),
            await db.PersonMerges.Where(m => m.Id == merge).Select(m => m.UndoneAt).SingleAsync()));
        Assert.Null(decision);
        Assert.Null(undoneAt);
    }

    [Theory]
    [InlineData(Users.Practitioner)]
    [InlineData(Users.SupportWorker)]
    public async Task Case_workers_who_are_not_managers_cannot_scan_or_decide(string email)
    {
        var (_, _, pair) = await app.Data.PlantPairAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(email);
        var token = (await client.GetPageAsync("/")).Form("header form[action='/account/sign-out']")["__RequestVerificationToken"]!;

        using var scan = await client.PostAsync("/duplicates?handler=Scan", [new("__RequestVerificationToken", token)]);
        using var decide = await client.PostAsync($"/duplicates/{pair}", [new("__RequestVerificationToken", token), new("Decision", "not-same")]);

        Assert.Equal("/account/access-denied", Redirects.Path(scan));
        Assert.Equal("/account/access-denied", Redirects.Path(decide));
        Assert.Null(await app.Data.QueryAsync(db => db.DuplicateCandidates.Where(c => c.Id == pair).Select(c => c.Decision).SingleAsync()));
    }
}
