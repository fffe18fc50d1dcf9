using System.Globalization;

namespace Waymark.Appointments;

/// <summary>An appointment step the rules refuse (an outcome too early, a second rescheduling), with a message to act on.</summary>
public class AppointmentRuleException(string message) : DomainRuleException(message);

/// <summary>
/// What is typed to book (or reschedule) an appointment. Field names are the property names (for the page's error
/// summary). The time is read as typed: <see cref="Waymark.TimeOfDay.Parse"/> then <see cref="UkTime.ReadTyped"/>.
/// </summary>
/// <param name="Date">The UK date, or null when none was given (or the page could not read it).</param>
/// <param name="Time">The UK time of day as typed ("14:30", "2.30pm").</param>
/// <param name="ClockChange">"BST" or "GMT" for a time that happened twice (the October clock change), else null.</param>
/// <param name="DurationMinutes">How long, in minutes (5 to 720); null when not given or not a number.</param>
/// <param name="Location">Where (required, up to 200 characters).</param>
/// <param name="WorkerUserId">Whose diary it goes in: a member of the team who holds a caseload; null for the booker.</param>
/// <param name="Purpose">What it is for (required, up to 500 characters).</param>
/// <param name="Accompanied">A worker goes with the person to someone else's appointment.</param>
/// <param name="WithWhom">Who the appointment is with (required when accompanied, up to 200 characters).</param>
/// <param name="RemindByText">Send a text reminder (needs consent to texts and a phone number).</param>
/// <param name="RemindByEmail">Send an email reminder (needs consent to email and an email address).</param>
/// <param name="EpisodeId">Which of the person's open episodes of the team; null to take the only one (or none after discharge).</param>
/// <param name="ReleasePlanId">The person's release plan (held by the team) it is a release-day appointment for; null for none.</param>
public sealed record AppointmentInput(
    DateOnly? Date,
    string? Time,
    string? ClockChange = null,
    int? DurationMinutes = AppointmentRules.DefaultDurationMinutes,
    string? Location = null,
    string? WorkerUserId = null,
    string? Purpose = null,
    bool Accompanied = false,
    string? WithWhom = null,
    bool RemindByText = false,
    bool RemindByEmail = false,
    Guid? EpisodeId = null,
    Guid? ReleasePlanId = null);

/// <summary>
/// The appointment rules that need no database: when one may be booked, what an outcome may be and when, and how the
/// calendar feed names a person. Sources: the issue 13 brief (5 to 720 minutes, within 2 years ahead, outcomes of
/// attendance only once the start has passed) and ADR 20 (initials only in a calendar feed).
/// </summary>
public static class AppointmentRules
{
    /// <summary>The default length: 60 minutes.</summary>
    public const int DefaultDurationMinutes = 60;
    /// <summary>The shortest appointment: 5 minutes.</summary>
    public const int MinDurationMinutes = 5;
    /// <summary>The longest appointment: 720 minutes (12 hours, a day at court).</summary>
    public const int MaxDurationMinutes = 720;
    /// <summary>How far ahead an appointment may be booked: 2 years.</summary>
    public const int YearsAhead = 2;
    /// <summary>Longest location, with whom (200), purpose (500), outcome note (1,000) and reschedule reason (500), in characters.</summary>
    public const int MaxLocation = 200, MaxWithWhom = 200, MaxPurpose = 500, MaxNote = 1000, MaxReason = 500;

    /// <summary>
    /// The instant and every problem (field, message) of <paramref name="input"/> that needs no database: the typed
    /// time (a clock-change question when ambiguous, a refusal when skipped), in the future and within
    /// <see cref="YearsAhead"/> years of <paramref name="now"/>, duration, location, purpose and with whom.
    /// </summary>
    /// <param name="input">What was typed.</param>
    /// <param name="now">The current instant.</param>
    public static (DateTimeOffset? At, List<(string Field, string Message)> Problems) Read(AppointmentInput input, DateTimeOffset now)
    {
        var problems = new List<(string, string)>();
        DateTimeOffset? at = null;
        if (input.Date is null) problems.Add((nameof(AppointmentInput.Date), "Enter the date of the appointment"));
        if (string.IsNullOrWhiteSpace(input.Time)) problems.Add((nameof(AppointmentInput.Time), "Enter the time of the appointment, for example 14:30"));
        else if (TimeOfDay.Parse(input.Time) is not { } time) problems.Add((nameof(AppointmentInput.Time), "Enter the time like 14:30 or 2:30pm"));
        else if (input.Date is { } date)
        {
            var typed = UkTime.ReadTyped(date, time, input.ClockChange, "The time");
            if (typed.Ambiguous) problems.Add((nameof(AppointmentInput.ClockChange), typed.Error!));
            else if (typed.Error is not null) problems.Add((nameof(AppointmentInput.Time), typed.Error));
            else
            {
                at = typed.At;
                if (at <= now) problems.Add((nameof(AppointmentInput.Date), "The appointment must be in the future"));
                else if (UkTime.DateOf(at!.Value) > UkTime.DateOf(now).AddYears(YearsAhead))
                    problems.Add((nameof(AppointmentInput.Date), $"The appointment must be within {YearsAhead} years from today"));
            }
        }
        if (input.DurationMinutes is not { } d || d < MinDurationMinutes || d > MaxDurationMinutes)
            problems.Add((nameof(AppointmentInput.DurationMinutes), $"Enter how long it is in minutes, from {MinDurationMinutes} to {MaxDurationMinutes}"));
        if (string.IsNullOrWhiteSpace(input.Location)) problems.Add((nameof(AppointmentInput.Location), "Enter where the appointment is"));
        else if (input.Location.Trim().Length > MaxLocation) problems.Add((nameof(AppointmentInput.Location), "Where must be 200 characters or fewer"));
        if (string.IsNullOrWhiteSpace(input.Purpose)) problems.Add((nameof(AppointmentInput.Purpose), "Enter what the appointment is for"));
        else if (input.Purpose.Trim().Length > MaxPurpose) problems.Add((nameof(AppointmentInput.Purpose), "What it is for must be 500 characters or fewer"));
        if (input.Accompanied && string.IsNullOrWhiteSpace(input.WithWhom))
            problems.Add((nameof(AppointmentInput.WithWhom), "Enter who the appointment is with, for example Housing officer, Newtown Housing Options"));
        else if (input.WithWhom is { } w && w.Trim().Length > MaxWithWhom) problems.Add((nameof(AppointmentInput.WithWhom), "Who it is with must be 200 characters or fewer"));
        return (at, problems);
    }

    /// <summary>
    /// Why the reminder channels asked for cannot be used for this person, or nothing: a text needs their recorded
    /// consent to texts and a UK mobile number; an email their consent to email and an email address.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> ConsentProblems(bool byText, bool byEmail, People.Person person)
    {
        if (byText && !CanText(person))
            yield return (nameof(AppointmentInput.RemindByText), string.IsNullOrWhiteSpace(person.Phone)
                ? "They have no phone number recorded: untick the text reminder, or add their number and consent to texts in their details"
                : !Support.PhoneNumbers.IsUkMobile(person.Phone)
                ? "Their phone number is not a UK mobile number, so texts cannot be sent: untick the text reminder, or add their mobile number in their details"
                : "They have not agreed to text messages: untick the text reminder, or record their consent to texts in their details");
        if (byEmail && !CanEmail(person))
            yield return (nameof(AppointmentInput.RemindByEmail), string.IsNullOrWhiteSpace(person.Email)
                ? "They have no email address recorded: untick the email reminder, or add their address and consent to email in their details"
                : "They have not agreed to email: untick the email reminder, or record their consent to email in their details");
    }

    /// <summary>Whether the person may be sent texts: recorded consent and a UK mobile number (<see cref="Support.PhoneNumbers.IsUkMobile"/>).</summary>
    public static bool CanText(People.Person person) => Reminders.ReminderConsent.CanText(person.ConsentToText, person.Phone);

    /// <summary>Whether the person may be sent emails: recorded consent and an email address.</summary>
    public static bool CanEmail(People.Person person) => Reminders.ReminderConsent.CanEmail(person.ConsentToEmail, person.Email);

    /// <summary>
    /// Why <paramref name="outcome"/> cannot be recorded on <paramref name="appointment"/> at <paramref name="now"/>, or null:
    /// attended, attended late and did not attend only once it has started; cancellations any time; never on one
    /// that was rescheduled (<paramref name="rescheduled"/>).
    /// </summary>
    public static string? OutcomeRefusal(Appointment appointment, AppointmentOutcome outcome, bool rescheduled, DateTimeOffset now)
    {
        if (rescheduled) return "This appointment was rescheduled: record what happened on the new appointment";
        if (IsAttendance(outcome) && now < appointment.StartsAt)
            return $"The appointment has not started yet ({Shown(appointment.StartsAt)}): you can record attended or did not attend once it has. Before then you can record a cancellation";
        return null;
    }

    /// <summary>What rescheduling to the same appointment is told (on the date field).</summary>
    public const string NothingChangedMessage = "Choose a different date or time, or change the place";

    /// <summary>
    /// Whether <paramref name="next"/> is the same appointment as <paramref name="old"/> in what matters to the person:
    /// the same start instant, length, worker and place (ignoring case and surrounding spaces). Rescheduling to it is refused.
    /// </summary>
    public static bool SameAppointment(Appointment old, Appointment next)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(next);
        return old.StartsAt == next.StartsAt && old.DurationMinutes == next.DurationMinutes && old.WorkerUserId == next.WorkerUserId
            && string.Equals(old.Location.Trim(), next.Location.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Why <paramref name="appointment"/> cannot be rescheduled, or null: not once it has an outcome, nor twice.</summary>
    public static string? RescheduleRefusal(Appointment appointment, bool rescheduled) =>
        rescheduled ? "This appointment has already been rescheduled: change the new appointment instead"
        : appointment.Outcome is { } o ? $"This appointment's outcome is recorded ({Display(o)}): it cannot be rescheduled. Book a new appointment instead"
        : null;

    /// <summary>Whether the outcome says whether the person came (attended, late, did not attend) rather than a cancellation.</summary>
    public static bool IsAttendance(AppointmentOutcome outcome) =>
        outcome is AppointmentOutcome.Attended or AppointmentOutcome.AttendedLate or AppointmentOutcome.DidNotAttend;

    /// <summary>Whether the outcome is a cancellation (by the person, the team or the other service).</summary>
    public static bool IsCancellation(AppointmentOutcome outcome) =>
        outcome is AppointmentOutcome.CancelledByPerson or AppointmentOutcome.CancelledByTeam or AppointmentOutcome.CancelledByOtherService;

    /// <summary>The outcome in words, e.g. "Did not attend".</summary>
    public static string Display(AppointmentOutcome outcome) => outcome switch
    {
        AppointmentOutcome.Attended => "Attended",
        AppointmentOutcome.AttendedLate => "Attended late",
        AppointmentOutcome.DidNotAttend => "Did not attend",
        AppointmentOutcome.CancelledByPerson => "Cancelled by the person",
        AppointmentOutcome.CancelledByTeam => "Cancelled by the team",
        AppointmentOutcome.CancelledByOtherService => "Cancelled by the other service",
        _ => "Unknown",
    };

    /// <summary>Every outcome, in the order the outcome page offers them.</summary>
    public static IReadOnlyList<AppointmentOutcome> Outcomes { get; } = Enum.GetValues<AppointmentOutcome>();

    /// <summary>
    /// A person's initials as the calendar feed shows them, e.g. "J.S." for Jo Smith: the first letter of the given
    /// and family names, upper case; "?" for a name with no letter. Nothing else of the name (ADR 20).
    /// </summary>
    public static string Initials(string? givenName, string? familyName) => $"{Initial(givenName)}.{Initial(familyName)}.";

    private static string Initial(string? name)
    {
        var letter = (name ?? "").FirstOrDefault(char.IsLetter);
        return letter == default ? "?" : char.ToUpperInvariant(letter).ToString();
    }

    private static string Shown(DateTimeOffset at)
    {
        var local = UkTime.ToLocal(at);
        return $"{local.ToString("HH:mm", CultureInfo.InvariantCulture)} {UkTime.ZoneName(at)} on {local.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}";
    }
}
