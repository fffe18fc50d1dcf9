using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.ServiceDirectory;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

/// <summary>Referrals as stored: the lifecycle, follow-ups on an injected clock, outcomes, consent, figures, team scope.</summary>
public abstract class ReferralTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();

    private ReferralService Referrals(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    private async Task<(Team Team, Person Person, Episode Episode, LocalService Service)> SetUpAsync(Action<Team>? team = null, params string[] needs)
    {
        var t = await NewTeamAsync(team);
        var p = APerson().KnownTo(t).Build();
        var e = AnEpisode().For(p).InTeam(t).AtStatus(EpisodeStatus.Assessed).Build();
        var org = new Organisation { TeamId = t.Id, Name = "Northshire Council" };
        var s = new LocalService { TeamId = t.Id, OrganisationId = org.Id, Name = "Housing Options", LastVerifiedAt = _clock.Now.AddDays(-10) };
        foreach (var n in needs.Length == 0 ? ["housing"] : needs) s.Needs.Add(new ServiceNeed { ServiceId = s.Id, Domain = n });
        await SaveAsync(p, e, org, s);
        return (t, p, e, s);
    }

    private static ReferralInput Input(LocalService s, string need = "housing") => new(s.Id, need, ReferralMethod.Phone, true, "Amira goes with him", null);

    [Fact]
    public async Task Sending_a_referral_schedules_follow_ups_at_the_teams_intervals_for_the_key_worker()
    {
        var (team, person, episode, service) = await SetUpAsync(t => t.FollowUpDays = "3,10");
        await using var db = As(PractitionerIn(team, "amira"));
        var r = await Referrals(db).CreateAsync(episode.Id, Input(service), send: true);

        Assert.Equal(ReferralStep.Sent, r.Status);
        await using var check = AsSystem();
        var tasks = await check.FollowUpTasks.Where(t => t.ReferralId == r.Id).OrderBy(t => t.Number).ToListAsync();
        Assert.Equal([_clock.Now.AddDays(3), _clock.Now.AddDays(10)], tasks.Select(t => t.DueAt));
        Assert.All(tasks, t => Assert.Equal("amira", t.AssignedToUserId));
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.RecordType == "Referral" && a.PersonId == person.Id));
        var stored = await check.Referrals.Include(x => x.Events).SingleAsync(x => x.Id == r.Id);
        Assert.Equal([ReferralStep.Drafted, ReferralStep.Sent], stored.Events.OrderBy(e => e.Sequence).Select(e => e.Step));
        Assert.Equal(("Housing Options", true, "Amira goes with him"), (stored.ServiceName, stored.Supported, stored.SupportPlan));
    }

    [Fact]
    public async Task A_draft_has_no_follow_ups_until_sent_and_an_illegal_step_is_refused_with_the_reason()
    {
        var (team, _, episode, service) = await SetUpAsync();
        await using var db = As(PractitionerIn(team));
        var r = await Referrals(db).CreateAsync(episode.Id, Input(service), send: false);
        var e = await Assert.ThrowsAsync<ReferralRuleException>(() => Referrals(db).RecordStepAsync(r.Id, r.Version, new StepInput(ReferralStep.Attended, null, null, null, null)));
        Assert.Contains("has not been sent yet", e.Message);
        Assert.Equal(0, await CountAsync(x => x.FollowUpTasks.Where(t => t.ReferralId == r.Id)));

        await using var db2 = As(PractitionerIn(team));
        var sent = await Referrals(db2).RecordStepAsync(r.Id, r.Version, new StepInput(ReferralStep.Sent, null, null, null, null));
        Assert.Equal(2, await CountAsync(x => x.FollowUpTasks.Where(t => t.ReferralId == r.Id)));
        Assert.Equal(ReferralStep.Sent, sent.Status);
    }

    [Fact]
    public async Task Follow_ups_become_overdue_by_the_clock_and_close_when_the_outcome_is_known()
    {
        var (team, _, episode, service) = await SetUpAsync();
        await using var db = As(PractitionerIn(team, "amira"));
        var r = await Referrals(db).CreateAsync(episode.Id, Input(service), send: true);
        _clock.Advance(TimeSpan.FromDays(8));
        await using (var read = As(PractitionerIn(team)))
        {
            var tasks = await read.FollowUpTasks.Where(t => t.ReferralId == r.Id).ToListAsync();
            Assert.Equal([true, false], tasks.OrderBy(t => t.Number).Select(t => t.IsOverdue(_clock.Now)));
        }

        await using var db2 = As(PractitionerIn(team, "amira"));
        var current = (await Referrals(db2).FindAsync(r.Id))!;
        await Referrals(db2).RecordStepAsync(r.Id, current.Version,
            new StepInput(ReferralStep.Declined, null, DeclineReason.BelowThreshold, null, "Not high enough need for supported housing"));
        await using var check = AsSystem();
        var after = await check.FollowUpTasks.Where(t => t.ReferralId == r.Id).ToListAsync();
        Assert.All(after, t => Assert.False(t.IsOpen));
        Assert.All(after, t => Assert.Equal("Outcome known: declined", t.ClosedReason));
    }

    [Fact]
    public async Task Doing_the_last_follow_up_while_the_outcome_is_unknown_schedules_another()
    {
        var (team, _, episode, service) = await SetUpAsync(t => t.FollowUpDays = "7");
        await using var db = As(PractitionerIn(team, "amira"));
        var r = await Referrals(db).CreateAsync(episode.Id, Input(service), send: true);
        _clock.Advance(TimeSpan.FromDays(7));
        var first = await db.FollowUpTasks.SingleAsync(t => t.ReferralId == r.Id);
        await Referrals(db).CompleteTaskAsync(first.Id, "Rang them: no answer yet");
        await using var check = AsSystem();
        var tasks = await check.FollowUpTasks.Where(t => t.ReferralId == r.Id).OrderBy(t => t.Number).ToListAsync();
        Assert.Equal(2, tasks.Count);
        Assert.Equal((_clock.Now, "Rang them: no answer yet"), (tasks[0].DoneAt!.Value, tasks[0].DoneNote));
        Assert.Equal(_clock.Now.AddDays(7), tasks[1].DueAt);
        await Assert.ThrowsAsync<ReferralRuleException>(() => Referrals(db).CompleteTaskAsync(first.Id, null));
    }

    [Fact]
    public async Task The_whole_lifecycle_is_recorded_who_and_when_and_a_stale_step_is_refused()
    {
        var (team, _, episode, service) = await SetUpAsync();
        await using var db = As(PractitionerIn(team, "amira"));
        var r = await Referrals(db).CreateAsync(episode.Id, Input(service), send: true);
        var v1 = r.Version;
        Guid V(Referral x) => x.Version;
        var acked = await Referrals(db).RecordStepAsync(r.Id, v1, new StepInput(ReferralStep.Accepted, null, null, null, null));
        var v2 = V(acked);
        await using var ben = As(PractitionerIn(team, "ben"));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Referrals(ben).RecordStepAsync(r.Id, v1, new StepInput(ReferralStep.Declined, null, DeclineReason.NoCapacity, null, null)));
        var booked = await Referrals(db).RecordStepAsync(r.Id, v2, new StepInput(ReferralStep.AppointmentBooked, null, null, _clock.Now.AddDays(4), null));
        var v3 = V(booked);
        _clock.Advance(TimeSpan.FromDays(4));
        var attended = await Referrals(db).RecordStepAsync(r.Id, v3, new StepInput(ReferralStep.Attended, null, null, null, null));
        Assert.Equal(ReferralStep.Attended, attended.Status);
        await Assert.ThrowsAsync<ValidationFailedException>(() => Referrals(db).RecordStepAsync(r.Id, V(attended), new StepInput(ReferralStep.Engaged, _clock.Now.AddDays(2), null, null, null)));
    }

    [Fact]
    public async Task Another_team_cannot_refer_from_the_episode_nor_use_another_teams_service()
    {
        var (team, _, episode, service) = await SetUpAsync();
        var (otherTeam, _, otherEpisode, _) = await SetUpAsync();
        await using var outsider = As(PractitionerIn(otherTeam, "outsider"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Referrals(outsider).CreateAsync(episode.Id, Input(service), true));
        var e = await Assert.ThrowsAsync<ReferralRuleException>(() => Referrals(outsider).CreateAsync(otherEpisode.Id, Input(service), true));
        Assert.Contains("not in your team's directory", e.Message);
        Assert.Equal(0, await CountAsync(x => x.Referrals.Where(r => r.ServiceId == service.Id)));
        _ = team;
    }

    [Fact]
    public async Task Outcomes_and_consent_are_recorded_with_who_and_when()
    {
        var (team, person, episode, service) = await SetUpAsync();
        await using var db = As(PractitionerIn(team, "amira"));
        var r = await Referrals(db).CreateAsync(episode.Id, Input(service), true);
        var o = await Referrals(db).RecordOutcomeAsync(episode.Id, r.Id, OutcomeCode.HousingSecured, UkTime.Today(_clock), "Keys on Friday");
        await Assert.ThrowsAsync<ValidationFailedException>(() => Referrals(db).RecordOutcomeAsync(episode.Id, null, OutcomeCode.HousingSecured, UkTime.Today(_clock).AddDays(1), null));
        var c = await Referrals(db).RecordConsentAsync(r.Id, "Name, date of birth, phone and the housing need", "Housing Options", ConsentForm.Verbal, _clock.Now);
        Assert.True(c.Stands);
        await Referrals(db).WithdrawConsentAsync(c.Id);
        await using var check = AsSystem();
        Assert.Equal(("amira", r.Id), (await check.Outcomes.Where(x => x.Id == o.Id).Select(x => x.RecordedByUserId).SingleAsync(), o.ReferralId!.Value));
        Assert.False((await check.Consents.SingleAsync(x => x.Id == c.Id)).Stands);
        Assert.Equal(3, await check.AuditEvents.CountAsync(a => a.PersonId == person.Id && (a.RecordType == "Outcome" || a.RecordType == "Consent")));
    }

    [Fact]
    public async Task Every_problem_with_the_input_is_reported_at_once_and_nothing_is_saved()
    {
        var (team, _, episode, service) = await SetUpAsync();
        await using var db = As(PractitionerIn(team, "amira"));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Referrals(db).CreateAsync(episode.Id, new ReferralInput(null, null, null, true, null, new string('x', 2001)), send: true));
        Assert.Equal(
            [
                new ValidationProblem("ServiceId", "Choose a service"),
                new ValidationProblem("Need", "Choose the need this referral addresses"),
                new ValidationProblem("Method", "Select how the referral is made"),
                new ValidationProblem("SupportPlan", "Say how the person will be supported, for example who goes with them to the first appointment"),
                new ValidationProblem("Note", "Note must be 2,000 characters or fewer"),
            ],
            e.Problems);
        var outcome = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Referrals(db).RecordOutcomeAsync(episode.Id, null, null, null, new string('x', 2001)));
        Assert.Equal(["code", "on", "note"], outcome.Problems.Select(p => p.Field));
        Assert.Equal(0, await CountAsync(x => x.Referrals.Where(r => r.ServiceId == service.Id)));
    }

    [Fact]
    public async Task A_closed_episodes_referrals_cannot_change_but_outcomes_and_consent_can_still_be_recorded()
    {
        var (team, _, episode, service) = await SetUpAsync();
        await using var db = As(PractitionerIn(team, "amira"));
        var r = await Referrals(db).CreateAsync(episode.Id, Input(service), send: true);
        await using (var sys = AsSystem())
        {
            var e = await sys.Episodes.SingleAsync(x => x.Id == episode.Id);
            (e.ClosedAt, e.ClosedByUserId, e.ClosureReason) = (_clock.Now, "amira", ClosureReason.SupportCompleted);
            await sys.SaveChangesAsync();
        }
        await using var after = As(PractitionerIn(team, "amira"));
        var refused = await Assert.ThrowsAsync<EpisodeRuleException>(() =>
            Referrals(after).RecordStepAsync(r.Id, r.Version, new StepInput(ReferralStep.Accepted, null, null, null, null)));
        Assert.Equal(Episode.ClosedRefusal(_clock.Now, "change its referrals"), refused.Message);
        await Assert.ThrowsAsync<EpisodeRuleException>(() => Referrals(after).CreateAsync(episode.Id, Input(service), send: false));
        await Referrals(after).RecordOutcomeAsync(episode.Id, r.Id, OutcomeCode.HousingSecured, UkTime.Today(_clock), null);
        await Referrals(after).RecordConsentAsync(r.Id, "Name and need", "Housing Options", ConsentForm.Written, _clock.Now);
    }

    [Fact]
    public async Task Suggestions_put_the_most_recently_verified_service_first_and_a_never_verified_one_last_on_every_database()
    {
        // PostgreSQL sorts NULL first in a descending order and SQLite last; a never-verified service once led on PostgreSQL.
        var (team, person, episode, tenDaysAgo) = await SetUpAsync();
        LocalService Housing(string name, DateTimeOffset? verified)
        {
            var s = new LocalService { TeamId = team.Id, OrganisationId = tenDaysAgo.OrganisationId, Name = name, LastVerifiedAt = verified };
            s.Needs.Add(new ServiceNeed { ServiceId = s.Id, Domain = "housing" });
            return s;
        }
        var never = Housing("Aardvark Housing (never verified)", null);
        var yesterday = Housing("Zebra Housing", _clock.Now.AddDays(-1));
        var assessment = new PsychosocialAssessment { TeamId = team.Id, EpisodeId = episode.Id, PersonId = person.Id, StartedByUserId = "p", UpdatedByUserId = "p", RiskSummary = "Low" };
        assessment.Needs.Add(new AssessedNeed { AssessmentId = assessment.Id, Domain = "housing", Finding = NeedFinding.Need });
        await SaveAsync(never, yesterday, assessment);

        await using var db = As(PractitionerIn(team));
        var housing = Assert.Single(await Referrals(db).SuggestAsync(episode.Id));
        Assert.Equal([yesterday.Id, tenDaysAgo.Id, never.Id], housing.Services.Select(s => s.ServiceId));
    }
}

public sealed class ReferralTestsOnSqlite(SqliteTestDatabase db) : ReferralTests<SqliteTestDatabase>(db);

public sealed class ReferralTestsOnPostgres(PostgresTestDatabase db) : ReferralTests<PostgresTestDatabase>(db);
