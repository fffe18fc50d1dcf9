using Waymark.Reminders;

namespace Waymark.Core.Tests.Reminders;

/// <summary>When a reminder goes (ReminderSchedule.DueAt): lead time, quiet hours (spanning midnight or not), booked late, clock changes.</summary>
public class ReminderScheduleTests
{
    private static readonly TimeOnly Nine = new(21, 0), Eight = new(8, 0);
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LongBefore = Utc(2026, 11, 20, 12);

    [Fact]
    public void The_lead_time_before_when_that_is_outside_quiet_hours()
    {
        Assert.Equal(Utc(2026, 11, 30, 14, 30), ReminderSchedule.DueAt(Utc(2026, 12, 1, 14, 30), 24, Nine, Eight, LongBefore));
        Assert.Equal(Utc(2026, 12, 1, 12, 30), ReminderSchedule.DueAt(Utc(2026, 12, 1, 14, 30), 2, Nine, Eight, LongBefore));
    }

    [Fact]
    public void In_quiet_hours_after_midnight_it_moves_earlier_to_just_before_they_started_the_evening_before()
    {
        // 07:30 the day before is quiet (21:00 to 08:00): sent at 20:59 two evenings before the 07:30 appointment.
        Assert.Equal(Utc(2026, 11, 29, 20, 59), ReminderSchedule.DueAt(Utc(2026, 12, 1, 7, 30), 24, Nine, Eight, LongBefore));
    }

    [Fact]
    public void In_quiet_hours_before_midnight_it_moves_earlier_to_just_before_they_start_that_evening()
    {
        Assert.Equal(Utc(2026, 11, 30, 20, 59), ReminderSchedule.DueAt(Utc(2026, 12, 1, 22, 0), 24, Nine, Eight, LongBefore));
    }

    [Fact]
    public void Quiet_hours_within_a_day_move_it_before_their_start()
    {
        Assert.Equal(Utc(2026, 11, 30, 11, 59), ReminderSchedule.DueAt(Utc(2026, 12, 1, 13, 0), 24, new TimeOnly(12, 0), new TimeOnly(14, 0), LongBefore));
        Assert.Equal(Utc(2026, 11, 30, 14, 0), ReminderSchedule.DueAt(Utc(2026, 12, 1, 14, 0), 24, new TimeOnly(12, 0), new TimeOnly(14, 0), LongBefore));
    }

    [Fact]
    public void Equal_start_and_end_means_no_quiet_hours()
    {
        Assert.Equal(Utc(2026, 11, 30, 3, 0), ReminderSchedule.DueAt(Utc(2026, 12, 1, 3, 0), 24, Eight, Eight, LongBefore));
        Assert.False(ReminderSchedule.IsQuiet(Utc(2026, 12, 1, 3, 0), Eight, Eight));
    }

    [Fact]
    public void Booked_late_it_goes_now_when_now_is_outside_quiet_hours()
    {
        var now = Utc(2026, 12, 1, 10, 0);
        Assert.Equal(now, ReminderSchedule.DueAt(Utc(2026, 12, 1, 14, 30), 24, Nine, Eight, now));
    }

    [Fact]
    public void Booked_late_in_quiet_hours_it_goes_when_they_end_if_that_is_at_least_an_hour_before()
    {
        var now = Utc(2026, 11, 30, 23, 0);
        Assert.Equal(Utc(2026, 12, 1, 8, 0), ReminderSchedule.DueAt(Utc(2026, 12, 1, 10, 0), 24, Nine, Eight, now));
        Assert.Equal(Utc(2026, 12, 1, 8, 0), ReminderSchedule.DueAt(Utc(2026, 12, 1, 9, 0), 24, Nine, Eight, now));
        Assert.Null(ReminderSchedule.DueAt(Utc(2026, 12, 1, 8, 30), 24, Nine, Eight, now));
    }

    [Fact]
    public void When_the_moved_time_has_passed_it_goes_at_the_next_allowed_moment()
    {
        // Wanted 21:30 (quiet) → 20:59, already past at 21:30: next allowed is 08:00, well before the 21:30 event.
        var now = Utc(2026, 11, 30, 21, 30);
        Assert.Equal(Utc(2026, 12, 1, 8, 0), ReminderSchedule.DueAt(Utc(2026, 12, 1, 21, 30), 24, Nine, Eight, now));
    }

    [Fact]
    public void Less_than_an_hour_before_the_event_there_is_no_reminder()
    {
        var now = Utc(2026, 12, 1, 14, 0);
        Assert.Null(ReminderSchedule.DueAt(Utc(2026, 12, 1, 14, 30), 24, Nine, Eight, now));
        Assert.Null(ReminderSchedule.DueAt(Utc(2026, 12, 1, 13, 0), 24, Nine, Eight, now));
        Assert.Equal(now, ReminderSchedule.DueAt(Utc(2026, 12, 1, 15, 0), 24, Nine, Eight, now));
    }

    [Fact]
    public void Lead_hours_are_elapsed_hours_across_the_autumn_clock_change()
    {
        // Sunday 25 October 2026, 10:00 GMT: 24 hours earlier is Saturday 11:00 BST (10:00 UTC).
        Assert.Equal(Utc(2026, 10, 24, 10), ReminderSchedule.DueAt(Utc(2026, 10, 25, 10), 24, Nine, Eight, Utc(2026, 10, 1, 12)));
    }

    [Fact]
    public void Quiet_hours_are_UK_local_time_on_the_evening_before_the_autumn_change()
    {
        // Event 25 October 07:00 GMT, lead 10 hours → 24 October 21:00 UTC = 22:00 BST (quiet) → 20:59 BST = 19:59 UTC.
        Assert.Equal(Utc(2026, 10, 24, 19, 59), ReminderSchedule.DueAt(Utc(2026, 10, 25, 7), 10, Nine, Eight, Utc(2026, 10, 1, 12)));
    }

    [Fact]
    public void Quiet_hours_across_the_spring_change_start_in_GMT_and_end_in_BST()
    {
        // Event 29 March 2026 09:00 BST (08:00 UTC), lead 2 → 07:00 BST (quiet) → quiet began 28 March 21:00 GMT → 20:59 UTC.
        Assert.Equal(Utc(2026, 3, 28, 20, 59), ReminderSchedule.DueAt(Utc(2026, 3, 29, 8), 2, Nine, Eight, Utc(2026, 3, 1, 12)));
        // Booked at 00:30 GMT that night: quiet hours end at 08:00 BST = 07:00 UTC.
        Assert.Equal(Utc(2026, 3, 29, 7), ReminderSchedule.DueAt(Utc(2026, 3, 29, 11), 24, Nine, Eight, Utc(2026, 3, 29, 0, 30)));
    }

    [Fact]
    public void Quiet_hours_are_read_in_UK_summer_time()
    {
        // 20:30 UTC in June is 21:30 BST: quiet.
        Assert.True(ReminderSchedule.IsQuiet(Utc(2026, 6, 2, 20, 30), Nine, Eight));
        Assert.False(ReminderSchedule.IsQuiet(Utc(2026, 6, 2, 19, 30), Nine, Eight));
        Assert.True(ReminderSchedule.IsQuiet(Utc(2026, 6, 2, 6, 30), Nine, Eight));
        Assert.False(ReminderSchedule.IsQuiet(Utc(2026, 6, 2, 7, 0), Nine, Eight));
    }
}

/// <summary>What a reminder says: plain English, UK local 12-hour time, no name, no purpose.</summary>
public class ReminderMessagesTests
{
    [Fact]
    public void An_appointment_reminder_says_the_day_time_place_and_number_and_nothing_else()
    {
        Assert.Equal("Reminder from Northshire Liaison and Diversion: you have an appointment on Tuesday 1 December at 2:30pm at Newtown Library. If you cannot go, please call 01632 960 000.",
            ReminderMessages.Appointment("Northshire Liaison and Diversion", new DateTimeOffset(2026, 12, 1, 14, 30, 0, TimeSpan.Zero), "Newtown Library", "01632 960 000"));
    }

    [Fact]
    public void A_court_reminder_names_the_court_and_offers_help_getting_there()
    {
        Assert.Equal("Reminder from Northshire Liaison and Diversion: you are due at Northshire Magistrates' Court on Tuesday 8 December at 10am. If you need help getting there, call 01632 960 000.",
            ReminderMessages.Hearing("Northshire Liaison and Diversion", new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero), "Northshire Magistrates' Court", "01632 960 000"));
    }

    [Fact]
    public void Times_are_UK_local_and_12_hour()
    {
        Assert.Equal("2pm", ReminderMessages.Time(new DateTimeOffset(2026, 6, 2, 13, 0, 0, TimeSpan.Zero))); // BST
        Assert.Equal("9:05am", ReminderMessages.Time(new DateTimeOffset(2026, 12, 2, 9, 5, 0, TimeSpan.Zero)));
        Assert.Equal("12 noon", ReminderMessages.Time(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("12:30pm", ReminderMessages.Time(new DateTimeOffset(2026, 12, 2, 12, 30, 0, TimeSpan.Zero)));
        Assert.Equal("12 midnight", ReminderMessages.Time(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Wednesday 1 July", ReminderMessages.Day(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero))); // 00:30 BST
    }

    [Fact]
    public void Without_a_sender_or_number_it_still_reads_plainly()
    {
        Assert.Equal("Reminder from your Liaison and Diversion team: you have an appointment on Tuesday 1 December at 10am. If you cannot go, please contact your key worker.",
            ReminderMessages.Appointment(null, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), " ", null));
    }

    [Fact]
    public void An_email_subject_says_the_date_only()
    {
        Assert.Equal("Reminder: your appointment on 1 December", ReminderMessages.Subject(false, new DateTimeOffset(2026, 12, 1, 14, 30, 0, TimeSpan.Zero)));
        Assert.Equal("Reminder: your court date on 8 December", ReminderMessages.Subject(true, new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero)));
    }
}

/// <summary>Notify's API key format and its JWT (HS256, iss and iat, 30 seconds).</summary>
public class NotifyAuthTests
{
    private const string Service = "26785a09-ab16-4eb0-8407-a37497a57506";
    private const string Secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_key_is_split_into_service_id_and_secret_and_never_shows_the_secret()
    {
        var key = NotifyApiKey.Parse($"my_test_key-{Service}-{Secret}");
        Assert.Equal((Service, Secret), (key.ServiceId, key.Secret));
        Assert.DoesNotContain(Secret, key.ToString(), StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => NotifyApiKey.Parse("not-a-key-" + Secret));
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_is_accepted_when_signed_with_the_secret_by_the_service_within_30_seconds()
    {
        var token = NotifyApiKey.Parse($"k-{Service}-{Secret}").Token(Now);
        Assert.Null(Jwt.Problem(token, Secret, Service, Now.AddSeconds(30)));
        Assert.Contains("signature", Jwt.Problem(token, Guid.NewGuid().ToString(), Service, Now), StringComparison.Ordinal);
        Assert.Contains("service", Jwt.Problem(token, Secret, Guid.NewGuid().ToString(), Now), StringComparison.Ordinal);
        Assert.Contains("30 seconds", Jwt.Problem(token, Secret, Service, Now.AddSeconds(31)), StringComparison.Ordinal);
        Assert.Contains("malformed", Jwt.Problem("abc", Secret, Service, Now), StringComparison.Ordinal);
        Assert.Contains("malformed", Jwt.Problem(null, Secret, Service, Now), StringComparison.Ordinal);
    }
}
