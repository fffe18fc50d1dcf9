using System.Globalization;

namespace Waymark.Web.Forms;

/// <summary>What someone typed into day, month and year boxes, kept as text so a mistake is shown back as typed.</summary>
public class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateParts From(DateOnly? d) => d is { } x
        ? new DateParts { Day = x.Day.ToString(CultureInfo.InvariantCulture), Month = x.Month.ToString(CultureInfo.InvariantCulture), Year = x.Year.ToString(CultureInfo.InvariantCulture) }
        : new DateParts();

    /// <summary>
    /// Parses the parts, or returns the message to show (NHS design system wording). Years outside
    /// <see cref="DateLimits.EarliestYear"/>–<see cref="DateLimits.LatestYear"/> are refused as not real, so no date
    /// arithmetic on the result can overflow; each use then applies its own rule (<see cref="Episodes.EpisodeDates"/>,
    /// <see cref="DateLimits.Period"/>).
    /// </summary>
    public (DateOnly? Date, string? Error) Parse(string what)
    {
        if (IsEmpty) return (null, null);
        if (string.IsNullOrWhiteSpace(Day)) return (null, $"{what} must include a day");
        if (string.IsNullOrWhiteSpace(Month)) return (null, $"{what} must include a month");
        if (string.IsNullOrWhiteSpace(Year)) return (null, $"{what} must include a year");
        if (!int.TryParse(Day.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(Month.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            return (null, $"{what} must be a real date, using numbers only");
        if (Year.Trim().Length != 4) return (null, "Year must include 4 numbers");
        if (m is < 1 or > 12 || d < 1 || y < DateLimits.EarliestYear || y > DateLimits.LatestYear || d > DateTime.DaysInMonth(y, m))
            return (null, $"{what} must be a real date");
        return (new DateOnly(y, m, d), null);
    }
}
