using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Reminders;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Appointments;

/// <summary>Appointments as stored: booking, outcomes and their contacts, rescheduling, diaries across a clock change, the calendar feed.</summary>
public abstract class AppointmentServiceTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    // Monday 2 March 2026, 10:00 UTC (GMT).
    private readonly FakeClock _clock = new();
    private DateOnly Today => UkTime.Today(_clock);

    private AppointmentService Service(WaymarkDbContext db) =>
        new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock, new ReminderPlanner(db, _clock));

    private CalendarFeedService Feeds(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    private sealed record World(Team Team, string Worker, Person Person, Episode Episode);

    private async Task<World> SetUpAsync(Action<Person>? person = null)
    {
        var t = await NewTeamAsync();
        var worker = await WorkerAsync(t, "Amira Practitioner", Roles.Practitioner);
        var p = APerson().Named("Joanna", "Smithson").KnownTo(t).Build();
        p.Phone = "07700 900123";
        p.ConsentToText = true;
        person?.Invoke(p);
        var e = AnEpisode().For(p).InTeam(t).IdentifiedAt(_clock.Now.AddDays(-3)).AllocatedTo(worker).Build();
        await SaveAsync(p, e);
        return new World(t, worker, p, e);
    }

    private async Task<string> WorkerAsync(Team team, string name, string role)
    {
        var user = await NewUserAsync(name, team);
        await using var db = AsSystem();
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync();
        if (roleId is null)
        {
            var newRole = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(newRole);
            roleId = newRole.Id;
        }
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static AppointmentInput At(DateOnly date, string time = "14:30") =>
        new(date, time, DurationMinutes: 45, Location: "Newtown Library, room 2", Purpose: "Talk through the benefits claim");

    private FixedUser Me(World w) => PractitionerIn(w.Team, w.Worker);

    [Fact]
    public async Task Booking_takes_the_only_open_episode_plans_reminders_in_the_same_save_and_audits_without_free_text()
    {
        var w = await SetUpAsync();
        await using var db = As(Me(w));
        var a = await Service(db).BookAsync(w.Person.Id, At(Today.AddDays(2)) with { RemindByText = true });

        await using var check = AsSystem();
        var stored = await check.Set<Appointment>().SingleAsync(x => x.Id == a.Id);
        Assert.Equal((w.Episode.Id, w.Worker, w.Team.Id, UkTime.FromLocal(Today.AddDays(2), new TimeOnly(14, 30)), 45, true),
            (stored.EpisodeId, stored.WorkerUserId, stored.TeamId, stored.StartsAt, stored.DurationMinutes, stored.RemindByText));
        var audit = await check.AuditEvents.SingleAsync(x => x.RecordType == "Appointment" && x.RecordId == a.Id.ToString());
        Assert.Equal((AuditAction.Created, w.Person.Id), (audit.Action, audit.PersonId));
        Assert.DoesNotContain("Library", audit.Detail!, StringComparison.Ordinal);
        Assert.DoesNotContain("benefits", audit.Detail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_without_consent_a_worker_outside_the_team_and_an_unchosen_episode_are_all_refused_and_nothing_is_saved()
    {
        var w = await SetUpAsync(p => { p.ConsentToText = false; p.Email = null; p.ConsentToEmail = true; });
        var outsider = await NewUserAsync("Not a member");
        await SaveAsync(AnEpisode().For(w.Person).InTeam(w.Team).IdentifiedAt(_clock.Now.AddDays(-1)).Build());
        await using var db = As(Me(w));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).BookAsync(w.Person.Id,
            At(Today.AddDays(1)) with { RemindByText = true, RemindByEmail = true, WorkerUserId = outsider.Id }));
        Assert.Equal(["WorkerUserId", "RemindByText", "RemindByEmail", "EpisodeId"], e.Problems.Select(p => p.Field));
        Assert.Contains("not agreed to text", e.Problems[1].Message);
        Assert.Contains("no email address", e.Problems[2].Message);
        Assert.Equal(0, await CountAsync(x => x.Set<Appointment>().Where(a => a.PersonId == w.Person.Id)));

        var chosen = await Service(db).BookAsync(w.Person.Id, At(Today.AddDays(1)) with { EpisodeId = w.Episode.Id });
        Assert.Equal(w.Episode.Id, chosen.EpisodeId);
    }

    [Fact]
    public async Task After_discharge_the_appointment_belongs_to_the_person_only_and_another_team_cannot_book_or_see_it()
    {
        var w = await SetUpAsync();
        await using (var sys = AsSystem())
        {
            var e = await sys.Episodes.SingleAsync(x => x.Id == w.Episode.Id);
            e.Close(w.Worker, _clock.Now, ClosureReason.SupportCompleted, null);
            await sys.SaveChangesAsync();
        }
        await using var db = As(Me(w));
        var a = await Service(db).BookAsync(w.Person.Id, At(Today.AddDays(1)));
        Assert.Null(a.EpisodeId);

        var other = await SetUpAsync();
        await using var theirs = As(Me(other));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(theirs).BookAsync(w.Person.Id, At(Today.AddDays(1))));
        Assert.Null(await Service(theirs).DetailsAsync(a.Id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(theirs).RecordOutcomeAsync(a.Id, AppointmentOutcome.CancelledByTeam, null, a.Version));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(theirs).RescheduleAsync(a.Id, At(Today.AddDays(3)), "Moved", a.Version));
    }

    [Fact]
    public async Task Attended_records_a_reached_contact_and_a_correction_to_did_not_attend_replaces_it_with_an_unreached_one()
    {
        var w = await SetUpAsync();
        Appointment a;
        await using (var db = As(Me(w)))
            a = await Service(db).BookAsync(w.Person.Id, At(Today, "15:00") with { Accompanied = true, WithWhom = "Housing officer, Newtown Housing Options" });
        await using (var db = As(Me(w)))
        {
            var early = await Assert.ThrowsAsync<AppointmentRuleException>(() => Service(db).RecordOutcomeAsync(a.Id, AppointmentOutcome.Attended, null, a.Version));
            Assert.Contains("has not started yet", early.Message);
        }
        _clock.Advance(TimeSpan.FromHours(6));
        Appointment recorded;
        await using (var db = As(Me(w)))
            recorded = await Service(db).RecordOutcomeAsync(a.Id, AppointmentOutcome.Attended, "Went well", a.Version);

        await using (var check = AsSystem())
        {
            var c = await check.Set<Contact>().SingleAsync(x => x.AppointmentId == a.Id);
            Assert.Equal((true, ContactKind.AccompaniedToAppointment, a.StartsAt, (int?)45, w.Episode.Id, w.Worker, "Housing officer, Newtown Housing Options"),
                (c.Reached, c.Kind, c.OccurredAt, c.DurationMinutes, c.EpisodeId, c.WorkerUserId, c.WithWhom));
            Assert.StartsWith("Attended: Talk through the benefits claim", c.Note);
            Assert.Contains("Went well", c.Note);
        }

        // A stale version (another editor) is a conflict and changes nothing.
        await using (var db = As(Me(w)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service(db).RecordOutcomeAsync(a.Id, AppointmentOutcome.DidNotAttend, null, a.Version));
        await using (var db = As(Me(w)))
            await Service(db).RecordOutcomeAsync(a.Id, AppointmentOutcome.DidNotAttend, null, recorded.Version);

        await using var after = AsSystem();
        var contacts = await after.Set<Contact>().Where(x => x.AppointmentId == a.Id).ToListAsync();
        Assert.Equal(2, contacts.Count);
        var live = contacts.Single(x => x.SupersededAt == null);
        Assert.False(live.Reached);
        Assert.Null(live.DurationMinutes);
        Assert.Equal(contacts.Single(x => x.SupersededAt != null).Id, live.SupersedesId);
        Assert.Equal(AppointmentOutcome.DidNotAttend, (await after.Set<Appointment>().SingleAsync(x => x.Id == a.Id)).Outcome);
        Assert.Equal(2, await after.AuditEvents.CountAsync(x => x.RecordType == "Appointment" && x.RecordId == a.Id.ToString() && x.Action == AuditAction.Updated));
    }

    [Fact]
    public async Task A_cancellation_can_be_recorded_before_the_start_and_withdraws_nothing_it_did_not_create()
    {
        var w = await SetUpAsync();
        await using var db = As(Me(w));
        var a = await Service(db).BookAsync(w.Person.Id, At(Today.AddDays(5)));
        var cancelled = await Service(db).RecordOutcomeAsync(a.Id, AppointmentOutcome.CancelledByPerson, "Has a job interview", a.Version);
        Assert.Equal(AppointmentOutcome.CancelledByPerson, cancelled.Outcome);
        Assert.Equal(0, await CountAsync(x => x.Set<Contact>().Where(c => c.AppointmentId == a.Id)));
        var again = await Assert.ThrowsAsync<AppointmentRuleException>(() => Service(db).RescheduleAsync(a.Id, At(Today.AddDays(6)), "Moved", cancelled.Version));
        Assert.Contains("cannot be rescheduled", again.Message);
    }

    [Fact]
    public async Task Rescheduling_books_a_new_appointment_that_supersedes_the_kept_old_one_once_only()
    {
        var w = await SetUpAsync();
        Appointment old, next;
        await using (var db = As(Me(w)))
        {
            old = await Service(db).BookAsync(w.Person.Id, At(Today.AddDays(2)));
            var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).RescheduleAsync(old.Id, At(Today.AddDays(4)) with { Location = "" }, " ", old.Version));
            Assert.Equal(["Location", "Reason"], noReason.Problems.Select(p => p.Field));
            next = await Service(db).RescheduleAsync(old.Id, At(Today.AddDays(4), "10:00"), "They start work that day", old.Version);
        }
        await using (var db = As(Me(w)))
        {
            Assert.Equal((old.Id, "They start work that day"), (next.SupersedesId, next.RescheduleReason));
            var details = await Service(db).DetailsAsync(old.Id);
            Assert.Equal(next.Id, details!.RescheduledTo!.Id);
            Assert.Equal(old.Id, (await Service(db).DetailsAsync(next.Id))!.RescheduledFrom!.Id);
            var twice = await Assert.ThrowsAsync<AppointmentRuleException>(() => Service(db).RescheduleAsync(old.Id, At(Today.AddDays(5)), "Again", details.Appointment.Version));
            Assert.Contains("already been rescheduled", twice.Message);
            var outcome = await Assert.ThrowsAsync<AppointmentRuleException>(() => Service(db).RecordOutcomeAsync(old.Id, AppointmentOutcome.CancelledByTeam, null, details.Appointment.Version));
            Assert.Contains("rescheduled", outcome.Message);
        }
        Assert.Equal(2, await CountAsync(x => x.Set<Appointment>().Where(a => a.PersonId == w.Person.Id)));
    }

    [Fact]
    public async Task Two_people_rescheduling_the_same_appointment_at_once_one_gets_a_conflict()
    {
        var w = await SetUpAsync();
        Appointment old;
        await using (var db = As(Me(w))) old = await Service(db).BookAsync(w.Person.Id, At(Today.AddDays(2)));
        await using (var db = As(Me(w))) await Service(db).RescheduleAsync(old.Id, At(Today.AddDays(3)), "First", old.Version);
        await using (var db = As(Me(w)))
        {
            // The second editor loaded the old version before the first saved: refused whichever rule is checked first.
            var e = await Record.ExceptionAsync(() => Service(db).RescheduleAsync(old.Id, At(Today.AddDays(4)), "Second", old.Version));
            Assert.True(e is ConcurrencyConflictException or AppointmentRuleException, e?.GetType().Name);
        }
        Assert.Equal(2, await CountAsync(x => x.Set<Appointment>().Where(a => a.PersonId == w.Person.Id)));
    }

    [Fact]
    public async Task The_diary_day_and_week_are_UK_days_across_the_October_clock_change_with_names_and_rescheduled_ones_marked()
    {
        var w = await SetUpAsync();
        var sunday = new DateOnly(2026, 10, 25); // the clocks go back at 02:00 BST
        await using var db = As(Me(w));
        var s = Service(db);
        var early = await s.BookAsync(w.Person.Id, At(sunday, "00:30"));                              // 24 Oct 23:30 UTC
        var twiceBst = await s.BookAsync(w.Person.Id, At(sunday, "01:30") with { ClockChange = "BST" }); // 00:30 UTC
        var twiceGmt = await s.BookAsync(w.Person.Id, At(sunday, "01:30") with { ClockChange = "GMT" }); // 01:30 UTC
        var late = await s.BookAsync(w.Person.Id, At(sunday, "23:30"));                                // 23:30 UTC
        var monday = await s.BookAsync(w.Person.Id, At(sunday.AddDays(1), "00:10"));
        var saturday = await s.BookAsync(w.Person.Id, At(sunday.AddDays(-1), "23:50"));                // 22:50 UTC
        var moved = await s.RescheduleAsync(late.Id, At(sunday.AddDays(1), "09:00"), "Clinic closed", late.Version);

        var day = await s.DayAsync(w.Worker, sunday);
        Assert.Equal([early.Id, twiceBst.Id, twiceGmt.Id, late.Id], day.Select(d => d.Appointment.Id));
        Assert.All(day, d => Assert.Equal("Joanna Smithson", d.PersonName));
        Assert.Equal(moved.Id, day.Single(d => d.Appointment.Id == late.Id).RescheduledToId);

        var week = await s.WeekAsync(w.Worker, sunday); // Monday 19 to Sunday 25 October
        Assert.Equal([saturday.Id, early.Id, twiceBst.Id, twiceGmt.Id, late.Id], week.Select(d => d.Appointment.Id));
        var next = await s.WeekAsync(w.Worker, sunday.AddDays(1));
        Assert.Equal([monday.Id, moved.Id], next.Select(d => d.Appointment.Id));
        Assert.Empty(await s.DayAsync("someone-else", sunday));
    }

    [Fact]
    public async Task The_person_section_lists_the_next_and_latest_appointments()
    {
        var w = await SetUpAsync();
        await using var db = As(Me(w));
        var s = Service(db);
        var booked = new List<Appointment>();
        for (var i = 1; i <= 7; i++) booked.Add(await s.BookAsync(w.Person.Id, At(Today.AddDays(i))));
        _clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromHours(6)); // days 1 to 4 are past now
        var list = await s.ForPersonAsync(w.Person.Id, null);
        Assert.Equal(booked.Skip(4).Select(a => a.Id), list.Upcoming.Select(e => e.Appointment.Id));
        Assert.Equal(booked.Take(4).Reverse().Take(3).Select(a => a.Id), list.Past.Select(e => e.Appointment.Id));
        Assert.Empty((await s.ForPersonAsync(w.Person.Id, Guid.NewGuid())).Upcoming);

        // One round trip each for the person's section and a week of the diary, whatever the number of appointments.
        var counter = new CommandCounter();
        await using var counted = As(Me(w), counter);
        await Service(counted).ForPersonAsync(w.Person.Id, null);
        Assert.Equal(1, counter.Commands);
        Assert.Equal(7, (await Service(counted).WeekAsync(w.Worker, Today)).Count + (await Service(counted).WeekAsync(w.Worker, Today.AddDays(7))).Count);
        Assert.Equal(3, counter.Commands);
    }

    [Fact]
    public async Task The_calendar_feed_carries_initials_and_times_only_marks_cancellations_and_stops_when_revoked_or_replaced()
    {
        var w = await SetUpAsync();
        Appointment a, cancelled;
        NewCalendarFeed feed;
        await using (var db = As(Me(w)))
        {
            a = await Service(db).BookAsync(w.Person.Id, At(Today.AddDays(1)) with { Accompanied = true, WithWhom = "Housing officer" });
            cancelled = await Service(db).BookAsync(w.Person.Id, At(Today.AddDays(2)));
            await Service(db).RecordOutcomeAsync(cancelled.Id, AppointmentOutcome.CancelledByTeam, null, cancelled.Version);
            feed = await Feeds(db).CreateAsync();
        }
        Assert.Equal(43, feed.Token.Length);
        await using (var check = AsSystem())
        {
            var stored = await check.Set<CalendarFeed>().SingleAsync(f => f.Id == feed.Feed.Id);
            Assert.Equal(CalendarFeedService.Hash(feed.Token), stored.TokenHash);
            Assert.DoesNotContain(feed.Token, stored.TokenHash, StringComparison.Ordinal);
        }

        string text;
        var stranger = await NewTeamAsync();
        await using (var anonymous = As(new FixedUser("nobody", Roles.Practitioner, stranger.Id)))
            text = (await Feeds(anonymous).FeedAsync(feed.Token))!;
        Assert.Contains("BEGIN:VCALENDAR", text);
        Assert.Contains("SUMMARY:Appointment – J.S.", text);
        Assert.Contains($"UID:{a.Id}", text);
        Assert.Contains($"DTSTART:{a.StartsAt.UtcDateTime:yyyyMMdd'T'HHmmss}Z", text);
        Assert.Contains("STATUS:CANCELLED", text);
        foreach (var secret in new[] { "Joanna", "Smithson", "Newtown", "Library", "benefits", "Housing officer", "07700" })
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);

        NewCalendarFeed replaced;
        await using (var db = As(Me(w))) replaced = await Feeds(db).CreateAsync();
        await using (var db = As(Me(w)))
        {
            Assert.Null(await Feeds(db).FeedAsync(feed.Token));
            Assert.NotNull(await Feeds(db).FeedAsync(replaced.Token));
            Assert.Null(await Feeds(db).FeedAsync("not-a-token"));
            Assert.Null(await Feeds(db).FeedAsync(new string('a', 500)));
            Assert.True(await Feeds(db).RevokeAsync());
            Assert.Null(await Feeds(db).FeedAsync(replaced.Token));
            Assert.Null(await Feeds(db).CurrentAsync());
        }
    }

    [Fact]
    public async Task A_feed_stops_when_its_worker_leaves_the_team_and_shows_only_that_workers_appointments_in_that_team()
    {
        var w = await SetUpAsync();
        var other = await SetUpAsync();
        NewCalendarFeed feed;
        await using (var db = As(Me(w)))
        {
            await Service(db).BookAsync(w.Person.Id, At(Today.AddDays(1)));
            feed = await Feeds(db).CreateAsync();
        }
        await using (var db = As(Me(other))) await Service(db).BookAsync(other.Person.Id, At(Today.AddDays(1)));
        await using (var db = AsSystem())
        {
            var text = (await Feeds(db).FeedAsync(feed.Token))!;
            Assert.Equal(1, text.Split("BEGIN:VEVENT").Length - 1);
            db.TeamMemberships.Remove(await db.TeamMemberships.SingleAsync(m => m.TeamId == w.Team.Id && m.UserId == w.Worker));
            await db.SaveChangesAsync();
            Assert.Null(await Feeds(db).FeedAsync(feed.Token));
        }
    }
}

public sealed class AppointmentServiceTestsOnSqlite(SqliteTestDatabase db) : AppointmentServiceTests<SqliteTestDatabase>(db);

public sealed class AppointmentServiceTestsOnPostgres(PostgresTestDatabase db) : AppointmentServiceTests<PostgresTestDatabase>(db);
