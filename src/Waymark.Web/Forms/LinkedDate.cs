using System.Globalization;

namespace Waymark.Web.Forms;

/// <summary>
/// A date a link carries in its query string (<c>?date=2026-03-14</c>): yyyy-MM-dd, invariant culture, years 2000 to
/// 2100. One that is not (typed or cut short) is told with <see cref="BadDate"/>, and the page shows today instead.
/// </summary>
public static class LinkedDate
{
    /// <summary>The error for a linked date that is not a real day (yyyy-MM-dd, years 2000 to 2100).</summary>
    public const string BadDate = "Enter a real date";

    /// <summary>Reads <paramref name="text"/> as yyyy-MM-dd; false when it is not a real day from 2000 to 2100.</summary>
    /// <param name="text">The query string value, not empty.</param>
    /// <param name="day">The day read, or default when false.</param>
    public static bool TryRead(string text, out DateOnly day)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && day.Year is >= 2000 and <= 2100)
            return true;
        day = default;
        return false;
    }
}
