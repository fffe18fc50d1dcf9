namespace Waymark.Reminders;

/// <summary>
/// When a reminder is sent (docs/support.md, Reminders, "When a reminder goes"): the team's lead time before the event,
/// never in the team's quiet hours (UK local time, which may span midnight). A time in quiet hours is moved EARLIER, to
/// one minute before those quiet hours start; if that moment (or the plain lead time) has already passed, the reminder
/// goes at the next moment outside quiet hours that is still at least <see cref="MinimumNotice"/> before the event;
/// if there is none, no reminder is planned. Pure: the same inputs give the same answer.
/// </summary>
public static class ReminderSchedule
{
    /// <summary>A reminder is never sent later than one hour before the event (it would be no use).</summary>
    public static readonly TimeSpan MinimumNotice = TimeSpan.FromHours(1);

    /// <summary>How far before the start of quiet hours a moved reminder is sent: one minute.</summary>
    public static readonly TimeSpan BeforeQuiet = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The instant (UTC) to send a reminder of an event at <paramref name="eventAt"/>, or null when no allowed moment
    /// is left (booked too late, or only quiet hours remain before the last useful moment).
    /// </summary>
    /// <param name="eventAt">When the appointment or hearing starts.</param>
    /// <param name="leadHours">The team's lead time in hours (1 to 168, <c>SupportSettings.ReminderLeadHours</c>).</param>
    /// <param name="quietStart">Start of quiet hours, UK local time (inclusive).</param>
    /// <param name="quietEnd">End of quiet hours, UK local time (exclusive); equal to <paramref name="quietStart"/> means none.</param>
    /// <param name="now">The current instant.</param>
    public static DateTimeOffset? DueAt(DateTimeOffset eventAt, int leadHours, TimeOnly quietStart, TimeOnly quietEnd, DateTimeOffset now)
    {
        var latest = eventAt - MinimumNotice;
        if (latest < now) return null;
        var wanted = eventAt - TimeSpan.FromHours(Math.Max(1, leadHours));
        if (IsQuiet(wanted, quietStart, quietEnd)) wanted = QuietPeriodStart(wanted, quietStart, quietEnd) - BeforeQuiet;
        if (wanted >= now && !IsQuiet(wanted, quietStart, quietEnd)) return wanted;
        // Too late for the planned moment: the next allowed moment from now, if still useful.
        var next = IsQuiet(now, quietStart, quietEnd) ? QuietPeriodEnd(now, quietStart, quietEnd) : now;
        return next <= latest ? next : null;
    }

    /// <summary>Whether <paramref name="instant"/> falls in quiet hours (UK local time).</summary>
    /// <param name="instant">Any instant.</param>
    /// <param name="quietStart">Start of quiet hours (inclusive).</param>
    /// <param name="quietEnd">End of quiet hours (exclusive); equal to the start means no quiet hours.</param>
    public static bool IsQuiet(DateTimeOffset instant, TimeOnly quietStart, TimeOnly quietEnd)
    {
        if (quietStart == quietEnd) return false;
        var t = TimeOnly.FromDateTime(UkTime.ToLocal(instant).DateTime);
        return quietStart < quietEnd ? t >= quietStart && t < quietEnd : t >= quietStart || t < quietEnd;
    }

    // The start of the quiet period that contains the instant (which must be quiet).
    private static DateTimeOffset QuietPeriodStart(DateTimeOffset instant, TimeOnly quietStart, TimeOnly quietEnd)
    {
        var local = UkTime.ToLocal(instant).DateTime;
        var date = DateOnly.FromDateTime(local);
        var t = TimeOnly.FromDateTime(local);
        if (quietStart > quietEnd && t < quietEnd) date = date.AddDays(-1); // after midnight: it began yesterday evening
        return UkTime.FromLocal(date, quietStart);
    }

    // The end of the quiet period that contains the instant (which must be quiet).
    private static DateTimeOffset QuietPeriodEnd(DateTimeOffset instant, TimeOnly quietStart, TimeOnly quietEnd)
    {
        var local = UkTime.ToLocal(instant).DateTime;
        var date = DateOnly.FromDateTime(local);
        var t = TimeOnly.FromDateTime(local);
        if (quietStart > quietEnd && t >= quietStart) date = date.AddDays(1); // before midnight: it ends tomorrow morning
        return UkTime.FromLocal(date, quietEnd);
    }
}
