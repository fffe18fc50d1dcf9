using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.CriminalJustice;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Reminders;
using Waymark.Support;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Reminders;

/// <summary>Reminders as stored: planning with consent, cancelling, claiming once, recovery by reference, re-checks at send time, statuses.</summary>
public abstract class ReminderDataTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    // Monday 30 November 2026, 10:00 UTC (GMT).
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingNotify _notify = new();

    private ReminderPlanner Planner(WaymarkDbContext db) => new(db, _clock, new Auditor(db, db.CurrentUser, _clock));

    private ReminderSender Sender(WaymarkDbContext db, int claimTimeoutSeconds = 300) =>
        new(db, _notify, new NotifySettings { ClaimTimeoutSeconds = claimTimeoutSeconds }, _clock, new Auditor(db, db.CurrentUser, _clock));

    private async Task<(Team Team, Person Person, Episode Episode)> SetUpAsync(bool text = true, bool email = false, string phone = "07700 900123")
    {
        var t = await NewTeamAsync();
        var p = APerson().Named("Ada", "Lovelace").KnownTo(t).Build();
        p.Phone = phone;
        p.ConsentToText = text;
        p.Email = "ada@example.invalid";
        p.ConsentToEmail = email;
        var e = AnEpisode().For(p).InTeam(t).IdentifiedAt(_clock.Now.AddDays(-3)).Build();
        await SaveAsync(p, e, new SupportSettings { TeamId = t.Id, SenderName = "Northshire Liaison and Diversion", ReplyTelephone = "01632 960 000", ChangedAt = _clock.Now });
        return (t, p, e);
    }

    private Appointment AnAppointment(Team t, Person p, Episode e, DateTimeOffset at, bool text = true, bool email = false) => new()
    {
        TeamId = t.Id, PersonId = p.Id, EpisodeId = e.Id, StartsAt = at, Location = "Newtown Library", Purpose = "Talk about the housing application",
        WorkerUserId = "amira", BookedAt = _clock.Now, BookedByUserId = "amira", RemindByText = text, RemindByEmail = email,
    };

    [Fact]
    public async Task An_appointment_gets_a_reminder_per_consented_channel_at_the_lead_time_and_says_why_not_for_the_others()
    {
        var (team, person, episode) = await SetUpAsync(text: true, email: false);
        var a = AnAppointment(team, person, episode, new DateTimeOffset(2026, 12, 1, 14, 30, 0, TimeSpan.Zero), text: true, email: true);
        await using (var db = As(PractitionerIn(team, "amira")))
        {
            db.Add(a);
            var plan = await Planner(db).PlanForAppointmentAsync(a, "amira");
            await db.SaveChangesAsync();
            var r = Assert.Single(plan.Planned);
            Assert.Equal((ReminderChannel.Text, new DateTimeOffset(2026, 11, 30, 14, 30, 0, TimeSpan.Zero)), (r.Channel, r.DueAt));
            Assert.Contains("No email reminder", Assert.Single(plan.NotPlanned), StringComparison.Ordinal);
        }
        await using var check = AsSystem();
        var stored = await check.Set<Reminder>().SingleAsync(x => x.AppointmentId == a.Id);
        Assert.Equal((person.Id, team.Id, a.StartsAt), (stored.PersonId, stored.TeamId, stored.EventAt));
        Assert.True(await check.AuditEvents.AnyAsync(x => x.RecordType == nameof(Reminder) && x.RecordId == stored.Id.ToString() && x.Action == AuditAction.Created));
    }

    [Fact]
    public async Task A_landline_with_consent_to_texts_gets_no_text_reminder_and_every_check_says_so()
    {
        // Consent recorded against a landline (before the rule, or by an import): Notify would refuse every text.
        var (team, person, episode) = await SetUpAsync(text: true, email: false, phone: "01632 960 000");
        var a = AnAppointment(team, person, episode, new DateTimeOffset(2026, 12, 1, 14, 30, 0, TimeSpan.Zero), text: true);
        await using (var db = As(PractitionerIn(team, "amira")))
        {
            db.Add(a);
            var plan = await Planner(db).PlanForAppointmentAsync(a, "amira");
            await db.SaveChangesAsync();
            Assert.Empty(plan.Planned);
            Assert.Contains("No text reminder", Assert.Single(plan.NotPlanned), StringComparison.Ordinal);
            Assert.Equal(["RemindByText"], (await Planner(db).ConsentProblemsAsync(person.Id, byText: true, byEmail: false)).Select(x => x.Field));
            Assert.False(AppointmentRules.CanText(person));
            Assert.Contains("not a UK mobile number", Assert.Single(AppointmentRules.ConsentProblems(true, false, person)).Message, StringComparison.Ordinal);
        }
        await using var check = AsSystem();
        Assert.False(await check.Set<Reminder>().AnyAsync(x => x.AppointmentId == a.Id));
    }

    [Fact]
    public async Task At_send_time_a_number_changed_to_a_landline_cancels_the_text_reminder()
    {
        await FinishOthersAsync();
        var (team, person, episode) = await SetUpAsync();
        var rows = await DueRemindersAsync(team, person, episode, 1);
        await using (var db = AsSystem())
        {
            var p = await db.Set<Person>().SingleAsync(x => x.Id == person.Id);
            p.Phone = "01632 960 000";
            await db.SaveChangesAsync();
        }
        await using (var db = AsSystem()) Assert.Equal(1, (await Sender(db).RunOnceAsync()).Cancelled);
        Assert.Equal(0, _notify.Sends);
        await using var check = AsSystem();
        Assert.Equal("Consent to texts withdrawn, or no mobile number", (await check.Set<Reminder>().SingleAsync(r => r.Id == rows[0].Id)).CancelReason);
    }

    [Fact]
    public async Task Booked_too_late_no_reminder_is_planned_and_the_plan_says_so()
    {
        var (team, person, episode) = await SetUpAsync();
        var a = AnAppointment(team, person, episode, _clock.Now.AddMinutes(50));
        await using var db = As(PractitionerIn(team, "amira"));
        var plan = await Planner(db).PlanForAppointmentAsync(a, "amira");
        Assert.Empty(plan.Planned);
        Assert.Contains("too late", Assert.Single(plan.NotPlanned), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_marks_unsent_reminders_with_the_reason_and_leaves_sent_ones()
    {
        var (team, person, episode) = await SetUpAsync(text: true, email: true);
        var a = AnAppointment(team, person, episode, _clock.Now.AddDays(3), text: true, email: true);
        await using (var db = As(PractitionerIn(team, "amira")))
        {
            db.Add(a);
            await Planner(db).PlanForAppointmentAsync(a, "amira");
            await db.SaveChangesAsync();
        }
        await using (var db = AsSystem())
        {
            var email = await db.Set<Reminder>().SingleAsync(r => r.AppointmentId == a.Id && r.Channel == ReminderChannel.Email);
            email.SendingStartedAt = email.SentAt = _clock.Now;
            await db.SaveChangesAsync();
        }
        await using (var db = As(PractitionerIn(team, "amira")))
        {
            await Planner(db).CancelForAppointmentAsync(a.Id, "Appointment rescheduled");
            await db.SaveChangesAsync();
        }
        await using var check = AsSystem();
        var rows = await check.Set<Reminder>().Where(r => r.AppointmentId == a.Id).ToListAsync();
        Assert.Equal("Appointment rescheduled", rows.Single(r => r.Channel == ReminderChannel.Text).CancelReason);
        Assert.Null(rows.Single(r => r.Channel == ReminderChannel.Email).CancelledAt);
    }

    /// <summary>The sender acts on every team: earlier tests' reminders in this class's database are finished first.</summary>
    private async Task FinishOthersAsync()
    {
        await using var db = AsSystem();
        await db.Set<Reminder>().Where(r => r.SentAt == null && r.CancelledAt == null && r.FailedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.CancelledAt, DateTimeOffset.UnixEpoch).SetProperty(r => r.CancelReason, "Earlier test"));
        await db.Set<Reminder>().Where(r => r.SentAt != null && r.DeliveredAt == null && r.FailedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.DeliveredAt, DateTimeOffset.UnixEpoch));
    }

    private async Task<List<Reminder>> DueRemindersAsync(Team team, Person person, Episode episode, int count)
    {
        var a = AnAppointment(team, person, episode, _clock.Now.AddDays(2));
        var rows = Enumerable.Range(0, count).Select(_ => new Reminder
        {
            TeamId = team.Id, PersonId = person.Id, AppointmentId = a.Id, Channel = ReminderChannel.Text, EventAt = a.StartsAt,
            DueAt = _clock.Now.AddMinutes(-5), CreatedAt = _clock.Now, CreatedByUserId = "amira",
        }).ToList();
        await SaveAsync([a, .. rows]);
        return rows;
    }

    [Fact]
    public async Task A_due_reminder_is_sent_once_with_only_its_id_as_reference_and_recorded()
    {
        await FinishOthersAsync();
        var (team, person, episode) = await SetUpAsync();
        var r = (await DueRemindersAsync(team, person, episode, 1))[0];
        await using (var db = AsSystem())
        {
            var run = await Sender(db).RunOnceAsync();
            Assert.Equal(1, run.Sent);
        }
        await using (var db = AsSystem()) Assert.Equal(0, (await Sender(db).RunOnceAsync()).Sent);
        var sent = Assert.Single(_notify.All);
        // The reference is exactly the reminder's id, so it carries nothing personal. (Looking for
        // "Ada" in it was flaky: a random GUID's hex sometimes contains "ada".)
        Assert.Equal(r.Id.ToString(), sent.Reference);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", sent.Reference);
        Assert.Equal("Reminder from Northshire Liaison and Diversion: you have an appointment on Wednesday 2 December at 10am at Newtown Library. If you cannot go, please call 01632 960 000.", sent.Body);
        Assert.DoesNotContain("Ada", sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("housing", sent.Body, StringComparison.OrdinalIgnoreCase);
        await using var check = AsSystem();
        var stored = await check.Set<Reminder>().SingleAsync(x => x.Id == r.Id);
        Assert.Equal((sent.Id, sent.Body, _clock.Now), (stored.NotifyNotificationId, stored.Body, stored.SentAt));
    }

    [Fact]
    public async Task Two_senders_racing_send_each_reminder_exactly_once()
    {
        await FinishOthersAsync();
        var (team, person, episode) = await SetUpAsync();
        var rows = await DueRemindersAsync(team, person, episode, 250);
        await using var db1 = AsSystem();
        await using var db2 = AsSystem();
        var runs = await Task.WhenAll(Task.Run(() => Sender(db1).RunOnceAsync()), Task.Run(() => Sender(db2).RunOnceAsync()));
        Assert.Equal(250, runs.Sum(r => r.Sent));
        Assert.Equal(250, _notify.Sends);
        Assert.Equal(rows.Select(r => r.Id.ToString()).Order(), _notify.All.Select(s => s.Reference).Order());
        Assert.Equal(250, await CountAsync(db => db.Set<Reminder>().Where(r => r.PersonId == person.Id && r.SentAt != null)));
    }

    [Fact]
    public async Task A_crash_between_Notify_accepting_and_the_record_is_recovered_by_reference_without_sending_again()
    {
        await FinishOthersAsync();
        var (team, person, episode) = await SetUpAsync();
        var rows = await DueRemindersAsync(team, person, episode, 30);
        await using (var db = AsSystem())
        {
            var crashing = Sender(db);
            var accepted = 0;
            crashing.AfterNotifyAccepted = _ => { if (++accepted == 7) throw new InvalidOperationException("simulated crash"); };
            await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.RunOnceAsync());
        }
        Assert.Equal(7, _notify.Sends);
        Assert.Equal(0, await CountAsync(db => db.Set<Reminder>().Where(r => r.PersonId == person.Id && r.SentAt != null)));

        // Before the claim timeout nothing is touched; after it, the seven are found by reference and the rest sent.
        await using (var db = AsSystem()) Assert.Equal(0, (await Sender(db).RunOnceAsync()).Recovered);
        Assert.Equal(7, _notify.Sends);
        _clock.Advance(TimeSpan.FromMinutes(6));
        await using (var db = AsSystem())
        {
            var run = await Sender(db).RunOnceAsync();
            Assert.Equal((7, 23), (run.Recovered, run.Sent));
        }
        Assert.Equal(30, _notify.Sends);
        Assert.Equal(rows.Select(r => r.Id.ToString()).Order(), _notify.All.Select(s => s.Reference).Order());
        Assert.Equal(30, await CountAsync(db => db.Set<Reminder>().Where(r => r.PersonId == person.Id && r.SentAt != null && r.NotifyNotificationId != null)));
    }

    [Fact]
    public async Task While_Notify_is_down_nothing_is_sent_twice_and_the_one_in_doubt_is_looked_up_before_it_is_sent()
    {
        await FinishOthersAsync();
        var (team, person, episode) = await SetUpAsync();
        var rows = await DueRemindersAsync(team, person, episode, 5);
        _notify.Down = true;
        await using (var db = AsSystem()) Assert.Equal((0, 1), await Sender(db).RunOnceAsync() is var r ? (r.Sent, r.Unavailable) : default);
        // One was tried (whether it went is unknown: still claimed); the other four were released untried.
        Assert.Equal(1, await CountAsync(db => db.Set<Reminder>().Where(x => x.PersonId == person.Id && x.SendingStartedAt != null)));
        _notify.Down = false;
        await using (var db = AsSystem()) Assert.Equal(4, (await Sender(db).RunOnceAsync()).Sent);
        // After the timeout, with Notify down again, the one in doubt is not sent blind.
        _clock.Advance(TimeSpan.FromMinutes(6));
        _notify.Down = true;
        await using (var db = AsSystem()) Assert.Equal((0, 0), await Sender(db).RunOnceAsync() is var d ? (d.Sent, d.Recovered) : default);
        _notify.Down = false;
        _clock.Advance(TimeSpan.FromMinutes(6));
        await using (var db = AsSystem()) Assert.Equal(1, (await Sender(db).RunOnceAsync()).Sent);
        Assert.Equal(5, _notify.Sends);
        Assert.Equal(rows.Select(x => x.Id.ToString()).Order(), _notify.All.Select(x => x.Reference).Order());
    }

    [Fact]
    public async Task At_send_time_a_rescheduled_appointment_or_withdrawn_consent_cancels_the_reminder_with_the_reason()
    {
        await FinishOthersAsync();
        var (team, person, episode) = await SetUpAsync();
        var rows = await DueRemindersAsync(team, person, episode, 1);
        var other = await SetUpAsync();
        var consentRows = await DueRemindersAsync(other.Team, other.Person, other.Episode, 1);
        await using (var db = AsSystem())
        {
            db.Add(AnAppointment(team, person, episode, _clock.Now.AddDays(4)) is var n ? n : null!);
            n.SupersedesId = rows[0].AppointmentId;
            var p = await db.Set<Person>().SingleAsync(x => x.Id == other.Person.Id);
            p.ConsentToText = false;
            await db.SaveChangesAsync();
        }
        await using (var db = AsSystem()) Assert.Equal(2, (await Sender(db).RunOnceAsync()).Cancelled);
        Assert.Equal(0, _notify.Sends);
        await using var check = AsSystem();
        Assert.Equal("Appointment rescheduled", (await check.Set<Reminder>().SingleAsync(r => r.Id == rows[0].Id)).CancelReason);
        Assert.StartsWith("Consent to texts withdrawn", (await check.Set<Reminder>().SingleAsync(r => r.Id == consentRows[0].Id)).CancelReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statuses_are_polled_into_delivered_or_failed_with_a_plain_reason_and_a_refusal_fails_at_once()
    {
        await FinishOthersAsync();
        var (team, person, episode) = await SetUpAsync();
        var rows = await DueRemindersAsync(team, person, episode, 2);
        var refused = await SetUpAsync(phone: "07700 000000");
        var refusedRows = await DueRemindersAsync(refused.Team, refused.Person, refused.Episode, 1);
        await using (var db = AsSystem()) Assert.Equal((2, 1), await Sender(db).RunOnceAsync() is var r ? (r.Sent, r.Refused) : default);
        var ids = _notify.All.ToDictionary(s => s.Reference, s => s.Id);
        _notify.Statuses[ids[rows[0].Id.ToString()]] = "delivered";
        _notify.Statuses[ids[rows[1].Id.ToString()]] = "permanent-failure";
        _clock.Advance(TimeSpan.FromMinutes(2));
        await using (var db = AsSystem())
        {
            var run = await Sender(db).RunOnceAsync();
            Assert.Equal((1, 1), (run.Delivered, run.Failed));
        }
        await using var check = AsSystem();
        var delivered = await check.Set<Reminder>().SingleAsync(x => x.Id == rows[0].Id);
        var failed = await check.Set<Reminder>().SingleAsync(x => x.Id == rows[1].Id);
        var refusal = await check.Set<Reminder>().SingleAsync(x => x.Id == refusedRows[0].Id);
        Assert.Equal(("delivered", _clock.Now), (delivered.DeliveryStatus, delivered.DeliveredAt));
        Assert.NotNull(failed.FailedAt);
        Assert.Contains("permanent failure", failed.FailureReason, StringComparison.Ordinal);
        Assert.Contains("Not a UK mobile number", refusal.FailureReason, StringComparison.Ordinal);
        Assert.Null(refusal.SentAt);
        // Final ones are not asked about again.
        var calls = _notify.StatusCalls;
        _clock.Advance(TimeSpan.FromMinutes(2));
        await using (var db = AsSystem()) await Sender(db).RunOnceAsync();
        Assert.Equal(calls, _notify.StatusCalls);
    }

    [Fact]
    public async Task Nothing_is_sent_in_the_team_s_quiet_hours_even_when_due()
    {
        await FinishOthersAsync();
        var (team, person, episode) = await SetUpAsync();
        await DueRemindersAsync(team, person, episode, 1);
        _clock.Set(new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.Zero));
        await using (var db = AsSystem()) Assert.Equal(0, (await Sender(db).RunOnceAsync()).Sent);
        _clock.Set(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await using (var db = AsSystem()) Assert.Equal(1, (await Sender(db).RunOnceAsync()).Sent);
    }

    [Fact]
    public async Task A_hearing_with_reminders_plans_them_refuses_without_consent_and_cancels_them_when_adjourned()
    {
        var (team, person, episode) = await SetUpAsync(text: true, email: false);
        var court = new CriminalJusticeAgency { TeamId = team.Id, Kind = AgencyKind.MagistratesCourt, Name = "Northshire Magistrates' Court", CreatedByUserId = "m" };
        await SaveAsync(court);
        await using var db = As(PractitionerIn(team, "amira"));
        var service = new CriminalJusticeService(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);
        var at = new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => service.RecordAsync(episode.Id,
            new EventInput(CriminalJusticeEventKind.Hearing, HearingAt: at, AgencyId: court.Id, HearingType: HearingType.Trial, RemindByText: true, RemindByEmail: true)));
        Assert.Contains(refused.Problems, p => p.Field == nameof(EventInput.RemindByEmail));
        Assert.DoesNotContain(refused.Problems, p => p.Field == nameof(EventInput.RemindByText));

        var hearing = await service.RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.Hearing, HearingAt: at, AgencyId: court.Id, HearingType: HearingType.Trial, RemindByText: true));
        Assert.Equal(at.AddHours(-24), Assert.Single(service.PlannedReminders!.Planned).DueAt);
        await service.RecordAsync(episode.Id, new EventInput(CriminalJusticeEventKind.HearingAdjourned, _clock.Today, HearingId: hearing.Id));
        await using var check = AsSystem();
        Assert.Equal("Hearing adjourned", (await check.Set<Reminder>().SingleAsync(r => r.HearingEventId == hearing.Id)).CancelReason);
    }
}

public sealed class ReminderDataTestsOnSqlite(SqliteTestDatabase db) : ReminderDataTests<SqliteTestDatabase>(db);

public sealed class ReminderDataTestsOnPostgres(PostgresTestDatabase db) : ReminderDataTests<PostgresTestDatabase>(db);
