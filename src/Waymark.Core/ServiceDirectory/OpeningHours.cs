namespace Waymark.ServiceDirectory;

/// <summary>
/// The rules of a weekly opening session (UK local time, wall clock), in one place for the import, the editor, the
/// search's "open now" and the service page (issue 11, item 11).
/// <list type="bullet">
/// <item>A closing time after the opening time: the same day (09:00–17:30).</item>
/// <item>A closing time before the opening time: the next morning. A night shelter open Monday 20:00–08:00 is open
/// until 08:00 on Tuesday, so Tuesday 02:00 is open. 00:00 as a closing time is midnight at the end of the day
/// (18:00–00:00).</item>
/// <item>00:00 to 00:00: open the whole day (24 hours).</item>
/// <item>Any other equal pair (09:00–09:00) is refused: a session with no length means nothing, and reading it as
/// 24 hours would turn a slip of the keyboard into "open now" at 3am, telling a practitioner a service is open when it
/// is not. A service open round the clock from 08:00 enters 00:00 to 00:00 for each day it is.</item>
/// </list>
/// Times are local wall-clock times: on the night the clocks change a 20:00–08:00 session still closes at 08:00 by
/// the clock (so it is an hour longer or shorter), as a service's own notice would say.
/// </summary>
public static class OpeningHours
{
    /// <summary>Closes the next day (a closing time before the opening time; 00:00 is midnight, the end of the day).</summary>
    public static bool IsOvernight(TimeOnly opens, TimeOnly closes) => closes < opens;

    /// <summary>00:00 to 00:00: open the whole day.</summary>
    public static bool IsAllDay(TimeOnly opens, TimeOnly closes) => opens == TimeOnly.MinValue && closes == TimeOnly.MinValue;

    /// <summary>Whether a session with these times can be kept: every pair except equal times other than 00:00–00:00.</summary>
    public static bool IsValid(TimeOnly opens, TimeOnly closes) => opens != closes || IsAllDay(opens, closes);

    /// <summary>The message for a session <see cref="IsValid"/> refuses.</summary>
    public const string SameTimesProblem = "opening and closing times are the same; if it closes after midnight enter the time it closes the next morning, and for a service open all day enter 00:00 to 00:00";

    /// <summary>
    /// Whether a session on <paramref name="day"/> covers the local moment <paramref name="localDay"/> at
    /// <paramref name="localTime"/>: from its opening time on its day, until its closing time that day or, overnight,
    /// the next morning. Opening time inclusive, closing time exclusive.
    /// </summary>
    public static bool Covers(DayOfWeek day, TimeOnly opens, TimeOnly closes, DayOfWeek localDay, TimeOnly localTime)
    {
        if (day == localDay && localTime >= opens && (localTime < closes || closes <= opens)) return true;
        return NextDay(day) == localDay && closes < opens && localTime < closes;
    }

    /// <summary>Whether any of the sessions covers <paramref name="instant"/>, read in UK local time.</summary>
    public static bool IsOpenAt(IEnumerable<OpeningTime> sessions, DateTimeOffset instant) => OpenSessionAt(sessions, instant) is not null;

    /// <summary>The session covering <paramref name="instant"/> (UK local time), or null when closed.</summary>
    public static OpeningTime? OpenSessionAt(IEnumerable<OpeningTime> sessions, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var local = UkTime.ToLocal(instant);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return sessions.FirstOrDefault(s => Covers(s.Day, s.Opens, s.Closes, local.DayOfWeek, time));
    }

    /// <summary>The day after <paramref name="day"/> (Saturday → Sunday).</summary>
    public static DayOfWeek NextDay(DayOfWeek day) => (DayOfWeek)(((int)day + 1) % 7);

    /// <summary>The day before <paramref name="day"/> (Sunday → Saturday).</summary>
    public static DayOfWeek PreviousDay(DayOfWeek day) => (DayOfWeek)(((int)day + 6) % 7);
}
