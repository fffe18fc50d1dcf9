using System.Globalization;
using System.Text.RegularExpressions;

namespace Waymark;

/// <summary>
/// A time of day as people type it, read one way on every form: 24-hour "14:30", "14.30", "1430", "9:30", and 12-hour
/// "2:30pm", "2.30 pm", "10am", "12pm" (noon), "12am" (midnight), in any case; also "noon", "midday" and "midnight", with or without "12" or "12:00" before them
/// ("12 noon", "12noon", "12 midnight": the words reminders print). The GOV.UK
/// and NHS guidance is to accept the forms people use rather than make them match ours.
/// </summary>
public static partial class TimeOfDay
{
    [GeneratedRegex(@"^(?<h>\d{1,2})(?:[:.](?<m>\d{2}))?\s*(?<ampm>[ap])\.?\s*m\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TwelveHour();

    [GeneratedRegex(@"^(?:12(?:[:.]00)?\s*)?(?<word>noon|midday|midnight)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoonOrMidnight();

    /// <summary>The time <paramref name="typed"/> means, or null when it is not a time (empty, "25:70", "13pm", "10").</summary>
    /// <param name="typed">What was typed; surrounding spaces are ignored.</param>
    public static TimeOnly? Parse(string? typed)
    {
        var s = typed?.Trim();
        if (string.IsNullOrEmpty(s) || s.Length > 12) return null;
        if (NoonOrMidnight().Match(s) is { Success: true } word)
            return word.Groups["word"].Value.Equals("midnight", StringComparison.OrdinalIgnoreCase) ? new TimeOnly(0, 0) : new TimeOnly(12, 0);
        if (TwelveHour().Match(s) is { Success: true } m)
        {
            var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            if (hour is < 1 or > 12 || minute > 59) return null;
            var pm = char.ToLowerInvariant(m.Groups["ampm"].Value[0]) == 'p';
            return new TimeOnly(hour % 12 + (pm ? 12 : 0), minute);
        }
        return TimeOnly.TryParseExact(s.Replace('.', ':'), ["H:mm", "HH:mm", "HHmm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
    }
}
