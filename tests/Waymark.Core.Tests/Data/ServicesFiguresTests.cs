using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Caseload;
using Waymark.Contacts;
using Waymark.Core.Tests.Support;
using Waymark.CriminalJustice;
using Waymark.DropIns;
using Waymark.Episodes;
using Waymark.Figures;
using Waymark.LiaisonReports;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.ServiceDirectory;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

/// <summary>
/// The services figures (issue 15 items 1 and 2) on a known March and April 2026: each counted in the UK month it falls
/// in (1 April 00:30 BST is April, 31 March 23:30 BST is March), another team's records never counted.
/// </summary>
public abstract class ServicesFiguresTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private static readonly DateTimeOffset AprilStarts = new(2026, 3, 31, 23, 0, 0, TimeSpan.Zero); // 00:00 BST on 1 April
    private static readonly DateTimeOffset JustIntoApril = AprilStarts.AddMinutes(30);
    private static readonly DateTimeOffset LateOnMarch31 = AprilStarts.AddMinutes(-30);
    private static readonly DateTimeOffset MidMarch = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 5, 10, 10, 0, 0, TimeSpan.Zero));

    private static FigureScope Scope(params Team[] teams) => new(teams.Select(t => t.Id).ToList(), new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 30));

    private sealed record World(Team Team, Team Other, Person Person, Episode Episode, Person OtherPerson, Episode OtherEpisode, Organisation Org);

    private async Task<World> WorldAsync()
    {
        var team = await NewTeamAsync(t => t.CaseloadCapacity = 40);
        var other = await NewTeamAsync();
        var person = APerson().KnownTo(team).Build();
        var episode = AnEpisode().For(person).InTeam(team).IdentifiedAt(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero)).Build();
        var otherPerson = APerson().KnownTo(other).Build();
        var otherEpisode = AnEpisode().For(otherPerson).InTeam(other).IdentifiedAt(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero)).Build();
        var org = new Organisation { TeamId = team.Id, Name = "Northshire Council" };
        await SaveAsync(person, episode, otherPerson, otherEpisode, org);
        return new(team, other, person, episode, otherPerson, otherEpisode, org);
    }

    private async Task<LocalService> ServiceAsync(World w, string name)
    {
        var s = new LocalService { TeamId = w.Team.Id, OrganisationId = w.Org.Id, Name = name };
        await SaveAsync(s);
        return s;
    }

    private static Referral Referral(Episode e, LocalService s, string need, DateTimeOffset made) =>
        new() { TeamId = e.TeamId, EpisodeId = e.Id, PersonId = e.PersonId, ServiceId = s.Id, ServiceName = s.Name, Need = need, CreatedAt = made, CreatedByUserId = "u" };

    private static Referral Sent(Episode e, LocalService s, string need, DateTimeOffset at)
    {
        var r = Referral(e, s, need, at);
        r.Draft("u", at);
        r.Send("u", at, at);
        return r;
    }

    private async Task<IReadOnlyList<Figure>> FiguresAsync(IFigureSource source, FigureScope scope)
    {
        await using var db = AsSystem();
        return await source.ComputeAsync(db, scope, default);
    }

    private static CountTable Counts(IReadOnlyList<Figure> figures, string key) => Assert.IsType<CountFigure>(Assert.Single(figures, f => f.Key == key)).Table;
    private static MeasureTable Measures(IReadOnlyList<Figure> figures, string key) => Assert.IsType<MeasureFigure>(Assert.Single(figures, f => f.Key == key)).Table;

    /// <summary>(March, April) of a row.</summary>
    private static (long March, long April) Row(CountTable t, string row)
    {
        var r = t.Rows.ToList().IndexOf(row);
        Assert.True(r >= 0, $"No row {row} in {string.Join(", ", t.Rows)}");
        return (t[r, 0], t[r, 1]);
    }

    [Fact]
    public async Task Referrals_are_counted_by_need_service_decision_reason_and_attendance_in_their_UK_month_and_not_another_teams()
    {
        var w = await WorldAsync();
        var housing = await ServiceAsync(w, "Housing Options");
        var debt = await ServiceAsync(w, "Debt Advice");
        var declined = Sent(w.Episode, housing, "housing", MidMarch);
        declined.Decline(DeclineReason.BelowThreshold, "u", MidMarch.AddDays(2), MidMarch.AddDays(2));
        var accepted = Sent(w.Episode, debt, "money", JustIntoApril);
        accepted.Accept("u", JustIntoApril.AddDays(1), JustIntoApril.AddDays(1));
        accepted.BookAppointment(JustIntoApril.AddDays(4), "u", JustIntoApril.AddDays(1), JustIntoApril.AddDays(1));
        accepted.Attend("u", JustIntoApril.AddDays(4), JustIntoApril.AddDays(4));
        var awaiting = Sent(w.Episode, housing, "housing", LateOnMarch31);
        var draft = Referral(w.Episode, housing, "housing", MidMarch);
        draft.Draft("u", MidMarch);
        var otherService = new LocalService { TeamId = w.Other.Id, OrganisationId = w.Org.Id, Name = "Southam Housing" };
        var others = Sent(w.OtherEpisode, otherService, "housing", MidMarch);
        others.Decline(DeclineReason.BelowThreshold, "u", MidMarch, MidMarch);
        await SaveAsync(declined, accepted, awaiting, draft, otherService, others);

        var f = await FiguresAsync(new ReferralFigureSource(), Scope(w.Team));

        var byNeed = Counts(f, "referrals.need");
        Assert.Equal((2, 0), Row(byNeed, "Housing"));
        Assert.Equal((0, 1), Row(byNeed, "Money, benefits and debt"));
        Assert.Equal(3, byNeed.Total);
        Assert.Equal(["Housing Options", "Debt Advice"], Counts(f, "referrals.service").Rows);
        Assert.Equal((2, 0), Row(Counts(f, "referrals.service"), "Housing Options"));
        var decisions = Counts(f, "referrals.decision");
        Assert.Equal(((0L, 1L), (1L, 0L), (1L, 0L)), (Row(decisions, "Accepted"), Row(decisions, "Declined"), Row(decisions, "Awaiting a decision")));
        Assert.Equal((1, 0), Row(Counts(f, "referrals.decline-reason"), "Below threshold"));
        Assert.Equal(1, Counts(f, "referrals.decline-reason").Total);
        var attendance = Counts(f, "referrals.attendance");
        Assert.Equal(((0L, 1L), (0L, 0L)), (Row(attendance, "Attended"), Row(attendance, "Did not attend")));
        var wait = Measures(f, "referrals.days-to-appointment");
        Assert.Equal((null, 4.0, 4.0, 1L), (wait[0, 0].Value, wait[0, 1].Value, wait.Totals[0].Value, wait.Totals[0].Count));

        // Both teams together: the other team's referral is counted too, so the scope's teams are what is counted.
        var both = await FiguresAsync(new ReferralFigureSource(), Scope(w.Team, w.Other));
        Assert.Equal((3, 0), Row(Counts(both, "referrals.need"), "Housing"));
    }

    [Fact]
    public async Task By_service_names_the_fifteen_services_sent_most_and_counts_the_rest_together()
    {
        var w = await WorldAsync();
        var referrals = new List<object>();
        for (var i = 0; i < 17; i++)
        {
            var s = await ServiceAsync(w, $"Service {i:D2}");
            referrals.Add(Sent(w.Episode, s, "housing", MidMarch));
            if (i == 16) { referrals.Add(Sent(w.Episode, s, "housing", MidMarch)); referrals.Add(Sent(w.Episode, s, "housing", JustIntoApril)); }
        }
        await SaveAsync([.. referrals]);
        var table = Counts(await FiguresAsync(new ReferralFigureSource(), Scope(w.Team)), "referrals.service");
        Assert.Equal(16, table.Rows.Count);
        Assert.Equal(("Service 16", "Service 00", ReferralFigureSource.AllOtherServices), (table.Rows[0], table.Rows[1], table.Rows[15]));
        Assert.Equal((2, 1), Row(table, "Service 16"));
        Assert.Equal((2, 0), Row(table, ReferralFigureSource.AllOtherServices));
    }

    [Fact]
    public async Task Outcomes_are_counted_by_kind_in_the_month_of_their_date()
    {
        var w = await WorldAsync();
        Outcome O(Episode e, OutcomeCode c, DateOnly on) => new() { TeamId = e.TeamId, EpisodeId = e.Id, PersonId = e.PersonId, Code = c, On = on, RecordedAt = MidMarch, RecordedByUserId = "u" };
        await SaveAsync(O(w.Episode, OutcomeCode.HousingSecured, new DateOnly(2026, 3, 31)), O(w.Episode, OutcomeCode.HousingSecured, new DateOnly(2026, 4, 1)),
            O(w.Episode, OutcomeCode.RegisteredWithGp, new DateOnly(2026, 4, 30)), O(w.Episode, OutcomeCode.RegisteredWithGp, new DateOnly(2026, 5, 1)),
            O(w.Episode, OutcomeCode.StartedWork, new DateOnly(2026, 2, 28)), O(w.OtherEpisode, OutcomeCode.HousingSecured, new DateOnly(2026, 3, 5)));
        var table = Counts(await FiguresAsync(new OutcomeFigureSource(), Scope(w.Team)), "outcomes.kind");
        Assert.Equal((1, 1), Row(table, "Housing secured"));
        Assert.Equal((0, 1), Row(table, "Registered with a GP"));
        Assert.Equal(3, table.Total);
    }

    private UnmetNeedService UnmetNeeds(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    [Fact]
    public async Task Unmet_need_counts_declines_by_reason_group_and_the_recorded_needs_with_no_service_but_not_withdrawn_ones()
    {
        var w = await WorldAsync();
        var s = await ServiceAsync(w, "Housing Options");
        var below = Sent(w.Episode, s, "housing", MidMarch);
        below.Decline(DeclineReason.BelowThreshold, "u", MidMarch, MidMarch);
        var notEligible = Sent(w.Episode, s, "housing", MidMarch);
        notEligible.Decline(DeclineReason.NotEligible, "u", JustIntoApril, JustIntoApril);
        var noCapacity = Sent(w.Episode, s, "mental-health", MidMarch);
        noCapacity.Decline(DeclineReason.NoCapacity, "u", LateOnMarch31, LateOnMarch31);
        // The person saying no, or the service not reaching them, is no evidence of a gap in services.
        var byPerson = Sent(w.Episode, s, "mental-health", MidMarch);
        byPerson.Decline(DeclineReason.DeclinedByPerson, "u", MidMarch, MidMarch);
        var notReached = Sent(w.Episode, s, "mental-health", MidMarch);
        notReached.Decline(DeclineReason.CouldNotContactPerson, "u", MidMarch, MidMarch);
        UnmetNeed U(Episode e, string need, UnmetNeedReason reason, DateTimeOffset at) =>
            new() { TeamId = e.TeamId, PersonId = e.PersonId, EpisodeId = e.Id, Need = need, Reason = reason, Detail = "Secret words", RecordedAt = at, RecordedByUserId = "u" };
        var withdrawn = U(w.Episode, "housing", UnmetNeedReason.Other, MidMarch);
        withdrawn.WithdrawnAt = MidMarch.AddDays(1);
        await SaveAsync(below, notEligible, noCapacity, byPerson, notReached, U(w.Episode, "autism", UnmetNeedReason.NoServiceExists, JustIntoApril),
            U(w.Episode, "autism", UnmetNeedReason.NotInArea, LateOnMarch31), withdrawn, U(w.OtherEpisode, "autism", UnmetNeedReason.NoServiceExists, MidMarch));

        var f = await FiguresAsync(new UnmetNeedFigureSource(), Scope(w.Team));
        Assert.Equal((1, 0), Row(Counts(f, "unmet.below-threshold"), "Housing"));
        Assert.Equal((0, 1), Row(Counts(f, "unmet.not-eligible"), "Housing"));
        Assert.Equal((1, 0), Row(Counts(f, "unmet.other-declines"), "Mental health"));
        Assert.Equal((1, 1), Row(Counts(f, "unmet.no-service"), "Autism"));
        Assert.Equal(2, Counts(f, "unmet.no-service").Total);
        var reasons = Counts(f, "unmet.reason");
        Assert.Equal(((0L, 1L), (1L, 0L), (0L, 0L)), (Row(reasons, "No service for this need exists locally"), Row(reasons, "No service covers the person's area"), Row(reasons, "Other")));
        Assert.DoesNotContain(f, x => x.Description.Contains("Secret", StringComparison.Ordinal));

        var totals = UnmetNeedFigureSource.TotalsByNeed(f);
        Assert.Equal(["Housing", "Mental health", "Autism", "Total"], totals.Rows);
        Assert.Equal(["1", "1", "0", "0", "2"], Enumerable.Range(0, 5).Select(c => totals.Text[0, c]));
        Assert.Equal(["1", "1", "1", "2", "5"], Enumerable.Range(0, 5).Select(c => totals.Text[3, c]));
    }

    [Fact]
    public async Task Recording_an_unmet_need_audits_coded_values_only_and_refuses_bad_input_another_team_and_a_closed_episode()
    {
        var w = await WorldAsync();
        await using (var db = As(PractitionerIn(w.Team, "amira")))
        {
            var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => UnmetNeeds(db).RecordAsync(w.Episode.Id, new UnmetNeedInput("not-a-need", null, new string('x', 1001))));
            Assert.Equal(["Need", "Reason", "Detail"], bad.Problems.Select(p => p.Field));
            var other = await Assert.ThrowsAsync<ValidationFailedException>(() => UnmetNeeds(db).RecordAsync(w.Episode.Id, new UnmetNeedInput("housing", UnmetNeedReason.Other, " ")));
            Assert.Equal(["Detail"], other.Problems.Select(p => p.Field));
            var u = await UnmetNeeds(db).RecordAsync(w.Episode.Id, new UnmetNeedInput("housing", UnmetNeedReason.WaitingListClosed, "  Secret words  "));
            Assert.Equal(("Secret words", "amira", w.Person.Id), (u.Detail, u.RecordedByUserId, u.PersonId));
            await Assert.ThrowsAsync<ValidationFailedException>(() => UnmetNeeds(db).WithdrawAsync(u.Id, " "));
            await UnmetNeeds(db).WithdrawAsync(u.Id, "Recorded on the wrong person");
            await Assert.ThrowsAsync<ReferralRuleException>(() => UnmetNeeds(db).WithdrawAsync(u.Id, "Again"));
        }
        await using (var check = AsSystem())
        {
            var stored = await check.Set<UnmetNeed>().SingleAsync(x => x.PersonId == w.Person.Id);
            Assert.Equal(("amira", "Recorded on the wrong person", false), (stored.WithdrawnByUserId, stored.WithdrawnReason, stored.Stands));
            var audits = await check.AuditEvents.Where(a => a.RecordType == "UnmetNeed" && a.PersonId == w.Person.Id).ToListAsync();
            Assert.Equal([AuditAction.Created, AuditAction.Updated], audits.OrderBy(a => a.At).ThenBy(a => a.Action).Select(a => a.Action));
            Assert.DoesNotContain(audits, a => a.Detail != null && a.Detail.Contains("Secret", StringComparison.Ordinal));
        }
        await using (var db = As(PractitionerIn(w.Team)))
            await Assert.ThrowsAsync<KeyNotFoundException>(() => UnmetNeeds(db).RecordAsync(w.OtherEpisode.Id, new UnmetNeedInput("housing", UnmetNeedReason.NoServiceExists, null)));
        var closed = AnEpisode().For(w.Person).InTeam(w.Team).ClosedBecause(ClosureReason.SupportCompleted).Build();
        await SaveAsync(closed);
        await using (var db = As(PractitionerIn(w.Team)))
            await Assert.ThrowsAsync<EpisodeRuleException>(() => UnmetNeeds(db).RecordAsync(closed.Id, new UnmetNeedInput("housing", UnmetNeedReason.NoServiceExists, null)));
    }

    [Fact]
    public async Task Criminal_justice_decisions_are_counted_by_kind_and_code_once_each_correction_and_liaison_reports_by_month_sent()
    {
        var w = await WorldAsync();
        CriminalJusticeEvent E(Episode e, CriminalJusticeEventKind kind, DateOnly on) =>
            new() { TeamId = e.TeamId, EpisodeId = e.Id, PersonId = e.PersonId, Kind = kind, On = on, RecordedAt = MidMarch, RecordedByUserId = "u" };
        var wrong = E(w.Episode, CriminalJusticeEventKind.PoliceDecision, new DateOnly(2026, 3, 31));
        wrong.PoliceDecision = "1";
        var corrected = E(w.Episode, CriminalJusticeEventKind.PoliceDecision, new DateOnly(2026, 3, 31));
        corrected.PoliceDecision = "22";
        corrected.SupersedesId = wrong.Id;
        var caution = E(w.Episode, CriminalJusticeEventKind.PoliceDecision, new DateOnly(2026, 4, 1));
        caution.PoliceDecision = "3";
        var nfa = E(w.Episode, CriminalJusticeEventKind.PoliceDecision, new DateOnly(2026, 4, 2));
        nfa.PoliceDecision = "12";
        var remand = E(w.Episode, CriminalJusticeEventKind.RemandOrBail, new DateOnly(2026, 4, 3));
        remand.RemandOrBail = RemandOrBail.RemandedToHospitalS35;
        var sentence = E(w.Episode, CriminalJusticeEventKind.CourtOutcome, new DateOnly(2026, 3, 3));
        sentence.CourtOutcome = CourtOutcome.CommunityOrder;
        var charge = E(w.Episode, CriminalJusticeEventKind.Charge, new DateOnly(2026, 3, 1));
        var othersCharge = E(w.OtherEpisode, CriminalJusticeEventKind.Charge, new DateOnly(2026, 3, 1));
        var reportId = Guid.NewGuid();
        LiaisonReport R(Guid id, int number, DateTimeOffset? sent) => new()
        {
            Id = id, ReportId = reportId, Number = number, TeamId = w.Team.Id, EpisodeId = w.Episode.Id, PersonId = w.Person.Id,
            CreatedAt = MidMarch, CreatedByUserId = "u", UpdatedAt = MidMarch, UpdatedByUserId = "u", SentAt = sent, SentByUserId = sent is null ? null : "u",
        };
        await SaveAsync(wrong, corrected, caution, nfa, remand, sentence, charge, othersCharge,
            R(reportId, 1, LateOnMarch31), R(Guid.NewGuid(), 2, JustIntoApril), R(Guid.NewGuid(), 3, null));

        var f = await FiguresAsync(new CriminalJusticeFigureSource(), Scope(w.Team));
        var kinds = Counts(f, "cjs.kind");
        Assert.Equal(((1L, 2L), (1L, 0L)), (Row(kinds, "Police decision"), Row(kinds, "Charge")));
        Assert.Equal(6, kinds.Total);
        var decisions = Counts(f, "cjs.police-decision");
        Assert.Equal((0, 0), Row(decisions, "Charged or summonsed"));
        Assert.Equal((1, 0), Row(decisions, "Diversionary, educational or intervention activity (outcome 22)"));
        Assert.Equal(((0L, 1L), (0L, 1L)), (Row(decisions, "Caution"), Row(decisions, "No further action")));
        Assert.Equal((0, 1), Row(Counts(f, "cjs.remand"), "Remanded to hospital for a report (Mental Health Act s35)"));
        Assert.Equal((1, 0), Row(Counts(f, "cjs.court-outcome"), "Community order"));
        var reports = Counts(f, "cjs.liaison-reports");
        Assert.Equal(((1L, 0L), (0L, 1L)), (Row(reports, "First version sent"), Row(reports, "Correction sent")));
    }

    [Fact]
    public async Task Drop_ins_are_counted_by_each_reason_and_reopened_support_and_re_presentations_by_month()
    {
        var w = await WorldAsync();
        var worker = await NewUserAsync("Sam Support", w.Team);
        var person = APerson().KnownTo(w.Team).Build();
        var ended = AnEpisode().For(person).InTeam(w.Team).IdentifiedAt(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero)).Build();
        ended.Close("u", new DateTimeOffset(2025, 6, 20, 9, 0, 0, TimeSpan.Zero), ClosureReason.SupportCompleted, null);
        var reopened = AnEpisode().For(person).InTeam(w.Team).IdentifiedAt(JustIntoApril).Build();
        reopened.ReopenedFromEpisodeId = ended.Id;
        var longAgo = APerson().KnownTo(w.Team).Build();
        var old = AnEpisode().For(longAgo).InTeam(w.Team).IdentifiedAt(new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.Zero)).Build();
        old.Close("u", new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero), ClosureReason.SupportCompleted, null);
        var again = AnEpisode().For(longAgo).InTeam(w.Team).IdentifiedAt(MidMarch).Build(); // more than 12 months after the ending
        (Contact, DropIn) D(Person p, DateTimeOffset at, DropInReasons reasons, Team? team = null)
        {
            var contact = new Contact { TeamId = (team ?? w.Team).Id, PersonId = p.Id, Kind = ContactKind.DropIn, Reached = true, OccurredAt = at, WorkerUserId = worker.Id, RecordedAt = at, RecordedByUserId = worker.Id };
            return (contact, new DropIn { TeamId = (team ?? w.Team).Id, PersonId = p.Id, ArrivedAt = at, Reasons = reasons, ContactId = contact.Id, SeenByUserIds = worker.Id, RecordedAt = at, RecordedByUserId = worker.Id });
        }
        var d1 = D(person, LateOnMarch31, DropInReasons.Housing | DropInReasons.FeelingACrisisComing);
        var d2 = D(person, JustIntoApril, DropInReasons.Housing);
        await SaveAsync(person, ended, reopened, longAgo, old, again);
        var theirs = D(w.OtherPerson, JustIntoApril, DropInReasons.Housing, w.Other);
        await SaveAsync(d1.Item1, d1.Item2, d2.Item1, d2.Item2, theirs.Item1, theirs.Item2);

        var f = await FiguresAsync(new DropInFigureSource(), Scope(w.Team));
        var reasons = Counts(f, "dropins.reason");
        Assert.False(reasons.RowsAreExclusive);
        Assert.Equal(((1L, 1L), (1L, 0L)), (Row(reasons, "Housing"), Row(reasons, "Feeling a crisis coming")));
        var returns = Counts(f, "dropins.returns");
        Assert.Equal((1, 1), Row(returns, "Drop-ins"));
        Assert.Equal((0, 1), Row(returns, "Support reopened (from a drop-in)"));
        Assert.Equal((0, 1), Row(returns, "Re-presentations within 12 months of an ending"));
    }

    [Fact]
    public async Task Caseload_counts_open_and_allocated_episodes_at_each_UK_month_end_closures_by_reason_and_the_median_length()
    {
        var w = await WorldAsync(); // w.Episode: identified 1 February, open, not allocated
        var kw = (await NewUserAsync("Key Worker", w.Team)).Id;
        var p = APerson().KnownTo(w.Team).Build();
        var closesAtAprilStart = AnEpisode().For(p).InTeam(w.Team).IdentifiedAt(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero)).AllocatedTo(kw).Build();
        closesAtAprilStart.Close("u", AprilStarts, ClosureReason.DeclinedByPerson, null); // closed exactly at March's end: still counted open then (closed at or after the end)
        var closesLateMarch = AnEpisode().For(p).InTeam(w.Team).IdentifiedAt(new DateTimeOffset(2026, 3, 21, 10, 0, 0, TimeSpan.Zero)).Build();
        closesLateMarch.Close("u", LateOnMarch31, ClosureReason.SupportCompleted, null);
        var identifiedInApril = AnEpisode().For(p).InTeam(w.Team).IdentifiedAt(JustIntoApril).AllocatedTo(kw).Build();
        await SaveAsync(p, closesAtAprilStart, closesLateMarch, identifiedInApril);

        var f = await FiguresAsync(new CaseloadFigureSource(), Scope(w.Team));
        var open = Counts(f, "caseload.open"); // counts, so a commissioner sees them controlled (issue 15)
        Assert.Equal((2L, 2L, 40L), (open[0, 0], open[0, 1], open[1, 1]));
        Assert.Equal((2L, "End of period", false), (open.RowTotal(0), open.TotalColumn, open.RowsAreExclusive)); // the period's end, not a sum of month ends
        var allocation = Counts(f, "caseload.allocation");
        Assert.Equal((1L, 1L, 1L, 1L), (allocation[0, 0], allocation[1, 0], allocation[0, 1], allocation[1, 1]));
        Assert.Equal(2L, allocation.Total);
        var closed = Counts(f, "caseload.closure-reason");
        Assert.Equal(((1L, 0L), (0L, 1L)), (Row(closed, "Support completed"), Row(closed, "Declined by the person")));
        Assert.Equal(2, closed.Total); // the other team's episodes are not counted
        var length = Measures(f, "caseload.length");
        Assert.Equal(10.52, length[0, 0].Value!.Value, 2); // 21 March 10:00 to 31 March 22:30 UTC
        Assert.Equal(1, length[0, 0].Count);
    }
}

public sealed class ServicesFiguresTestsOnSqlite(SqliteTestDatabase db) : ServicesFiguresTests<SqliteTestDatabase>(db);

public sealed class ServicesFiguresTestsOnPostgres(PostgresTestDatabase db) : ServicesFiguresTests<PostgresTestDatabase>(db);
