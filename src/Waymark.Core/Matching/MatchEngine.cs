using System.Globalization;

namespace Waymark.Matching;

/// <summary>
/// Scores pairs of records: deterministic rules first (the same valid NHS number or PNC ID is a
/// definite match), then a Fellegi–Sunter match weight — the prior's log2 odds plus, for each
/// comparison, log2(m/u) of the level the pair falls in. Thread-safe; comparing prepared records
/// allocates nothing.
/// </summary>
public sealed class MatchEngine(MatchModel model, MatchThresholds? thresholds = null)
{
    private const double VerySimilar = 0.92;
    private const double Similar = 0.80;
    private const double SimilarTown = 0.90;
    private const double SimilarStreet = 0.92;

    public MatchModel Model { get; } = model;
    public MatchThresholds Thresholds { get; } = thresholds ?? new MatchThresholds();

    public PreparedRecord Prepare(MatchRecord record) => new(record, Model);

    public MatchOutcome Classify(PairScore score) =>
        score.Rule != MatchRule.None || score.Weight >= Thresholds.DefiniteWeight ? MatchOutcome.DefiniteMatch
        : score.Weight >= Thresholds.PotentialWeight ? MatchOutcome.PotentialMatches
        : MatchOutcome.NoMatch;

    /// <summary>The hot path: one pair's score, with no allocation.</summary>
    public PairScore Score(PreparedRecord a, PreparedRecord b)
    {
        Span<byte> levels = stackalloc byte[Model.ComparisonCount];
        var names = Compare(a, b, levels);
        var w = Model.PriorWeight + names.Weight;
        var weights = Model.Weights;
        for (var c = 2; c < levels.Length; c++) w += weights[c][levels[c]];
        if (PossiblyRelatives(levels)) w = Math.Min(w, RelativesCeiling);
        return new PairScore(w, RuleFor(a, b));
    }

    /// <summary>The highest weight a pair that looks like relatives may have: 1 bit below <see cref="MatchThresholds.DefiniteWeight"/>.</summary>
    private double RelativesCeiling => Thresholds.DefiniteWeight - 1;

    /// <summary>
    /// Family members share a family name, a home and sometimes a date of birth (twins); what tells them apart is the
    /// first name. A clearly different first name (not a nickname, a sound-alike, a typing error or an initial) with
    /// the same or a very similar family name and the same date of birth or the same postcode or address is a relative
    /// until shown otherwise: such a pair is never a definite match by score (its weight is held below the threshold)
    /// and is explained as "possibly a relative", unless an identifier agrees (relatives do not share one). A deterministic
    /// rule (the same NHS number) still decides.
    /// Measured in docs/benchmarks.md, "Matching accuracy" (twins, siblings and parents from <c>match generate --relatives</c>).
    /// </summary>
    internal static bool PossiblyRelatives(ReadOnlySpan<byte> levels)
    {
        if (levels[0] != Levels.GivenName.Different
            || levels[1] is not (Levels.FamilyName.Exact or Levels.FamilyName.VerySimilar)
            || !(levels[2] == Levels.DateOfBirth.Exact || levels[4] == Levels.Postcode.Exact || levels[6] == Levels.Address.Exact))
            return false;
        // Relatives do not share an NHS number, a PNC ID or another identifier: where one agrees, the score stands.
        if (levels[7] == Levels.StrongIdentifier.Same || levels[8] == Levels.StrongIdentifier.Same) return false;
        for (var c = MatchModel.FixedComparisons; c < levels.Length; c++)
            if (levels[c] == Levels.Identifier.Same) return false;
        return true;
    }

    /// <summary>
    /// Same valid NHS number, or same valid PNC ID — unless the other strong identifier is on both and
    /// differs, when the conflict is left to the score and a practitioner.
    /// </summary>
    internal static MatchRule RuleFor(PreparedRecord a, PreparedRecord b)
    {
        var nhsSame = a.Nhs is not null && a.Nhs == b.Nhs;
        var pncSame = a.Pnc is not null && a.Pnc == b.Pnc;
        var nhsDiffers = a.Nhs is not null && b.Nhs is not null && !nhsSame;
        var pncDiffers = a.Pnc is not null && b.Pnc is not null && !pncSame;
        if (nhsSame && !pncDiffers) return MatchRule.SameNhsNumber;
        if (pncSame && !nhsDiffers) return MatchRule.SamePncId;
        return MatchRule.None;
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> agree strongly on who they are whatever their identifiers
    /// say: first name the same, a known other form or very similar; last name the same or very similar; and the same
    /// date of birth (any given). Used so that an identifier rule never hides such a person (a mistyped or shared NHS
    /// number): the look-up shows the conflict instead.
    /// </summary>
    public bool NameAndBirthAgreeStrongly(PreparedRecord a, PreparedRecord b)
    {
        Span<byte> levels = stackalloc byte[Model.ComparisonCount];
        var names = Compare(a, b, levels);
        return names.Given is Levels.GivenName.Exact or Levels.GivenName.Nickname or Levels.GivenName.VerySimilar
            && names.Family is Levels.FamilyName.Exact or Levels.FamilyName.VerySimilar
            && levels[2] == Levels.DateOfBirth.Exact;
    }

    /// <summary>Ranks candidates for one person (fetched from the database, or from a <see cref="BlockingIndex"/>).</summary>
    public MatchResult Find(MatchRecord probe, IEnumerable<MatchRecord> candidates, int maxResults = 10) =>
        Find(Prepare(probe), candidates.Select(Prepare), maxResults);

    public MatchResult Find(PreparedRecord probe, IEnumerable<PreparedRecord> candidates, int maxResults = 10)
    {
        var kept = new List<(PreparedRecord Record, PairScore Score)>();
        foreach (var c in candidates)
        {
            var s = Score(probe, c);
            if (Classify(s) != MatchOutcome.NoMatch) kept.Add((c, s));
        }
        var ranked = kept
            .OrderByDescending(k => k.Score.Rule != MatchRule.None)
            .ThenByDescending(k => k.Score.Weight)
            .ThenBy(k => k.Record.Source.Id, StringComparer.Ordinal)
            .Take(maxResults)
            .Select(k => Explain(probe, k.Record))
            .ToList();
        var outcome = ranked.Count == 0 ? MatchOutcome.NoMatch : ranked.Max(r => r.Outcome);
        return new MatchResult(outcome, ranked);
    }

    /// <summary>The score with every comparison's level, weight and plain-words reason.</summary>
    public RankedMatch Explain(PreparedRecord probe, PreparedRecord candidate)
    {
        Span<byte> levels = stackalloc byte[Model.ComparisonCount];
        var names = Compare(probe, candidate, levels);
        var score = Score(probe, candidate);
        var list = new List<FieldContribution>(levels.Length + 1);
        if (score.Rule != MatchRule.None)
            list.Add(new("Rule", score.Rule == MatchRule.SameNhsNumber ? "same-nhs-number" : "same-pnc-id", 0,
                score.Rule == MatchRule.SameNhsNumber ? "same valid NHS number, so a definite match" : "same valid PNC ID, so a definite match"));
        Explanations.Names(this, probe, candidate, names, list);
        if (PossiblyRelatives(levels))
            list.Add(new("Relative", "possible-relative", 0,
                "a different first name with the same family name and the same date of birth or home: possibly a relative (a twin, a brother or sister, a parent), not the same person"));
        for (var c = 2; c < levels.Length; c++)
        {
            if (c >= MatchModel.FixedComparisons && probe.Identifiers[c - MatchModel.FixedComparisons] is null
                && candidate.Identifiers[c - MatchModel.FixedComparisons] is null) continue;
            list.Add(Explanations.Field(this, probe, candidate, c, levels[c]));
        }
        return new RankedMatch(candidate.Source, score.Weight, score.Probability, score.Rule, Classify(score), list);
    }

    /// <summary>The chosen reading of two people's names: which name of each, straight or swapped, and its weight.</summary>
    internal readonly record struct NameChoice(int A, int B, bool Swapped, byte Given, byte Family, double Weight);

    /// <summary>Fills the level of every comparison; names are read the way (name, alias, swapped) that scores best.</summary>
    internal NameChoice Compare(PreparedRecord a, PreparedRecord b, Span<byte> levels)
    {
        var names = CompareNames(a, b);
        levels[0] = names.Given;
        levels[1] = names.Family;
        levels[2] = CompareDates(a.Dates, b.Dates);
        levels[3] = a.Sex == 0 || b.Sex == 0 ? Levels.Missing : a.Sex == b.Sex ? Levels.Sex.Same : Levels.Sex.Different;
        levels[4] = ComparePostcodes(a, b);
        // Where the postcode is the same, the town and the street say nothing more (neighbours share
        // them): counting them again would make two people in one street look like one person.
        var samePostcode = levels[4] == Levels.Postcode.Exact;
        levels[5] = samePostcode || a.Town.Length == 0 || b.Town.Length == 0 ? Levels.Missing
            : a.Town == b.Town ? Levels.Town.Exact
            : JaroWinkler.Similarity(a.Town, b.Town) >= SimilarTown ? Levels.Town.Similar : Levels.Town.Different;
        levels[6] = CompareAddresses(a, b);
        if (samePostcode && levels[6] != Levels.Address.Exact) levels[6] = Levels.Missing;
        levels[7] = a.Nhs is null || b.Nhs is null ? Levels.Missing : a.Nhs == b.Nhs ? Levels.StrongIdentifier.Same : Levels.StrongIdentifier.Different;
        levels[8] = a.Pnc is null || b.Pnc is null ? Levels.Missing : a.Pnc == b.Pnc ? Levels.StrongIdentifier.Same : Levels.StrongIdentifier.Different;
        for (var k = 0; k < a.Identifiers.Length; k++)
        {
            var x = a.Identifiers[k];
            var y = b.Identifiers[k];
            levels[MatchModel.FixedComparisons + k] = x is null || y is null ? Levels.Missing
                : x == y ? Levels.Identifier.Same
                : WithinOneEdit(x, y) ? Levels.Identifier.OneCharacter : Levels.Identifier.Different;
        }
        return names;
    }

    private NameChoice CompareNames(PreparedRecord a, PreparedRecord b)
    {
        var best = new NameChoice(-1, -1, false, Levels.Missing, Levels.Missing, 0);
        var bestWeight = double.NegativeInfinity;
        var w = Model.Weights;
        for (var i = 0; i < a.Names.Length; i++)
        {
            var x = a.Names[i];
            for (var j = 0; j < b.Names.Length; j++)
            {
                var y = b.Names[j];
                var g = GivenLevel(x.Given, y.Given, x.GivenCode, y.GivenCode, x.GivenGroups, y.GivenGroups);
                var f = FamilyLevel(x.Family, y.Family, x.FamilyCode, y.FamilyCode, x.FamilyCore, y.FamilyCore);
                var weight = GivenWeight(g, x, y) + FamilyWeight(f, x, y);
                if (weight > bestWeight) (best, bestWeight) = (new NameChoice(i, j, false, g, f, weight), weight);
                // Only a poor straight reading is worth trying the other way round.
                if (g is Levels.GivenName.Different or Levels.GivenName.Initial or Levels.Missing
                    || f is Levels.FamilyName.Different or Levels.Missing)
                {
                    var sg = GivenLevel(x.Given, y.Family, x.GivenCode, y.FamilyCode, x.GivenGroups, []);
                    var sf = FamilyLevel(x.Family, y.Given, x.FamilyCode, y.GivenCode);
                    if (sg is not (Levels.Missing or Levels.GivenName.Different) && sf is not (Levels.Missing or Levels.FamilyName.Different))
                    {
                        var sw = w[0][sg] + w[1][sf] + Model.SwapPenalty;
                        if (sw > bestWeight) (best, bestWeight) = (new NameChoice(i, j, true, sg, sf, sw), sw);
                    }
                }
            }
        }
        return best.A < 0 ? best with { Weight = 0 } : best;
    }

    private double GivenWeight(byte level, NameForm x, NameForm y)
    {
        if (level == Levels.GivenName.Exact && !double.IsNaN(x.GivenRarity))
            return Math.Log2(Model.M(0, level)) + Math.Min(x.GivenRarity, y.GivenRarity);
        return Model.Weights[0][level];
    }

    private double FamilyWeight(byte level, NameForm x, NameForm y)
    {
        if (level == Levels.FamilyName.Exact && !double.IsNaN(x.FamilyRarity))
            return Math.Log2(Model.M(1, level)) + Math.Min(x.FamilyRarity, y.FamilyRarity);
        return Model.Weights[1][level];
    }

    internal static byte GivenLevel(string a, string b, string codeA, string codeB, int[] groupsA, int[] groupsB)
    {
        if (a.Length == 0 || b.Length == 0) return Levels.Missing;
        if (a == b) return Levels.GivenName.Exact;
        if (a.Length == 1 || b.Length == 1)
            return a[0] == b[0] ? Levels.GivenName.Initial : Levels.GivenName.Different;
        if (Nicknames.ShareGroup(groupsA, groupsB)) return Levels.GivenName.Nickname;
        var jw = JaroWinkler.Similarity(a, b);
        if (jw >= VerySimilar) return Levels.GivenName.VerySimilar;
        if (codeA.Length > 0 && codeA == codeB) return Levels.GivenName.SoundsAlike;
        return jw >= Similar ? Levels.GivenName.Similar : Levels.GivenName.Different;
    }

    /// <summary>
    /// The level of agreement of two family name keys. <paramref name="coreA"/> and <paramref name="coreB"/> are the
    /// names without particles (<see cref="NameKey.WithoutParticles"/>), when known: names that differ only by a
    /// particle ("Ní Bhriain" and "Bhriain", "van der Berg" and "Berg", "al-Hassan" and "El Hassan") are very similar,
    /// as the particle is often left out or spelt differently, but not the same.
    /// </summary>
    internal static byte FamilyLevel(string a, string b, string codeA, string codeB, string? coreA = null, string? coreB = null)
    {
        if (a.Length == 0 || b.Length == 0) return Levels.Missing;
        if (a == b) return Levels.FamilyName.Exact;
        var jw = JaroWinkler.Similarity(a, b);
        if (jw >= VerySimilar) return Levels.FamilyName.VerySimilar;
        if (coreA is { Length: >= 2 } && coreA == coreB) return Levels.FamilyName.VerySimilar;
        if (codeA.Length > 0 && codeA == codeB) return Levels.FamilyName.SoundsAlike;
        if (a.Length >= 3 && b.Length >= 3 && a.Length != b.Length)
        {
            var (shortName, longName) = a.Length < b.Length ? (a, b) : (b, a);
            if (longName.StartsWith(shortName, StringComparison.Ordinal) || longName.EndsWith(shortName, StringComparison.Ordinal))
                return Levels.FamilyName.PartOf;
        }
        return jw >= Similar ? Levels.FamilyName.Similar : Levels.FamilyName.Different;
    }

    internal static byte CompareDates(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0) return Levels.Missing;
        var best = Levels.DateOfBirth.Different;
        foreach (var x in a)
            foreach (var y in b)
            {
                var l = DateLevel(x, y);
                if (l < best) best = l;
            }
        return best;
    }

    /// <summary>Compares two yyyymmdd dates digit by digit.</summary>
    internal static byte DateLevel(int x, int y)
    {
        if (x == y) return Levels.DateOfBirth.Exact;
        int yearX = x / 10000, yearY = y / 10000;
        int monthX = x / 100 % 100, monthY = y / 100 % 100, dayX = x % 100, dayY = y % 100;
        if (yearX == yearY && monthX == dayY && dayX == monthY) return Levels.DateOfBirth.DayMonthSwapped;
        var diffs = 0;
        int first = -1, second = -1;
        for (int i = 0, px = x, py = y; i < 8; i++, px /= 10, py /= 10)
        {
            if (px % 10 == py % 10) continue;
            if (++diffs > 2) break;
            if (first < 0) first = i; else second = i;
        }
        if (diffs == 1) return Levels.DateOfBirth.OneDigit;
        if (diffs == 2 && second == first + 1 && Digit(x, first) == Digit(y, second) && Digit(x, second) == Digit(y, first))
            return Levels.DateOfBirth.TransposedDigits;
        return yearX == yearY ? Levels.DateOfBirth.SameYear : Levels.DateOfBirth.Different;
    }

    private static int Digit(int n, int position)
    {
        for (var i = 0; i < position; i++) n /= 10;
        return n % 10;
    }

    private static byte ComparePostcodes(PreparedRecord a, PreparedRecord b)
    {
        var x = a.Postcode;
        var y = b.Postcode;
        if (x.Length == 0 || y.Length == 0) return Levels.Missing;
        if (x == y) return Levels.Postcode.Exact;
        if (WithinOneEdit(x, y)) return Levels.Postcode.OneCharacter;
        if (a.PostcodeSector > 0 && a.PostcodeSector == b.PostcodeSector && x.AsSpan(0, a.PostcodeSector).SequenceEqual(y.AsSpan(0, b.PostcodeSector)))
            return Levels.Postcode.SameSector;
        if (a.PostcodeDistrict > 0 && a.PostcodeDistrict == b.PostcodeDistrict && x.AsSpan(0, a.PostcodeDistrict).SequenceEqual(y.AsSpan(0, b.PostcodeDistrict)))
            return Levels.Postcode.SameDistrict;
        return Levels.Postcode.Different;
    }

    private static byte CompareAddresses(PreparedRecord a, PreparedRecord b)
    {
        if (a.Street.Length == 0 || b.Street.Length == 0) return Levels.Missing;
        var sameNumber = a.HouseNumber.Length > 0 && a.HouseNumber == b.HouseNumber;
        if (a.Street == b.Street && (sameNumber || (a.HouseNumber.Length == 0 && b.HouseNumber.Length == 0))) return Levels.Address.Exact;
        if (a.Street == b.Street || JaroWinkler.Similarity(a.Street, b.Street) >= SimilarStreet)
            return sameNumber ? Levels.Address.SameNumberSimilarStreet : Levels.Address.SimilarStreet;
        return Levels.Address.Different;
    }

    /// <summary>One substitution, insertion, deletion or swap of neighbours (optimal string alignment distance ≤ 1).</summary>
    internal static bool WithinOneEdit(string a, string b)
    {
        var d = a.Length - b.Length;
        if (d is > 1 or < -1) return false;
        if (d == 0)
        {
            var first = -1;
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] == b[i]) continue;
                if (first < 0) { first = i; continue; }
                // A second difference: only a swap of neighbours, with nothing after it, is one edit.
                return i == first + 1 && a[first] == b[i] && a[i] == b[first] && a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1));
            }
            return true;
        }
        var (longer, shorter) = d > 0 ? (a, b) : (b, a);
        var k = 0;
        while (k < shorter.Length && longer[k] == shorter[k]) k++;
        return longer.AsSpan(k + 1).SequenceEqual(shorter.AsSpan(k));
    }

    internal static string FormatDate(int yyyymmdd) =>
        string.Create(CultureInfo.InvariantCulture, $"{yyyymmdd % 100:00}/{yyyymmdd / 100 % 100:00}/{yyyymmdd / 10000:0000}");
}
