using System.Globalization;
using Waymark.ServiceDirectory;

namespace Waymark.Web.Pages.Directory;

/// <summary>How directory facts read on screen.</summary>
public static class ServiceText
{
    public static string Ages(int? min, int? max) => (min, max) switch
    {
        (null, null) => "Any age",
        ({ } a, null) => $"{a} and over",
        (null, { } b) => $"Up to {b}",
        ({ } a, { } b) => $"{a} to {b}",
    };

    /// <summary>"9am", "5:30pm", "midnight" (00:00), "12pm".</summary>
    public static string Time(TimeOnly t) => t == TimeOnly.MinValue ? "midnight" : t.ToString(t.Minute == 0 ? "h tt" : "h:mm tt", CultureInfo.GetCultureInfo("en-GB")).ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);

    /// <summary>
    /// A session in words: "9am to 5:30pm", "8pm to 8am the next morning" ("8pm to 4pm the next day"), "6pm to midnight", "Open 24 hours"; on
    /// the day after an overnight session, its morning end: "until 8am (from the night before)". Rules in OpeningHours.
    /// </summary>
    public static string Session(OpeningSession s)
    {
        var text = s switch
        {
            { FromDayBefore: true } => $"until {Time(s.Closes)} (from the night before)",
            _ when OpeningHours.IsAllDay(s.Opens, s.Closes) => "Open 24 hours",
            _ when s.Closes == TimeOnly.MinValue => $"{Time(s.Opens)} to midnight",
            // "the next morning" only when it is one: a session closing at 4pm the next day says so.
            _ when OpeningHours.IsOvernight(s.Opens, s.Closes) => $"{Time(s.Opens)} to {Time(s.Closes)} the next {(s.Closes < new TimeOnly(12, 0) ? "morning" : "day")}",
            _ => $"{Time(s.Opens)} to {Time(s.Closes)}",
        };
        return text + (s.DropIn ? " (drop-in)" : "");
    }

    public static string YesNo(bool? b) => b switch { true => "Yes", false => "No", _ => "Not known" };

    public static string Status(ServiceStatus s) => s switch
    {
        ServiceStatus.TemporarilyClosed => "Temporarily closed",
        ServiceStatus.Defunct => "Closed for good",
        _ => s.ToString(),
    };
}
