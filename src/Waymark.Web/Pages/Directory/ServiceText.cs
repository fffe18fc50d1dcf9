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

    public static string Time(TimeOnly t) => t.ToString(t.Minute == 0 ? "h tt" : "h:mm tt", CultureInfo.GetCultureInfo("en-GB")).ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);

    public static string Session(OpeningSession s) => $"{Time(s.Opens)} to {Time(s.Closes)}{(s.DropIn ? " (drop-in)" : "")}";

    public static string YesNo(bool? b) => b switch { true => "Yes", false => "No", _ => "Not known" };

    public static string Status(ServiceStatus s) => s switch
    {
        ServiceStatus.TemporarilyClosed => "Temporarily closed",
        ServiceStatus.Defunct => "Closed for good",
        _ => s.ToString(),
    };
}
