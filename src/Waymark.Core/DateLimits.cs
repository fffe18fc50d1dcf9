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

    /// <summary>
    /// The oldest a living person's date of birth makes them, in whole years: a date of birth more than this many
    /// years before today is refused as not plausible. The oldest verified age is 122 (Guinness World Records,
    /// Jeanne Calment); nobody seen by a liaison and diversion team is near it, so 120 catches mistyped centuries
    /// ("1903" for "2003") without refusing anyone real.
    /// </summary>
    public const int OldestAgeYears = 120;

    /// <summary>The earliest plausible date of birth on <paramref name="today"/>: exactly <see cref="OldestAgeYears"/> years before.</summary>
    /// <param name="today">Today's UK date.</param>
    public static DateOnly EarliestDateOfBirth(DateOnly today) => today.AddYears(-OldestAgeYears);

    /// <summary>
    /// THE rule for a plausible date of birth, used everywhere one is typed or imported (identification, a person's
    /// details and other dates of birth): not after <paramref name="today"/> and not more than
    /// <see cref="OldestAgeYears"/> years before it. Returns the message to show, or null when the date is plausible.
    /// </summary>
    /// <remarks>
    /// A stored date that breaks the rule (recorded before it, or by an import) is not re-checked when it is saved
    /// unchanged: <see cref="People.PersonDetails.Validate(DateOnly, People.Person?)"/> passes the current record so
    /// that other details can still be changed.
    /// </remarks>
    /// <param name="dateOfBirth">The date typed.</param>
    /// <param name="today">Today's UK date (<see cref="UkTime.Today"/>).</param>
    /// <param name="what">How the form names the date, e.g. "Date of birth" or "Other date of birth 03/12/1985".</param>
    public static string? DateOfBirthProblem(DateOnly dateOfBirth, DateOnly today, string what = "Date of birth")
    {
        if (dateOfBirth > today) return $"{what} must be in the past";
        var earliest = EarliestDateOfBirth(today);
        if (dateOfBirth < earliest)
            return $"{what} must be within the last {OldestAgeYears} years (on or after {earliest.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)})";
        return null;
    }

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
    /// <param name="longestDays">The longest period allowed, in days counted inclusively ("From" to "To" both counted);
    /// <see cref="LongestPeriodDays"/> unless a page has a shorter rule (e.g. <c>ProactiveQueue.MaxFigureDays</c>).</param>
    public static IEnumerable<(string Field, string Message)> Period(DateOnly from, DateOnly to, DateOnly today, int longestDays = LongestPeriodDays)
    {
        var earliest = new DateOnly(EarliestYear, 1, 1);
        var latest = today.AddYears(PeriodYearsAhead);
        if (from < earliest) yield return ("From", $"From date must be in {EarliestYear} or later");
        if (to > latest) { yield return ("To", $"To date must be no later than {latest:d MMMM yyyy}"); yield break; }
        if (from > to) yield return ("From", "From date must be on or before the to date");
        else if (longestDays == LongestPeriodDays && to.DayNumber - from.DayNumber > LongestPeriodDays) yield return ("From", "Choose a period of three years or less");
        else if (longestDays != LongestPeriodDays && to.DayNumber - from.DayNumber + 1 > longestDays) yield return ("From", LongestPeriodMessage(longestDays));
    }

    /// <summary>"Choose a period of 366 days or fewer": the one message for a period longer than <paramref name="longestDays"/> days.</summary>
    public static string LongestPeriodMessage(int longestDays) => $"Choose a period of {longestDays} days or fewer";
}
