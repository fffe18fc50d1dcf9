using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Web.Infrastructure;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Every page that shows person data leaves an audit event, by convention: a page model declares what it shows
/// (<see cref="IShowsPersonData"/>) or why it shows nobody, and the view-audit filter writes the event.
/// </summary>
public abstract class PersonViewAuditTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : PersonViewAuditTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : PersonViewAuditTests(app);

    [Fact]
    public async Task Every_page_model_declares_the_person_data_it_shows_or_why_it_shows_none()
    {
        var pages = await RoutedPages.PagesAsync(app.Factory);

        var undeclared = pages
            .Where(p => !typeof(IShowsPersonData).IsAssignableFrom(p.HandlerTypeInfo)
                && p.HandlerTypeInfo.GetCustomAttribute<ShowsNoPersonDataAttribute>() is null
                && p.HandlerTypeInfo.GetCustomAttribute<AuditsPersonViewsItselfAttribute>() is null)
            .Select(p => $"{p.ViewEnginePath} ({p.HandlerTypeInfo.FullName})").ToList();
        var unexplained = pages
            .Select(p => p.HandlerTypeInfo.GetCustomAttribute<ShowsNoPersonDataAttribute>()?.Reason ?? p.HandlerTypeInfo.GetCustomAttribute<AuditsPersonViewsItselfAttribute>()?.Reason)
            .Count(reason => reason is not null && string.IsNullOrWhiteSpace(reason));

        Assert.True(undeclared.Count == 0,
            "These pages neither declare the person data they show (implement IShowsPersonData) nor say why they show none "
            + "([ShowsNoPersonData(\"reason\")]) or where they audit it themselves ([AuditsPersonViewsItself(\"reason\")]):\n" + string.Join('\n', undeclared));
        Assert.Equal(0, unexplained);
    }

    [Fact]
    public async Task Every_page_that_shows_person_data_writes_an_audit_event_for_it()
    {
        var team = app.Data.Northshire;
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(team);
        var (pairA, pairB, pair) = await app.Data.PlantPairAsync(team);
        var (kept, merged, merge) = await app.Data.MergedPairAsync(team);
        var (closed, _) = await app.Data.AddPersonWithEpisodeAsync(team, e =>
        {
            e.ClosedAt = e.IdentifiedAt.AddMinutes(30);
            e.ClosedByUserId = app.Data.UserId(Users.Practitioner);
            e.ClosureReason = ClosureReason.SupportCompleted;
        });
        var (proactiveList, proactiveRow) = await ProactiveIdentification.ProactiveData.AddListAsync(app.Data, team, r => { r.PersonId = person.Id; r.Band = Waymark.ProactiveIdentification.MatchBand.Definite; });
        await ProactiveIdentification.ProactiveData.SetRulesAsync(app.Data, team, Waymark.ProactiveIdentification.SelectionRule.KnownToTeam);
        var knownDraft = await app.Data.AddCompleteDraftAsync(Users.TeamManager, team, d => { d.ExistingPersonId = person.Id; d.IsNewPerson = false; });
        var agency = await Liaison.LiaisonData.AddAgencyAsync(app.Data, team);
        var consent = await Liaison.LiaisonData.AddConsentAsync(app.Data, episode, agency.Id);
        var liaisonReport = await LiaisonReports.LiaisonReportData.AddReportDraftAsync(app.Data, episode, (await LiaisonReports.LiaisonReportData.AddAgencyAsync(app.Data, team)).Id);
        using var client = await app.SignedInAsync(Users.TeamManager);
        var me = app.Data.UserId(Users.TeamManager);

        // URL → the event it must leave: its action, record type, and the person it names (null for a list).
        (string Url, AuditAction Action, string RecordType, Guid? PersonId)[] pages =
        [
            ($"/people/{person.Id}", AuditAction.Viewed, "Person", person.Id),
            ($"/people/{closed.Id}", AuditAction.PurposeAsked, "Person", closed.Id),
            ($"/people/{merged.Id}", AuditAction.Viewed, "Person", merged.Id),
            ($"/people/{person.Id}/edit", AuditAction.Viewed, "Person", person.Id),
            ($"/people?Name={person.FamilyName}", AuditAction.Searched, "PersonSearch", null),
            ($"/identification?person={person.Id}", AuditAction.Viewed, "Person", person.Id),
            ($"/identification/{knownDraft}/check", AuditAction.Viewed, "IdentificationDraft", person.Id),
            ($"/episodes/{episode.Id}", AuditAction.Viewed, "Episode", person.Id),
            ($"/episodes/{episode.Id}/allocate", AuditAction.Viewed, "Episode", person.Id),
            ($"/episodes/{episode.Id}/outcomes/new", AuditAction.Viewed, "Outcome", person.Id),
            ($"/episodes/{episode.Id}/referrals/new", AuditAction.Viewed, "Referral", person.Id),
            ($"/episodes/{episode.Id}/screening", AuditAction.Viewed, "Screening", person.Id),
            ($"/episodes/{episode.Id}/screening/phq-9", AuditAction.Viewed, "Screening", person.Id),
            ($"/episodes/{episode.Id}/screening/outcome", AuditAction.Viewed, "ScreeningOutcome", person.Id),
            ($"/episodes/{episode.Id}/assessment", AuditAction.Viewed, "Assessment", person.Id),
            ($"/episodes/{episode.Id}/criminal-justice/consent", AuditAction.Viewed, "CriminalJusticeSharing", person.Id),
            ($"/episodes/{episode.Id}/criminal-justice/consent/{consent.Id}/withdraw", AuditAction.Viewed, "CriminalJusticeSharing", person.Id),
            ($"/episodes/{episode.Id}/criminal-justice/without-consent", AuditAction.Viewed, "CriminalJusticeSharing", person.Id),
            ($"/people/{person.Id}/screening", AuditAction.Viewed, "ScreeningHistory", person.Id),
            ($"/people/{person.Id}/formulation", AuditAction.Viewed, "Formulation", person.Id),
            ($"/people/{person.Id}/formulation/history", AuditAction.Viewed, "Formulation", person.Id),
            ($"/episodes/{episode.Id}/liaison-reports/new", AuditAction.Viewed, "LiaisonReport", person.Id),
            ($"/liaison-reports/{liaisonReport.Id}", AuditAction.Viewed, "LiaisonReport", person.Id),
            ($"/liaison-reports/{liaisonReport.Id}/edit", AuditAction.Viewed, "LiaisonReport", person.Id),
            ($"/liaison-reports/{liaisonReport.Id}/preview", AuditAction.Viewed, "LiaisonReport", person.Id),
            ("/caseload", AuditAction.Viewed, "Caseload", null),
            ("/caseload/mine", AuditAction.Viewed, "Caseload", null),
            ("/caseload/unallocated", AuditAction.Viewed, "Caseload", null),
            ("/tasks", AuditAction.Viewed, "MyFollowUps", null),
            ("/tasks/team", AuditAction.Viewed, "TeamFollowUps", null),
            ("/tasks", AuditAction.Viewed, "MyEpisodeTasks", null),
            ("/tasks/episodes", AuditAction.Viewed, "MyEpisodeTasks", null),
            ("/duplicates", AuditAction.Viewed, "DuplicateQueue", null),
            ($"/duplicates/{pair}", AuditAction.Viewed, "DuplicatePair", pairA.Id),
            ($"/duplicates/{pair}", AuditAction.Viewed, "DuplicatePair", pairB.Id),
            ($"/duplicates/merges/{merge}", AuditAction.Viewed, "PersonMerge", kept.Id),
            ($"/duplicates/merges/{merge}", AuditAction.Viewed, "PersonMerge", merged.Id),
            ($"/audit/people/{person.Id}", AuditAction.Viewed, "PersonAuditTrail", person.Id),
            ($"/audit/users/{app.Data.UserId(Users.Practitioner)}", AuditAction.Viewed, "UserAuditTrail", null),
            ($"/proactive/lists/{proactiveList}", AuditAction.Viewed, "ProactiveList", null),
            ("/proactive", AuditAction.Viewed, "ProactiveQueue", null),
            ($"/identification?row={proactiveRow}", AuditAction.Viewed, "ProactiveListRow", person.Id),
        ];

        var failures = new List<string>();
        foreach (var (url, action, recordType, personId) in pages)
        {
            var before = await app.Data.QueryAsync(db => db.AuditEvents.MaxAsync(a => (long?)a.Id)) ?? 0;
            await client.GetPageAsync(url);
            var events = await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.Id > before && a.UserId == me).ToListAsync());
            if (!events.Any(a => a.Action == action && a.RecordType == recordType && a.PersonId == personId
                    && (personId is not null || (a.Detail ?? "").Contains("results=", StringComparison.Ordinal) || a.Action == AuditAction.Searched || a.RecordType == "UserAuditTrail")))
                failures.Add($"{url}: no {action} {recordType} event{(personId is null ? " (list: results=…)" : $" for person {personId}")}; got: "
                    + string.Join("; ", events.Select(a => $"{a.Action} {a.RecordType} {a.PersonId} {a.Detail}")));
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task A_list_records_the_people_it_showed_in_one_event()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.TeamManager);
        var me = app.Data.UserId(Users.TeamManager);
        var before = await app.Data.QueryAsync(db => db.AuditEvents.MaxAsync(a => (long?)a.Id)) ?? 0;

        // Newest first, so the new episode is on the first page of the team's caseload.
        var page = await client.GetPageAsync("/caseload");

        Assert.Contains($"/episodes/{episode.Id}", page.Links("main a"));
        var listed = Assert.Single(await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.Id > before && a.UserId == me).ToListAsync()));
        Assert.Equal((AuditAction.Viewed, "Caseload", null, null), (listed.Action, listed.RecordType, listed.RecordId, listed.PersonId));
        Assert.Contains(person.Id.ToString(), listed.Detail);
        Assert.Matches(@"view=caseload page=1 results=\d+ people=", listed.Detail);
    }

    [Fact]
    public async Task Nothing_is_audited_as_a_view_when_the_page_is_not_shown()
    {
        using var client = await app.SignedInAsync(Users.TeamManager);
        var me = app.Data.UserId(Users.TeamManager);
        var before = await app.Data.QueryAsync(db => db.AuditEvents.MaxAsync(a => (long?)a.Id)) ?? 0;

        await client.GetPageAsync($"/episodes/{Guid.NewGuid()}", System.Net.HttpStatusCode.NotFound);
        await client.GetPageAsync($"/duplicates/{Guid.NewGuid()}", System.Net.HttpStatusCode.NotFound);
        await client.GetPageAsync("/tasks/nonsense", System.Net.HttpStatusCode.NotFound);

        Assert.Empty(await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.Id > before && a.UserId == me).ToListAsync()));
    }
}
