using System.Globalization;

namespace Waymark.Matching;

/// <summary>
/// Turns a comparison level into words a practitioner can check against the two records:
/// "First name: known nickname (Jon → John)", "Date of birth: day and month swapped (12/03/1985 vs 03/12/1985)".
/// The probe's value comes first.
/// </summary>
internal static class Explanations
{
    public static void Names(MatchEngine engine, PreparedRecord probe, PreparedRecord candidate, MatchEngine.NameChoice choice, List<FieldContribution> into)
    {
        var model = engine.Model;
        if (choice.A < 0)
        {
            into.Add(new("First name", "missing", 0, "not recorded on both, so not compared"));
            into.Add(new("Last name", "missing", 0, "not recorded on both, so not compared"));
            return;
        }
        var x = probe.Names[choice.A];
        var y = candidate.Names[choice.B];
        var via = y.IsAlias ? $", matching the alias {y.DisplayGiven} {y.DisplayFamily}".TrimEnd() : "";
        if (x.IsAlias) via += $" (they gave the other name {x.DisplayGiven} {x.DisplayFamily})";
        if (choice.Swapped)
        {
            var swapped = $" with first and last names swapped ({x.DisplayGiven} {x.DisplayFamily} ↔ {y.DisplayGiven} {y.DisplayFamily})";
            var wg = model.Weight(0, choice.Given) + model.SwapPenalty;
            into.Add(new("First name", Levels.Of(MatchField.GivenName)[choice.Given].Code + "+swapped", wg,
                Describe(MatchField.GivenName, choice.Given, x.DisplayGiven, y.DisplayFamily) + swapped + via));
            into.Add(new("Last name", Levels.Of(MatchField.FamilyName)[choice.Family].Code + "+swapped", model.Weight(1, choice.Family),
                Describe(MatchField.FamilyName, choice.Family, x.DisplayFamily, y.DisplayGiven) + via));
            return;
        }
        var given = choice.Given == Levels.GivenName.Exact && !double.IsNaN(x.GivenRarity)
            ? Math.Log2(model.M(0, choice.Given)) + Math.Min(x.GivenRarity, y.GivenRarity)
            : model.Weight(0, choice.Given);
        var family = choice.Family == Levels.FamilyName.Exact && !double.IsNaN(x.FamilyRarity)
            ? Math.Log2(model.M(1, choice.Family)) + Math.Min(x.FamilyRarity, y.FamilyRarity)
            : model.Weight(1, choice.Family);
        into.Add(new("First name", Levels.Of(MatchField.GivenName)[choice.Given].Code, given,
            Describe(MatchField.GivenName, choice.Given, x.DisplayGiven, y.DisplayGiven) + Frequency(choice.Given == Levels.GivenName.Exact, x.GivenRarity, y.GivenRarity) + via));
        into.Add(new("Last name", Levels.Of(MatchField.FamilyName)[choice.Family].Code, family,
            Describe(MatchField.FamilyName, choice.Family, x.DisplayFamily, y.DisplayFamily) + Frequency(choice.Family == Levels.FamilyName.Exact, x.FamilyRarity, y.FamilyRarity) + via));
    }

    private static string Frequency(bool exact, double rarityA, double rarityB)
    {
        if (!exact || double.IsNaN(rarityA)) return "";
        var share = Math.Pow(2, -Math.Min(rarityA, rarityB));
        return string.Create(CultureInfo.InvariantCulture, $", a name {(share >= 0.01 ? "shared by many" : share >= 0.002 ? "shared by some" : "shared by few")} ({share:0.###%} of records)");
    }

    public static FieldContribution Field(MatchEngine engine, PreparedRecord probe, PreparedRecord candidate, int comparison, byte level)
    {
        var model = engine.Model;
        var field = MatchModel.FieldOf(comparison);
        var name = model.ComparisonName(comparison);
        var code = Levels.Of(field)[level].Code;
        var weight = model.Weight(comparison, level);
        if (level == Levels.Missing) return new(name, code, 0, Levels.Of(field)[0].Description);
        var (a, b) = field switch
        {
            MatchField.DateOfBirth => BestDates(probe.Dates, candidate.Dates, level),
            MatchField.Sex => (probe.Source.Sex.ToString(), candidate.Source.Sex.ToString()),
            MatchField.Postcode => (probe.Source.Postcode?.Trim() ?? "", candidate.Source.Postcode?.Trim() ?? ""),
            MatchField.Town => (probe.Source.Town?.Trim() ?? "", candidate.Source.Town?.Trim() ?? ""),
            MatchField.Address => (probe.Source.AddressLine?.Trim() ?? "", candidate.Source.AddressLine?.Trim() ?? ""),
            // Identifiers are not repeated in the reason: the practitioner sees them on both records.
            _ => ("", ""),
        };
        return new(name, code, weight, Describe(field, level, a, b));
    }

    private static (string, string) BestDates(int[] a, int[] b, byte level)
    {
        foreach (var x in a)
            foreach (var y in b)
                if (MatchEngine.DateLevel(x, y) == level)
                    return (MatchEngine.FormatDate(x) + (x == a[0] ? "" : " (another date they gave)"), MatchEngine.FormatDate(y) + (y == b[0] ? "" : " (another date on record)"));
        return (MatchEngine.FormatDate(a[0]), MatchEngine.FormatDate(b[0]));
    }

    private static string Describe(MatchField field, byte level, string a, string b)
    {
        var words = Levels.Of(field)[level].Description;
        if (a.Length == 0 && b.Length == 0) return words;
        return field switch
        {
            MatchField.GivenName when level == Levels.GivenName.Nickname => $"known nickname ({a} → {b})",
            _ when level == 1 => $"{words} ({b})",
            _ => $"{words} ({a} vs {b})",
        };
    }
}
