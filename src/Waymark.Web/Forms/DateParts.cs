using System.Globalization;

namespace Waymark.Web.Forms;

/// <summary>The boxes of a date input, as flags, so an error can name only the boxes that are wrong.</summary>
[Flags]
public enum DatePart
{
    /// <summary>No box.</summary>
    None = 0,
    /// <summary>The day box.</summary>
    Day = 1,
    /// <summary>The month box.</summary>
    Month = 2,
    /// <summary>The year box.</summary>
    Year = 4,
    /// <summary>All three boxes: the date as a whole is wrong (31 February, or a later rule such as "in the past").</summary>
    All = Day | Month | Year,
}

/// <summary>What someone typed into day, month and year boxes, kept as text so a mistake is shown back as typed.</summary>
public class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    /// <summary>Sets the three boxes to <paramref name="date"/> (an empty box given its default, so the form shows what was used).</summary>
    public void Fill(DateOnly date)
    {
        Day = date.Day.ToString(CultureInfo.InvariantCulture);
        Month = date.Month.ToString(CultureInfo.InvariantCulture);
        Year = date.Year.ToString(CultureInfo.InvariantCulture);
    }

    public static DateParts From(DateOnly? d) => d is { } x
        ? new DateParts { Day = x.Day.ToString(CultureInfo.InvariantCulture), Month = x.Month.ToString(CultureInfo.InvariantCulture), Year = x.Year.ToString(CultureInfo.InvariantCulture) }
        : new DateParts();

    /// <summary>
    /// Parses the parts, or returns the message to show (NHS design system wording). Years outside
    /// <see cref="DateLimits.EarliestYear"/>–<see cref="DateLimits.LatestYear"/> are refused as not real, so no date
    /// arithmetic on the result can overflow; each use then applies its own rule (<see cref="Episodes.EpisodeDates"/>,
    /// <see cref="DateLimits.Period"/>, <see cref="DateLimits.DateOfBirthProblem"/>).
    /// </summary>
    /// <param name="what">How the page names the date, e.g. "Date of birth".</param>
    /// <param name="laterRuleBoundsTheFuture">
    /// True where the date's own rule refuses dates far ahead (e.g. "within 2 years of today", "today or in the past"):
    /// a year after <see cref="DateLimits.LatestYear"/> then reads as the last day of that year, so the rule answers
    /// with its own message instead of "must be a real date" (a date in 3027 is real, just too far off).
    /// </param>
    public (DateOnly? Date, string? Error) Parse(string what, bool laterRuleBoundsTheFuture = false)
    {
        var (date, error, parts) = Check(what);
        if (laterRuleBoundsTheFuture && parts == DatePart.Year && error is not null
            && Number(Year, out var y) && y > DateLimits.LatestYear && Year!.Trim().Length == 4
            && Number(Day, out var d) && Number(Month, out var m) && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(2000, m))
            return (new DateOnly(DateLimits.LatestYear, 12, 31), null);
        return (date, error);
    }

    /// <summary>
    /// The boxes a problem with the typed text lies in, following the NHS and GOV.UK date input pattern: only the
    /// missing or unreadable parts ("12 / (blank) / 1985" → <see cref="DatePart.Month"/>), all three when the date as a
    /// whole does not exist (31 / 2 / 2025); <see cref="DatePart.None"/> when the text makes a real date (an error
    /// from a later rule, such as "must be in the past", then concerns the whole date).
    /// </summary>
    public DatePart WrongParts() => Check("Date").Parts;

    private (DateOnly? Date, string? Error, DatePart Parts) Check(string what)
    {
        if (IsEmpty) return (null, null, DatePart.None);
        var missing = (Blank(Day) ? DatePart.Day : 0) | (Blank(Month) ? DatePart.Month : 0) | (Blank(Year) ? DatePart.Year : 0);
        if (missing != DatePart.None)
        {
            var names = new[] { (DatePart.Day, "a day"), (DatePart.Month, "a month"), (DatePart.Year, "a year") }
                .Where(p => missing.HasFlag(p.Item1)).Select(p => p.Item2).ToList();
            var list = names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " and " + names[^1][2..];
            return (null, $"{what} must include {list}", missing);
        }
        var dayOk = Number(Day, out var d);
        var monthOk = Number(Month, out var m);
        var yearOk = Number(Year, out var y);
        var unreadable = (dayOk ? 0 : DatePart.Day) | (monthOk ? 0 : DatePart.Month) | (yearOk ? 0 : DatePart.Year);
        if (unreadable != DatePart.None) return (null, $"{what} must be a real date, using numbers only", unreadable);
        if (Year!.Trim().Length != 4) return (null, "Year must include 4 numbers", DatePart.Year);
        var outOfRange = (d is < 1 or > 31 ? DatePart.Day : 0) | (m is < 1 or > 12 ? DatePart.Month : 0)
            | (y < DateLimits.EarliestYear || y > DateLimits.LatestYear ? DatePart.Year : 0);
        if (outOfRange != DatePart.None) return (null, $"{what} must be a real date", outOfRange);
        if (d > DateTime.DaysInMonth(y, m)) return (null, $"{what} must be a real date", DatePart.All);
        return (new DateOnly(y, m, d), null, DatePart.None);
    }

    private static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    private static bool Number(string? s, out int value) =>
        int.TryParse(s!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
