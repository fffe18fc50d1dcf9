using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Caseload;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Screening;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

/// <summary>Screening outcomes, assessments and formulations as stored: rules, team scope, audit and concurrency.</summary>
public abstract class ScreeningAndAssessmentTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();

    private static ScreeningOutcomeInput Outcome(Urgency urgency = Urgency.Today, ScreeningDecision decision = ScreeningDecision.FullAssessment, params string[] needs) =>
        new(needs.Length == 0 ? ["mental-health", "housing"] : needs, RiskLevel.Medium, RiskLevel.None, RiskLevel.High, "Owes money to a dealer", urgency, decision,
            decision == ScreeningDecision.Signpost ? "Citizens Advice" : null, null);

    private async Task<(Team Team, Person Person, Episode Episode)> EpisodeAsync(Action<Team>? team = null, EpisodeStatus status = EpisodeStatus.Identified)
    {
        var t = await NewTeamAsync(team);
        var p = APerson().KnownTo(t).Build();
        var e = AnEpisode().For(p).InTeam(t).AtStatus(status).Build();
        await SaveAsync(p, e);
        return (t, p, e);
    }

    private ScreeningService Screening(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);
    private AssessmentService Assessments(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);
    private Formulations Formulations(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    [Fact]
    public async Task An_outcome_marks_the_episode_screened_and_sets_the_assessment_due_from_the_teams_targets()
    {
        var (team, person, episode) = await EpisodeAsync(t => t.TodayAssessmentMinutes = 3 * 60);
        await using var db = As(PractitionerIn(team, "amira"));

        var o = await Screening(db).RecordOutcomeAsync(episode.Id, 0, Outcome(Urgency.Today, ScreeningDecision.FullAssessment, "mental-health", "housing", "food"));

        Assert.Equal(1, o.Sequence);
        Assert.Equal(_clock.Now.AddHours(3), o.AssessmentDueAt);
        Assert.Equal("housing food mental-health", o.Needs); // basic needs first
        await using var check = AsSystem();
        var e = await check.Episodes.SingleAsync(x => x.Id == episode.Id);
        Assert.Equal((_clock.Now, "amira"), (e.ScreenedAt!.Value, e.ScreenedByUserId));
        Assert.Equal(_clock.Now.AddHours(3), e.AssessmentDueAt);
        Assert.Equal(EpisodeStatus.Screened, e.Status);
        var audit = await check.AuditEvents.SingleAsync(a => a.RecordType == "ScreeningOutcome" && a.PersonId == person.Id);
        Assert.Equal((AuditAction.Created, "amira"), (audit.Action, audit.UserId));
    }

    [Fact]
    public async Task A_later_outcome_is_added_not_written_over_and_a_stale_one_is_refused()
    {
        var (team, _, episode) = await EpisodeAsync();
        await using var db = As(PractitionerIn(team, "amira"));
        await Screening(db).RecordOutcomeAsync(episode.Id, 0, Outcome(Urgency.Routine));
        _clock.Advance(TimeSpan.FromMinutes(30));

        // Ben opened the form before Amira saved: his outcome is refused, hers stays the latest.
        await using var ben = As(PractitionerIn(team, "ben"));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Screening(ben).RecordOutcomeAsync(episode.Id, 0, Outcome(Urgency.Immediate)));

        var second = await Screening(db).RecordOutcomeAsync(episode.Id, 1, Outcome(Urgency.Immediate));
        Assert.Equal(2, second.Sequence);
        await using var check = AsSystem();
        var all = await check.ScreeningOutcomes.Where(o => o.EpisodeId == episode.Id).OrderBy(o => o.Sequence).ToListAsync();
        Assert.Equal([Urgency.Routine, Urgency.Immediate], all.Select(o => o.Urgency));
        var e = await check.Episodes.SingleAsync(x => x.Id == episode.Id);
        Assert.Equal(second.AssessmentDueAt, e.AssessmentDueAt); // the latest outcome decides when it is due
        Assert.Equal(FakeClock.DefaultStart, e.ScreenedAt); // screened when first screened
    }

    [Fact]
    public async Task No_further_action_sets_no_due_time_and_overdue_assessments_show_on_the_caseload_until_assessed()
    {
        var (team, person, due) = await EpisodeAsync(t => t.ImmediateAssessmentMinutes = 60);
        var other = AnEpisode().For(person).InTeam(team).Build();
        await SaveAsync(other);
        await using var db = As(PractitionerIn(team));
        await Screening(db).RecordOutcomeAsync(due.Id, 0, Outcome(Urgency.Immediate));
        var nfa = await Screening(db).RecordOutcomeAsync(other.Id, 0, Outcome(Urgency.Routine, ScreeningDecision.NoFurtherAction));
        Assert.Null(nfa.AssessmentDueAt);

        var caseload = new CaseloadQuery(db, _clock);
        var overdueOnly = new CaseloadFilter(AssessmentOverdueOnly: true);
        Assert.Empty((await caseload.RunAsync(team.Id, overdueOnly)).Rows);
        _clock.Advance(TimeSpan.FromMinutes(61));
        var page = await caseload.RunAsync(team.Id, overdueOnly);
        var row = Assert.Single(page.Rows);
        Assert.Equal((due.Id, true), (row.EpisodeId, row.AssessmentOverdue));

        await Assessments(db).SaveAsync(due.Id, null, CompleteInput(), complete: true);
        Assert.Empty((await caseload.RunAsync(team.Id, overdueOnly)).Rows);
        Assert.All((await caseload.RunAsync(team.Id, new CaseloadFilter())).Rows, r => Assert.False(r.AssessmentOverdue));
    }

    [Fact]
    public async Task Another_team_can_neither_change_nor_read_screening_it_has_no_part_in()
    {
        var (team, person, episode) = await EpisodeAsync();
        var elsewhere = await NewTeamAsync();
        await using (var db = As(PractitionerIn(team)))
        {
            await Screening(db).RecordOutcomeAsync(episode.Id, 0, Outcome());
            await Formulations(db).ReviseAsync(person.Id, 0, new FormulationInput("a", "b", "c", "d", null));
        }

        await using var outsider = As(PractitionerIn(elsewhere, "outsider"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Screening(outsider).RecordOutcomeAsync(episode.Id, 1, Outcome()));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Assessments(outsider).SaveAsync(episode.Id, null, CompleteInput(), true));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Formulations(outsider).ReviseAsync(person.Id, 1, new FormulationInput("a", "b", "c", "d", null)));
        Assert.Empty(await outsider.ScreeningOutcomes.ToListAsync());
        Assert.Empty(await outsider.FormulationRevisions.ToListAsync());
        Assert.Null((await new AtAGlance(outsider).ForPersonAsync(person.Id, elsewhere.Id)).LatestScreening);
    }

    [Fact]
    public async Task A_team_that_also_knows_the_person_sees_the_screening_but_cannot_add_to_the_other_teams_episode()
    {
        var (team, person, episode) = await EpisodeAsync();
        var partner = await NewTeamAsync();
        await SaveAsync(PersonTeamLink.For(person, partner.Id, _clock.Now));
        await using (var db = As(PractitionerIn(team)))
            await Screening(db).RecordOutcomeAsync(episode.Id, 0, Outcome());

        await using var p = As(PractitionerIn(partner, "partner"));
        Assert.Single(await p.ScreeningOutcomes.Where(o => o.PersonId == person.Id).ToListAsync());
        await Assert.ThrowsAsync<EpisodeRuleException>(() => Screening(p).RecordOutcomeAsync(episode.Id, 1, Outcome()));
    }

    [Fact]
    public async Task A_closed_episode_takes_no_new_screening_or_assessment()
    {
        var (team, _, episode) = await EpisodeAsync(status: EpisodeStatus.Closed);
        await using var db = As(PractitionerIn(team));
        var e = await Assert.ThrowsAsync<EpisodeRuleException>(() => Screening(db).RecordOutcomeAsync(episode.Id, 0, Outcome()));
        Assert.Contains("closed", e.Message);
        await Assert.ThrowsAsync<EpisodeRuleException>(() => Assessments(db).SaveAsync(episode.Id, null, CompleteInput(), false));
        Assert.Equal(0, await CountAsync(x => x.ScreeningOutcomes.Where(o => o.EpisodeId == episode.Id)));
    }

    [Fact]
    public async Task An_instrument_result_is_kept_as_scored_and_audited()
    {
        var (team, person, episode) = await EpisodeAsync();
        await using var db = As(PractitionerIn(team, "amira"));
        var scored = new ScoredInstrument("phq-9", "1.0", "PHQ-9", new Dictionary<string, int?> { ["1"] = 3, ["9"] = 1, ["2"] = null },
            14, true, "Moderate", ["Thoughts of self-harm: carry out a risk assessment now"], [], new Dictionary<string, int?>(), 1);
        var c = await Screening(db).SaveCompletionAsync(episode.Id, scored);

        await using var check = AsSystem();
        var stored = await check.InstrumentCompletions.SingleAsync(x => x.Id == c.Id);
        Assert.Equal((14, true, "Moderate", 1), (stored.Total, stored.Prorated, stored.Band, stored.MissingCount));
        Assert.Equal(["Thoughts of self-harm: carry out a risk assessment now"], stored.FlagList);
        Assert.Contains("\"9\":1", stored.AnswersJson);
        Assert.Contains("\"2\":null", stored.AnswersJson);
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.RecordType == "InstrumentCompletion" && a.PersonId == person.Id));
    }

    private static AssessmentInput CompleteInput(string? risk = "Low risk; protective factors: sister", params AssessedNeedInput[] needs) => new(
        needs.Length > 0 ? needs :
        [
            new("housing", NeedFinding.Need, Severity.High, "Sofa surfing", 1, "Somewhere to sleep that isn't the hostel"),
            new("money", NeedFinding.Need, Severity.Moderate, null, 2, "Get my benefits back"),
            new("mental-health", NeedFinding.Need, Severity.Moderate, "Low mood", null, null),
            new("autism", NeedFinding.NoNeed, null, null, null, null),
        ],
        "To stay out of trouble and see my kids", risk, false, null, null, false, null, null);

    [Fact]
    public async Task Completing_an_assessment_records_the_milestone_and_keeps_the_persons_priorities_in_order()
    {
        var (team, person, episode) = await EpisodeAsync(status: EpisodeStatus.Screened);
        await using var db = As(PractitionerIn(team, "amira"));
        var draft = await Assessments(db).SaveAsync(episode.Id, null, CompleteInput(risk: null), complete: false);
        var draftVersion = draft.Version;
        Assert.Null(draft.CompletedAt);
        _clock.Advance(TimeSpan.FromHours(1));
        var done = await Assessments(db).SaveAsync(episode.Id, draftVersion, CompleteInput(), complete: true);

        await using var check = AsSystem();
        var e = await check.Episodes.SingleAsync(x => x.Id == episode.Id);
        Assert.Equal((_clock.Now, "amira", EpisodeStatus.Assessed), (e.AssessedAt!.Value, e.AssessedByUserId, e.Status));
        var stored = await Assessments(check).FindAsync(episode.Id);
        Assert.Equal(_clock.Now, stored!.CompletedAt);
        Assert.Equal(["housing", "money"], stored.PersonsPriorities.Select(n => n.Domain));
        Assert.Equal(["housing", "money", "mental-health"], stored.NeedsFound.Select(n => n.Domain));
        Assert.Equal(4, stored.Needs.Count);
        var glance = await new AtAGlance(check).ForPersonAsync(person.Id, team.Id);
        Assert.Equal(["Somewhere to sleep that isn't the hostel", "Get my benefits back"], glance.TopPriorities.Select(n => n.InTheirWords));
        Assert.Equal(2, await check.AuditEvents.CountAsync(a => a.RecordType == "Assessment" && a.PersonId == person.Id));
        Assert.NotEqual(draftVersion, done.Version);
    }

    [Fact]
    public async Task Two_practitioners_saving_the_same_assessment_the_second_is_refused_and_nothing_is_overwritten()
    {
        var (team, _, episode) = await EpisodeAsync(status: EpisodeStatus.Screened);
        await using var db = As(PractitionerIn(team, "amira"));
        var loaded = (await Assessments(db).SaveAsync(episode.Id, null, CompleteInput(risk: "first"), false)).Version;

        // Both opened version `loaded`; Amira saves first.
        await using var ben = As(PractitionerIn(team, "ben"));
        await Assessments(db).SaveAsync(episode.Id, loaded, CompleteInput(risk: "Amira's"), false);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Assessments(ben).SaveAsync(episode.Id, loaded, CompleteInput(risk: "Ben's"), false));
        // Starting a second assessment of the same episode is refused too.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Assessments(ben).SaveAsync(episode.Id, null, CompleteInput(risk: "Ben's new"), false));

        await using var check = AsSystem();
        var stored = await check.Assessments.SingleAsync(a => a.EpisodeId == episode.Id);
        Assert.Equal(("Amira's", "amira"), (stored.RiskSummary, stored.UpdatedByUserId));
    }

    [Fact]
    public async Task Changing_a_domain_updates_its_row_and_clearing_it_removes_it()
    {
        var (team, _, episode) = await EpisodeAsync(status: EpisodeStatus.Screened);
        await using var db = As(PractitionerIn(team));
        var a = await Assessments(db).SaveAsync(episode.Id, null, CompleteInput(), false);
        var changed = CompleteInput(null,
            new AssessedNeedInput("housing", NeedFinding.NoNeed, null, "Housed by council", null, null),
            new AssessedNeedInput("money", NeedFinding.Need, Severity.High, null, 1, "Food bank every week"));
        await using var db2 = As(PractitionerIn(team));
        await Assessments(db2).SaveAsync(episode.Id, a.Version, changed, false);

        await using var check = AsSystem();
        var stored = await Assessments(check).FindAsync(episode.Id);
        Assert.Equal(["housing", "money"], stored!.Needs.OrderBy(n => AssessmentDomains.OrderOf(n.Domain)).Select(n => n.Domain));
        Assert.Equal((NeedFinding.NoNeed, (int?)null), (stored.Needs[0].Finding, stored.Needs.Single(n => n.Domain == "housing").PersonPriority));
        Assert.Equal(1, stored.Needs.Single(n => n.Domain == "money").PersonPriority);
    }

    [Fact]
    public async Task Formulation_revisions_are_numbered_kept_and_a_stale_revision_is_refused()
    {
        var (team, person, _) = await EpisodeAsync();
        await using var amira = As(PractitionerIn(team, "amira"));
        await using var ben = As(PractitionerIn(team, "ben"));
        var v1 = await Formulations(amira).ReviseAsync(person.Id, 0, new FormulationInput("Homeless after prison", "Housing loss → drinking", "No ID to claim", "Housing first", null));
        _clock.Advance(TimeSpan.FromDays(7));
        var v2 = await Formulations(amira).ReviseAsync(person.Id, 1, new FormulationInput("Homeless", "Drinking", "No ID", "Get ID, then housing", "ID was the blocker"));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Formulations(ben).ReviseAsync(person.Id, 1, new FormulationInput("Ben's", "view", "of", "it", null)));

        var history = await Formulations(ben).HistoryAsync(person.Id);
        Assert.Equal([2, 1], history.Select(r => r.Number));
        Assert.Equal("Housing first", (await Formulations(ben).RevisionAsync(person.Id, 1))!.Plan);
        Assert.Equal(("Get ID, then housing", "amira", _clock.Now), (history[0].Plan, history[0].WrittenByUserId, history[0].WrittenAt));
        Assert.Equal(v2.Id, (await Formulations(ben).CurrentAsync(person.Id))!.Id);
        Assert.NotEqual(v1.Id, v2.Id);
        Assert.Equal(2, await CountAsync(x => x.AuditEvents.Where(a => a.RecordType == "Formulation" && a.PersonId == person.Id)));
    }

    [Fact]
    public async Task Two_formulation_revisions_saved_at_the_same_moment_one_is_refused()
    {
        var (team, person, _) = await EpisodeAsync();
        await using var a = As(PractitionerIn(team, "amira"));
        await using var b = As(PractitionerIn(team, "ben"));
        var results = await Task.WhenAll(
            Try(() => Formulations(a).ReviseAsync(person.Id, 0, new FormulationInput("A", "A", "A", "A", null))),
            Try(() => Formulations(b).ReviseAsync(person.Id, 0, new FormulationInput("B", "B", "B", "B", null))));
        Assert.Equal(1, results.Count(r => r is null));
        Assert.Single(results, r => r is ConcurrencyConflictException);
        Assert.Equal(1, await CountAsync(x => x.FormulationRevisions.Where(r => r.PersonId == person.Id)));

        static async Task<Exception?> Try(Func<Task> f)
        {
            try { await f(); return null; }
            catch (Exception e) { return e; }
        }
    }

    [Fact]
    public async Task Assessment_targets_change_only_over_what_the_manager_loaded()
    {
        var team = await NewTeamAsync();
        await using var db = As(new FixedUser("manager", Roles.TeamManager, team.Id));
        var settings = new AssessmentTargetSettings(db, new Auditor(db, db.CurrentUser, _clock));
        var loaded = await settings.LoadAsync(team.Id);
        Assert.Equal(AssessmentTargets.Default, loaded);
        var wanted = new AssessmentTargets(30, 240, 3 * 24 * 60);
        await settings.SaveAsync(team.Id, loaded, wanted);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => settings.SaveAsync(team.Id, loaded, new AssessmentTargets(45, 240, 4320)));
        Assert.Equal(wanted, await settings.LoadAsync(team.Id));
        await Assert.ThrowsAsync<ValidationFailedException>(() => settings.SaveAsync(team.Id, wanted, new AssessmentTargets(600, 60, 4320)));
    }
}

public sealed class ScreeningAndAssessmentTestsOnSqlite(SqliteTestDatabase db) : ScreeningAndAssessmentTests<SqliteTestDatabase>(db);

public sealed class ScreeningAndAssessmentTestsOnPostgres(PostgresTestDatabase db) : ScreeningAndAssessmentTests<PostgresTestDatabase>(db);
