namespace Waymark;

/// <summary>
/// Bounds for any date a person types and for periods asked of reports, so no date arithmetic can overflow and no
/// absurd date is stored. Dates belonging to an episode have their own, narrower rule in
/// <see cref="Episodes.EpisodeDates"/>.
/// </summary>
public static class DateLimits
{
    /// <summary>The earliest year any typed date may have (dates of birth of living people included).</summary>
    public const int EarliestYear = 1900;

    /// <summary>The latest year any typed date may have.</summary>
    public const int LatestYear = 2199;

    /// <summary>The longest period a report may cover, in days (three years).</summary>
    public const int LongestPeriodDays = 3 * 366;

    /// <summary>How many years after today a report's period may end.</summary>
    public const int PeriodYearsAhead = 1;

    /// <summary>
    /// The problems with a report period from <paramref name="from"/> to <paramref name="to"/> (both inclusive UK dates):
    /// each as (field "From" or "To", message); none when the period is possible.
    /// </summary>
    /// <param name="from">The first day.</param>
    /// <param name="to">The last day.</param>
    /// <param name="today">Today's UK date.</param>
    public static IEnumerable<(string Field, string Message)> Period(DateOnly from, DateOnly to, DateOnly today)
    {
        var earliest = new DateOnly(EarliestYear, 1, 1);
        var latest = today.AddYears(PeriodYearsAhead);
        if (from < earliest) yield return ("From", $"From date must be in {EarliestYear} or later");
        if (to > latest) { yield return ("To", $"To date must be no later than {latest:d MMMM yyyy}"); yield break; }
        if (from > to) yield return ("From", "From date must be on or before the to date");
        else if (to.DayNumber - from.DayNumber > LongestPeriodDays) yield return ("From", "Choose a period of three years or less");
    }
}
