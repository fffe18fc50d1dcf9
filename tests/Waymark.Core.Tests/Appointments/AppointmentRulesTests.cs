using Waymark.Appointments;
using Waymark.People;

namespace Waymark.Core.Tests.Appointments;

/// <summary>The appointment rules that need no database: when, outcomes, rescheduling, consent to reminders, initials.</summary>
public class AppointmentRulesTests
{
    // Monday 2 March 2026, 10:00 UTC (GMT).
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static AppointmentInput Valid(DateOnly date, string time = "14:30") =>
        new(date, time, DurationMinutes: 60, Location: "Newtown Library", Purpose: "Review the support plan");

    [Fact]
    public void A_typed_time_is_read_as_UK_time_and_must_be_in_the_future_and_within_two_years()
    {
        var (at, problems) = AppointmentRules.Read(Valid(new DateOnly(2026, 7, 1), "2:30pm"), Now);
        Assert.Empty(problems);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 13, 30, 0, TimeSpan.Zero), at); // BST

        Assert.Equal("The appointment must be in the future", AppointmentRules.Read(Valid(new DateOnly(2026, 3, 2), "09:59"), Now).Problems.Single().Message);
        Assert.Empty(AppointmentRules.Read(Valid(new DateOnly(2028, 3, 2)), Now).Problems);
        Assert.Equal("The appointment must be within 2 years from today", AppointmentRules.Read(Valid(new DateOnly(2028, 3, 3)), Now).Problems.Single().Message);
    }

    [Fact]
    public void A_time_that_happened_twice_asks_which_and_one_that_never_happened_is_refused()
    {
        var twice = AppointmentRules.Read(Valid(new DateOnly(2026, 10, 25), "01:30"), Now);
        Assert.Equal("ClockChange", twice.Problems.Single().Field);
        var gmt = AppointmentRules.Read(Valid(new DateOnly(2026, 10, 25), "01:30") with { ClockChange = "GMT" }, Now);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), gmt.At);
        var skipped = AppointmentRules.Read(Valid(new DateOnly(2026, 3, 29), "01:30"), Now);
        Assert.Equal("Time", skipped.Problems.Single().Field);
        Assert.Contains("did not happen", skipped.Problems.Single().Message);
    }

    [Fact]
    public void Every_problem_is_listed_at_once_and_an_accompanied_appointment_needs_with_whom()
    {
        var input = new AppointmentInput(null, "25:00", DurationMinutes: 4, Location: " ", Purpose: new string('x', 501), Accompanied: true);
        var fields = AppointmentRules.Read(input, Now).Problems.Select(p => p.Field).ToList();
        Assert.Equal(["Date", "Time", "DurationMinutes", "Location", "Purpose", "WithWhom"], fields);
        Assert.Contains("DurationMinutes", AppointmentRules.Read(Valid(new DateOnly(2026, 4, 1)) with { DurationMinutes = 721 }, Now).Problems.Select(p => p.Field));
        Assert.Empty(AppointmentRules.Read(Valid(new DateOnly(2026, 4, 1)) with { DurationMinutes = 720, Accompanied = true, WithWhom = "Housing officer" }, Now).Problems);
    }

    [Fact]
    public void A_reminder_channel_needs_consent_and_a_number_or_address()
    {
        var p = new Person { GivenName = "Jo", FamilyName = "Smith", CreatedBy = "t", Phone = "07700 900123", ConsentToText = false, Email = "jo@example.invalid", ConsentToEmail = true };
        var refused = AppointmentRules.ConsentProblems(true, true, p).ToList();
        Assert.Equal("RemindByText", refused.Single().Field);
        Assert.Contains("not agreed to text", refused.Single().Message);
        p.ConsentToText = true;
        Assert.Empty(AppointmentRules.ConsentProblems(true, true, p));
        p.Phone = null;
        Assert.Contains("no phone number", AppointmentRules.ConsentProblems(true, false, p).Single().Message);
        p.ConsentToEmail = false;
        Assert.Equal("RemindByEmail", AppointmentRules.ConsentProblems(false, true, p).Single().Field);
    }

    [Fact]
    public void Attendance_is_recorded_only_once_it_has_started_cancellations_any_time_and_never_on_a_rescheduled_one()
    {
        var a = new Appointment { WorkerUserId = "w", BookedByUserId = "w", StartsAt = Now.AddHours(1) };
        foreach (var o in new[] { AppointmentOutcome.Attended, AppointmentOutcome.AttendedLate, AppointmentOutcome.DidNotAttend })
        {
            Assert.Contains("has not started yet", AppointmentRules.OutcomeRefusal(a, o, false, Now));
            Assert.Null(AppointmentRules.OutcomeRefusal(a, o, false, a.StartsAt));
        }
        foreach (var o in new[] { AppointmentOutcome.CancelledByPerson, AppointmentOutcome.CancelledByTeam, AppointmentOutcome.CancelledByOtherService })
            Assert.Null(AppointmentRules.OutcomeRefusal(a, o, false, Now));
        Assert.Contains("rescheduled", AppointmentRules.OutcomeRefusal(a, AppointmentOutcome.CancelledByTeam, true, Now));
    }

    [Fact]
    public void One_with_an_outcome_or_already_rescheduled_cannot_be_rescheduled()
    {
        var a = new Appointment { WorkerUserId = "w", BookedByUserId = "w", StartsAt = Now.AddHours(1) };
        Assert.Null(AppointmentRules.RescheduleRefusal(a, false));
        Assert.Contains("already been rescheduled", AppointmentRules.RescheduleRefusal(a, true));
        a.Outcome = AppointmentOutcome.CancelledByPerson;
        Assert.Contains("cannot be rescheduled", AppointmentRules.RescheduleRefusal(a, false));
    }

    [Theory]
    [InlineData("Jo", "Smith", "J.S.")]
    [InlineData("amira", "o'neill", "A.O.")]
    [InlineData("'t", "Hooft", "T.H.")]
    [InlineData("Łukasz", "Ørsted", "Ł.Ø.")]
    [InlineData("", "-", "?.?.")]
    public void The_feed_names_a_person_by_initials_only(string given, string family, string expected) =>
        Assert.Equal(expected, AppointmentRules.Initials(given, family));

    [Fact]
    public void Rescheduling_to_the_same_start_length_worker_and_place_is_the_same_appointment()
    {
        static Appointment A(Action<Appointment>? with = null)
        {
            var a = new Appointment { StartsAt = Now.AddDays(1), DurationMinutes = 60, Location = "Newtown Library", WorkerUserId = "w1", Purpose = "Review", BookedByUserId = "w1" };
            with?.Invoke(a);
            return a;
        }
        var old = A();
        Assert.True(AppointmentRules.SameAppointment(old, A()));
        Assert.True(AppointmentRules.SameAppointment(old, A(a => { a.Location = " newtown library "; a.Purpose = "Something else"; })));
        Assert.False(AppointmentRules.SameAppointment(old, A(a => a.StartsAt = a.StartsAt.AddMinutes(15))));
        Assert.False(AppointmentRules.SameAppointment(old, A(a => a.DurationMinutes = 30)));
        Assert.False(AppointmentRules.SameAppointment(old, A(a => a.Location = "Newtown Library, room 3")));
        Assert.False(AppointmentRules.SameAppointment(old, A(a => a.WorkerUserId = "w2")));
        Assert.Equal("Choose a different date or time, or change the place", AppointmentRules.NothingChangedMessage);
    }
}
