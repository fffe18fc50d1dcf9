using System.Globalization;

namespace Waymark.Reminders;

/// <summary>
/// The words of a reminder (docs/support.md, Reminders, "What a reminder says"): plain English, no name, nothing about
/// why (no purpose, no diagnosis, no offence); only the sender, the day, the time (UK local, 12-hour: "2:30pm",
/// "10am"), the place, and who to call.
/// </summary>
public static class ReminderMessages
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Who a reminder is from when the team has not set a sender name.</summary>
    public const string DefaultSender = "your Liaison and Diversion team";

    /// <summary>"Reminder from Northshire Liaison and Diversion: you have an appointment on Tuesday 1 December at 2:30pm at Newtown Library. If you cannot go, please call 01632 960 000."</summary>
    /// <param name="sender">The team's sender name, or null for <see cref="DefaultSender"/>.</param>
    /// <param name="startsAt">When the appointment starts.</param>
    /// <param name="location">Where, as booked; empty leaves the place out.</param>
    /// <param name="replyTelephone">The number to call, or null to say "contact your key worker".</param>
    public static string Appointment(string? sender, DateTimeOffset startsAt, string? location, string? replyTelephone) =>
        $"Reminder from {Sender(sender)}: you have an appointment on {Day(startsAt)} at {Time(startsAt)}"
        + (string.IsNullOrWhiteSpace(location) ? "" : $" at {location.Trim()}") + ". "
        + (string.IsNullOrWhiteSpace(replyTelephone) ? "If you cannot go, please contact your key worker." : $"If you cannot go, please call {replyTelephone.Trim()}.");

    /// <summary>"Reminder from Northshire Liaison and Diversion: you are due at Northshire Magistrates' Court on Tuesday 8 December at 10am. If you need help getting there, call 01632 960 000."</summary>
    /// <param name="sender">The team's sender name, or null for <see cref="DefaultSender"/>.</param>
    /// <param name="hearingAt">When the hearing starts.</param>
    /// <param name="court">The court's name; empty says "court".</param>
    /// <param name="replyTelephone">The number to call, or null to say "contact your key worker".</param>
    public static string Hearing(string? sender, DateTimeOffset hearingAt, string? court, string? replyTelephone) =>
        $"Reminder from {Sender(sender)}: you are due at {(string.IsNullOrWhiteSpace(court) ? "court" : court.Trim())} on {Day(hearingAt)} at {Time(hearingAt)}. "
        + (string.IsNullOrWhiteSpace(replyTelephone) ? "If you need help getting there, contact your key worker." : $"If you need help getting there, call {replyTelephone.Trim()}.");

    /// <summary>An email's subject: "Reminder: your appointment on 1 December" or "Reminder: your court date on 8 December".</summary>
    /// <param name="hearing">True for a court hearing.</param>
    /// <param name="at">When the event starts.</param>
    public static string Subject(bool hearing, DateTimeOffset at) =>
        $"Reminder: your {(hearing ? "court date" : "appointment")} on {UkTime.ToLocal(at).ToString("d MMMM", EnGb)}";

    /// <summary>The UK day: "Tuesday 1 December".</summary>
    /// <param name="at">Any instant.</param>
    public static string Day(DateTimeOffset at) => UkTime.ToLocal(at).ToString("dddd d MMMM", EnGb);

    /// <summary>The UK time in 12-hour words: "2:30pm", "10am", "12 noon", "12 midnight".</summary>
    /// <param name="at">Any instant.</param>
    public static string Time(DateTimeOffset at)
    {
        var t = UkTime.ToLocal(at);
        if (t.Hour == 12 && t.Minute == 0) return "12 noon";
        if (t.Hour == 0 && t.Minute == 0) return "12 midnight";
        var hour = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        var suffix = t.Hour < 12 ? "am" : "pm";
        return t.Minute == 0 ? $"{hour}{suffix}" : $"{hour}:{t.Minute:00}{suffix}";
    }

    private static string Sender(string? sender) => string.IsNullOrWhiteSpace(sender) ? DefaultSender : sender.Trim();
}
