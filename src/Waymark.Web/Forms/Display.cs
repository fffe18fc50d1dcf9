using System.Globalization;

namespace Waymark.Web.Forms;

/// <summary>How dates and times read on screen: UK style, in UK local time.</summary>
public static class Display
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly? d) => d?.ToString("d MMMM yyyy", UkCulture) ?? "Not known";

    public static string ShortDate(DateOnly? d) => d?.ToString("dd/MM/yyyy", UkCulture) ?? "Not known";

    /// <summary>
    /// A recorded instant as UK local date and time with its zone, e.g. "25 October 2026 at 1:30am BST": the zone is
    /// always shown, because around the October clock change the same wall-clock time happens twice. "" for null.
    /// </summary>
    public static string DateTime(DateTimeOffset? t) =>
        t is { } x ? UkTime.ToLocal(x).ToString("d MMMM yyyy 'at' ", UkCulture) + Time(x) : "";

    /// <summary>
    /// The time of a recorded instant in UK local time, 12-hour with its zone, e.g. "9:30am GMT" (as
    /// <see cref="DateTime"/> shows it, for a list already grouped by day such as the diary). "" for null.
    /// </summary>
    public static string Time(DateTimeOffset? t) =>
        t is { } x ? UkTime.ToLocal(x).ToString("h:mmtt", UkCulture).Replace("AM", "am", StringComparison.Ordinal).Replace("PM", "pm", StringComparison.Ordinal) + " " + UkTime.ZoneName(x) : "";

    public static string NhsNumber(string? n) => n is null ? "Not known" : Waymark.Identifiers.NhsNumber.Format(n);
}
