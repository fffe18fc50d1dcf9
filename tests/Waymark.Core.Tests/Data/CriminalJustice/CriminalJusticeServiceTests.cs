using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Caseload;
using Waymark.Core.Tests.Support;
using Waymark.CriminalJustice;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data.CriminalJustice;

/// <summary>Criminal justice events as stored: append-only corrections, team and open-episode guards, clock rows, hearings to support.</summary>
public abstract class CriminalJusticeServiceTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    // Monday 2 March 2026, 10:00 UTC (GMT).
    private readonly FakeClock _clock = new();
    private DateOnly Today => UkTime.Today(_clock);

    private CriminalJusticeService Service(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    private async Task<(Team Team, Person Person, Episode Episode, CriminalJusticeAgency Court, CriminalJusticeAgency Prison)> SetUpAsync(string keyWorker = "amira")
    {
        var t = await NewTeamAsync();
        keyWorker = await KeyWorkerAsync(t, keyWorker);
        var p = APerson().KnownTo(t).Build();
        var e = AnEpisode().For(p).InTeam(t).IdentifiedAt(_clock.Now.AddHours(-8)).AllocatedTo(keyWorker).AtStatus(EpisodeStatus.Screened).Build();
        var court = new CriminalJusticeAgency { TeamId = t.Id, Kind = AgencyKind.MagistratesCourt, Name = "Northshire Magistrates' Court", CreatedByUserId = "m" };
        var prison = new CriminalJusticeAgency { TeamId = t.Id, Kind = AgencyKind.Prison, Name = "HMP Northshire", CreatedByUserId = "m" };
        await SaveAsync(p, e, court, prison);
        return (t, p, e, court, prison);
    }

    private readonly Dictionary<string, string> _users = [];

    /// <summary>The id of a user called <paramref name="name"/> in the team (made once per test).</summary>
    private async Task<string> KeyWorkerAsync(Team team, string name)
    {
        var key = $"{team.Id}/{name}";
        if (!_users.TryGetValue(key, out var id)) _users[key] = id = (await NewUserAsync(name, team)).Id;
        return id;
    }

    private string Amira(Team team) => _users[$"{team.Id}/amira"];

    [Fact]
    public async Task A_charge_a_police_decision_and_a_hearing_are_kept_with_who_and_when_and_audited_without_free_text()
    {
        var (team, person, episode, court, _) = await SetUpAsync();
        await using var db = As(PractitionerIn(team, Amira(team)));
        var s = Service(db);
        await s.RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Charge, Today, Offence: OffenceCategory.PublicOrder));
        await s.RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.PoliceDecision, Today, PoliceDecision: "1"));
        await s.RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.RemandOrBail, Today, RemandOrBail: RemandOrBail.ConditionalBail, BailConditions: "Reside at the hostel"));
        var hearingAt = UkTime.FromLocal(Today.AddDays(8), new TimeOnly(10, 0));
        await s.RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Hearing, HearingAt: hearingAt, AgencyId: court.Id, HearingType: HearingType.FirstAppearance, SupportAtCourt: true));

        await using var check = AsSystem();
        var events = await check.Set<CriminalJusticeEvent>().Where(x => x.EpisodeId == episode.Id).ToListAsync();
        Assert.Equal(4, events.Count);
        Assert.All(events, x => Assert.Equal((Amira(team), _clock.Now, person.Id, team.Id), (x.RecordedByUserId, x.RecordedAt, x.PersonId, x.TeamId)));
        var hearing = events.Single(x => x.Kind == CriminalJusticeEventKind.Hearing);
        Assert.Equal((Today.AddDays(8), hearingAt, court.Id, true), (hearing.On, hearing.HearingAt, hearing.AgencyId, hearing.SupportAtCourt));
        var audits = await check.AuditEvents.Where(a => a.RecordType == "CriminalJusticeEvent" && a.PersonId == person.Id).ToListAsync();
        Assert.Equal(4, audits.Count);
        Assert.DoesNotContain(audits, a => a.Detail!.Contains("hostel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_key_worker_is_reminded_from_the_day_before_the_hearing_until_its_day_and_not_once_it_is_adjourned()
    {
        var (team, person, episode, court, _) = await SetUpAsync("amira");
        await using var db = As(PractitionerIn(team, Amira(team)));
        var hearingAt = UkTime.FromLocal(Today.AddDays(7), new TimeOnly(10, 0)); // next Monday
        var hearing = await Service(db).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Hearing, HearingAt: hearingAt, AgencyId: court.Id, HearingType: HearingType.Trial, SupportAtCourt: true));
        await Service(db).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Hearing, HearingAt: hearingAt.AddHours(1), AgencyId: court.Id, HearingType: HearingType.Mention, SupportAtCourt: false));

        Assert.Empty(await Service(db).HearingsToSupportAsync(team.Id, Amira(team)));             // a week before: not yet
        _clock.Advance(TimeSpan.FromDays(6));                                                 // the day before
        var due = Assert.Single(await Service(db).HearingsToSupportAsync(team.Id, Amira(team)));  // the unsupported mention is not listed
        Assert.Equal((person.Id, hearingAt, court.Name), (due.PersonId, due.HearingAt, due.CourtName));
        Assert.Empty(await Service(db).HearingsToSupportAsync(team.Id, "someone-else"));
        _clock.Advance(TimeSpan.FromDays(1));                                                 // the day itself
        Assert.Single(await Service(db).HearingsToSupportAsync(team.Id, Amira(team)));

        await Service(db).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.HearingAdjourned, UkTime.Today(_clock), HearingId: hearing.Id));
        Assert.Empty(await Service(db).HearingsToSupportAsync(team.Id, Amira(team)));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await Service(db).HearingsToSupportAsync(team.Id, Amira(team)));
    }

    [Fact]
    public async Task A_correction_supersedes_the_earlier_event_which_is_kept_and_cannot_be_corrected_twice()
    {
        var (team, _, episode, _, _) = await SetUpAsync();
        await using var db = As(PractitionerIn(team));
        var wrong = await Service(db).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Arrest, Today, Offence: OffenceCategory.Theft));
        var right = await Service(db).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Arrest, Today, Offence: OffenceCategory.Robbery, SupersedesId: wrong.Id));
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service(db).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Arrest, Today, Offence: OffenceCategory.Fraud, SupersedesId: wrong.Id)));
        Assert.Contains("already been corrected", again.Problems.Single().Message);
        var otherKind = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service(db).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Charge, Today, Offence: OffenceCategory.Fraud, SupersedesId: right.Id)));
        Assert.Contains("not one of this episode's events of this kind", otherKind.Problems.Single().Message);

        var page = await Service(db).PageAsync(episode.Id, 1);
        Assert.Equal(2, page.Rows.Count);
        Assert.Equal(right.Id, page.Rows.Single(r => r.Event.Id == wrong.Id).SupersededBy);
        Assert.True(page.Rows.Single(r => r.Event.Id == right.Id).IsCurrent);
    }

    [Fact]
    public async Task A_closed_episode_another_teams_episode_and_another_teams_court_are_refused_and_nothing_is_saved()
    {
        var (team, _, episode, _, _) = await SetUpAsync();
        var (otherTeam, _, _, otherCourt, _) = await SetUpAsync();
        await using (var db = As(PractitionerIn(team)))
        {
            var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).RecordAsync(episode.Id,
                new EventInput(CriminalJusticeEventKind.Hearing, HearingAt: _clock.Now.AddDays(3), AgencyId: otherCourt.Id, HearingType: HearingType.Plea)));
            Assert.Equal("AgencyId", e.Problems.Single().Field);
            var future = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Arrest, Today.AddDays(1), Offence: OffenceCategory.Theft)));
            Assert.Equal("The date cannot be in the future", future.Problems.Single().Message);
        }
        await using (var other = As(PractitionerIn(otherTeam)))
            await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(other).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Arrest, Today, Offence: OffenceCategory.Theft)));
        await using (var sys = AsSystem())
        {
            var e = await sys.Episodes.SingleAsync(x => x.Id == episode.Id);
            e.Close(Amira(team), _clock.Now, ClosureReason.SupportCompleted, null);
            await sys.SaveChangesAsync();
        }
        await using (var db = As(PractitionerIn(team)))
        {
            var closed = await Assert.ThrowsAsync<EpisodeRuleException>(() => Service(db).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Arrest, Today, Offence: OffenceCategory.Theft)));
            Assert.Equal(Episode.ClosedRefusal(_clock.Now, "record criminal justice events"), closed.Message);
            Assert.Empty((await Service(db).PageAsync(episode.Id, 1)).Rows); // reading a closed episode still works
        }
        Assert.Equal(0, await CountAsync(x => x.Set<CriminalJusticeEvent>().Where(v => v.EpisodeId == episode.Id)));
    }

    [Fact]
    public async Task Clocks_are_kept_in_rows_listed_breaches_first_and_flagged_on_the_caseload_and_use_the_teams_target()
    {
        var (team, _, late, _, prison) = await SetUpAsync();
        var p2 = APerson().KnownTo(team).Build();
        var soon = AnEpisode().For(p2).InTeam(team).IdentifiedAt(_clock.Now.AddDays(-40)).AllocatedTo(Amira(team)).Build();
        var p3 = APerson().KnownTo(team).Build();
        var fresh = AnEpisode().For(p3).InTeam(team).IdentifiedAt(_clock.Now.AddDays(-1)).AllocatedTo(Amira(team)).Build();
        await SaveAsync(p2, soon, p3, fresh);
        await using (var manager = As(new FixedUser("manager", Roles.TeamManager, team.Id)))
            await Service(manager).SaveSettingsAsync(14, 21, null);

        await using var db = As(PractitionerIn(team, Amira(team)));
        // A transfer referred 30 days ago (14-day target): breached. An MHTR ordered 16 days ago (21): near. One today: running.
        await Service(db).RecordAsync(late.Id, new EventInput(CriminalJusticeEventKind.TransferReferral, Today.AddDays(-30), TransferSection: TransferSection.S47, AgencyId: prison.Id));
        await Service(db).RecordAsync(soon.Id, new EventInput(CriminalJusticeEventKind.CourtOutcome, Today.AddDays(-16), CourtOutcome: CourtOutcome.CommunityOrder, Requirements: [OrderRequirements.MentalHealthTreatment, "unpaid-work"]));
        await Service(db).RecordAsync(fresh.Id, new EventInput(CriminalJusticeEventKind.CourtOutcome, Today, CourtOutcome: CourtOutcome.SuspendedSentenceOrder, Requirements: [OrderRequirements.MentalHealthTreatment]));

        var list = await Service(db).ClocksAsync(team.Id, 1);
        Assert.Equal([(late.Id, ClockState.Breached, 14), (soon.Id, ClockState.NearBreach, 21), (fresh.Id, ClockState.Running, 21)],
            list.Rows.Select(r => (r.EpisodeId, r.State, r.TargetDays)));
        Assert.Equal(Amira(team), (await db.Episodes.SingleAsync(e => e.Id == late.Id)).KeyWorkerId);

        var caseload = await new CaseloadQuery(db, _clock).RunAsync(team.Id, new CaseloadFilter());
        Assert.Equal(ClockState.Breached, caseload.Rows.Single(r => r.EpisodeId == late.Id).WorstClock);
        Assert.Equal(ClockState.NearBreach, caseload.Rows.Single(r => r.EpisodeId == soon.Id).WorstClock);
        Assert.Null(caseload.Rows.Single(r => r.EpisodeId == fresh.Id).WorstClock);

        // The admission stops the transfer clock: it leaves the list (late, so breached when read on the episode).
        await Service(db).RecordAsync(late.Id, new EventInput(CriminalJusticeEventKind.TransferAdmission, Today, LegalStatus: "16"));
        Assert.DoesNotContain((await Service(db).ClocksAsync(team.Id, 1)).Rows, r => r.EpisodeId == late.Id);
        var stopped = Assert.Single((await Service(db).PageAsync(late.Id, 1)).Clocks);
        Assert.Equal((ClockState.Breached, Today), (stopped.StateOn(Today), stopped.StoppedOn));
        Assert.Null((await new CaseloadQuery(db, _clock).RunAsync(team.Id, new CaseloadFilter())).Rows.Single(r => r.EpisodeId == late.Id).WorstClock);
    }

    [Fact]
    public async Task A_near_breach_with_a_long_target_is_listed_before_a_running_clock_due_sooner()
    {
        var (team, _, nearEpisode, _, _) = await SetUpAsync();
        var p2 = APerson().KnownTo(team).Build();
        var runningEpisode = AnEpisode().For(p2).InTeam(team).IdentifiedAt(_clock.Now.AddDays(-1)).Build();
        await SaveAsync(p2, runningEpisode);
        await using (var manager = As(new FixedUser("manager", Roles.TeamManager, team.Id)))
            await Service(manager).SaveSettingsAsync(28, 4, null);
        await using var db = As(PractitionerIn(team));
        // Transfer, 28 days, referred 22 days ago: near, due in 6 days. MHTR, 4 days, ordered today: running, due in 4 days.
        await Service(db).RecordAsync(nearEpisode.Id, new EventInput(CriminalJusticeEventKind.TransferReferral, Today.AddDays(-22), TransferSection: TransferSection.S48));
        await Service(db).RecordAsync(runningEpisode.Id, new EventInput(CriminalJusticeEventKind.CourtOutcome, Today, CourtOutcome: CourtOutcome.CommunityOrder, Requirements: [OrderRequirements.MentalHealthTreatment]));
        Assert.Equal([(nearEpisode.Id, ClockState.NearBreach), (runningEpisode.Id, ClockState.Running)],
            (await Service(db).ClocksAsync(team.Id, 1)).Rows.Select(r => (r.EpisodeId, r.State)));
    }

    [Fact]
    public async Task Two_managers_changing_the_clock_targets_at_once_the_second_is_told_and_changes_nothing()
    {
        var team = await NewTeamAsync();
        await using (var first = As(new FixedUser("manager-1", Roles.TeamManager, team.Id)))
            await Service(first).SaveSettingsAsync(28, 21, null);
        Guid loaded;
        await using (var read = As(new FixedUser("manager-1", Roles.TeamManager, team.Id))) loaded = (await Service(read).SettingsAsync(team.Id)).Version;
        await using (var first = As(new FixedUser("manager-1", Roles.TeamManager, team.Id)))
            await Service(first).SaveSettingsAsync(14, 21, loaded);
        await using (var second = As(new FixedUser("manager-2", Roles.TeamManager, team.Id)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service(second).SaveSettingsAsync(28, 30, loaded));
        await using var check = As(new FixedUser("manager-1", Roles.TeamManager, team.Id));
        var stored = await Service(check).SettingsAsync(team.Id);
        Assert.Equal((14, 21), (stored.TransferDays, stored.MhtrDays));
    }

    [Fact]
    public async Task Correcting_the_court_order_moves_the_MHTR_clock_and_another_team_sees_none_of_it()
    {
        var (team, _, episode, _, _) = await SetUpAsync();
        var otherTeam = await NewTeamAsync();
        await using var db = As(PractitionerIn(team));
        var order = await Service(db).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.CourtOutcome, Today.AddDays(-30), CourtOutcome: CourtOutcome.CommunityOrder, Requirements: [OrderRequirements.MentalHealthTreatment]));
        Assert.Equal(ClockState.Breached, Assert.Single((await Service(db).ClocksAsync(team.Id, 1)).Rows).State);
        await Service(db).RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.CourtOutcome, Today.AddDays(-1), CourtOutcome: CourtOutcome.CommunityOrder, Requirements: [OrderRequirements.MentalHealthTreatment], SupersedesId: order.Id));
        var row = Assert.Single((await Service(db).ClocksAsync(team.Id, 1)).Rows);
        Assert.Equal((Today.AddDays(-1), ClockState.Running), (row.StartedOn, row.State));
        Assert.Equal(1, await CountAsync(x => x.Set<CriminalJusticeClock>().Where(c => c.EpisodeId == episode.Id)));

        await using var other = As(PractitionerIn(otherTeam));
        Assert.Empty((await Service(other).ClocksAsync(team.Id, 1)).Rows);
        Assert.Empty((await Service(other).PageAsync(episode.Id, 1)).Rows);
    }
}

public sealed class CriminalJusticeServiceTestsOnSqlite(SqliteTestDatabase db) : CriminalJusticeServiceTests<SqliteTestDatabase>(db);

public sealed class CriminalJusticeServiceTestsOnPostgres(PostgresTestDatabase db) : CriminalJusticeServiceTests<PostgresTestDatabase>(db);
