using Waymark.People;

namespace Waymark.ProactiveIdentification;

/// <summary>
/// A group the team screens every member of (000 "100% screening of selected groups"; issue 12 item 5). Stored by
/// <see cref="SelectionRules.Code"/>. "Everyone with a crisis plan or a flag" waits for crisis plans and person flags
/// (issue 14): add a value here, its words and code in <see cref="SelectionRules"/>, and a fact in <see cref="RowFacts"/>.
/// </summary>
public enum SelectionRule
{
    /// <summary>Under 18 on the list's day.</summary>
    UnderEighteen = 1,
    /// <summary>Female (as the list or the matched record says).</summary>
    Women = 2,
    /// <summary>Matched to someone the team already knows.</summary>
    KnownToTeam = 3,
    /// <summary>Matched to someone with an episode of this team open.</summary>
    OpenEpisode = 4,
    /// <summary>Matched to someone whose latest screening by this team found a high risk (to self, to others or from others).</summary>
    HighRiskAtLastScreening = 5,
}

/// <summary>
/// What is known about a list row when choosing whether to select it: its age and sex (from the list, else the
/// matched record), and about the matched person (false when nobody is matched).
/// </summary>
/// <param name="AgeOnDay">Whole years on the list's day; null when no date of birth is known.</param>
/// <param name="Sex">The row's sex, or the matched record's when the list does not say.</param>
/// <param name="KnownToTeam">The matched person is linked to the team.</param>
/// <param name="OpenEpisode">The matched person has an open episode of the team.</param>
/// <param name="HighRiskAtLastScreening">The matched person's latest screening outcome (this team's) has a high risk.</param>
public sealed record RowFacts(int? AgeOnDay, Sex Sex, bool KnownToTeam, bool OpenEpisode, bool HighRiskAtLastScreening);

/// <summary>Words, codes and the test of each <see cref="SelectionRule"/>.</summary>
public static class SelectionRules
{
    /// <summary>Every rule, in the order the settings page offers them.</summary>
    public static IReadOnlyList<SelectionRule> All { get; } = Enum.GetValues<SelectionRule>();

    /// <summary>A stable code for storage ("under-18", "women", …).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared rule.</exception>
    public static string Code(SelectionRule rule) => rule switch
    {
        SelectionRule.UnderEighteen => "under-18",
        SelectionRule.Women => "women",
        SelectionRule.KnownToTeam => "known",
        SelectionRule.OpenEpisode => "open-episode",
        SelectionRule.HighRiskAtLastScreening => "high-risk",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Not a selection rule"),
    };

    /// <summary>The rule as the settings page words it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared rule.</exception>
    public static string Display(SelectionRule rule) => rule switch
    {
        SelectionRule.UnderEighteen => "Everyone under 18",
        SelectionRule.Women => "All women",
        SelectionRule.KnownToTeam => "Everyone your team already knows",
        SelectionRule.OpenEpisode => "Everyone with an open episode",
        SelectionRule.HighRiskAtLastScreening => "Everyone whose last screening found a high risk",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Not a selection rule"),
    };

    /// <summary>Why a row was selected, as the queue says it ("under 18", "a woman", …).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared rule.</exception>
    public static string Reason(SelectionRule rule) => rule switch
    {
        SelectionRule.UnderEighteen => "under 18",
        SelectionRule.Women => "a woman",
        SelectionRule.KnownToTeam => "known to the team",
        SelectionRule.OpenEpisode => "has an open episode",
        SelectionRule.HighRiskAtLastScreening => "high risk at last screening",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Not a selection rule"),
    };

    /// <summary>Whether <paramref name="facts"/> fall under <paramref name="rule"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared rule.</exception>
    public static bool Applies(SelectionRule rule, RowFacts facts) => rule switch
    {
        SelectionRule.UnderEighteen => facts.AgeOnDay is < 18,
        SelectionRule.Women => facts.Sex == Sex.Female,
        SelectionRule.KnownToTeam => facts.KnownToTeam,
        SelectionRule.OpenEpisode => facts.OpenEpisode,
        SelectionRule.HighRiskAtLastScreening => facts.HighRiskAtLastScreening,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Not a selection rule"),
    };

    /// <summary>The rules among <paramref name="chosen"/> that select a row with <paramref name="facts"/>; empty when it is not selected.</summary>
    public static IReadOnlyList<SelectionRule> Selecting(IEnumerable<SelectionRule> chosen, RowFacts facts) =>
        chosen.Where(r => Applies(r, facts)).ToList();

    /// <summary>The rules named by the space- or comma-separated <paramref name="codes"/>, in <see cref="All"/> order; unknown codes are ignored.</summary>
    public static IReadOnlyList<SelectionRule> Parse(string? codes)
    {
        var given = (codes ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return All.Where(r => given.Contains(Code(r), StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The codes of <paramref name="rules"/> for storage, space-separated, in <see cref="All"/> order.</summary>
    public static string Format(IEnumerable<SelectionRule> rules)
    {
        var set = rules.ToHashSet();
        return string.Join(' ', All.Where(set.Contains).Select(Code));
    }

    /// <summary>Whole years between <paramref name="dateOfBirth"/> and <paramref name="day"/> (a birthday on 29 February counts from 1 March in other years).</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly day)
    {
        var age = day.Year - dateOfBirth.Year;
        if (day < dateOfBirth.AddYears(age)) age--;
        return age;
    }
}
