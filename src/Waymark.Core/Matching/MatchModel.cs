using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Waymark.People;

namespace Waymark.Matching;

/// <summary>
/// The Fellegi–Sunter parameters: for each comparison and level, m = P(level | same person) and
/// u = P(level | different people); the prior P(two records picked at random are the same person);
/// and term frequencies of given and family names, so agreeing on "Smith" counts for less than
/// agreeing on "Okonkwo". Immutable: estimation and the <c>With…</c> methods return new models.
/// </summary>
public sealed class MatchModel
{
    /// <summary>Comparisons before the identifier kinds: see <see cref="MatchField"/>.</summary>
    public const int FixedComparisons = 9;

    private readonly double[][] _m;
    private readonly double[][] _u;
    internal readonly double[][] Weights;

    public double Prior { get; }
    /// <summary>log2 of the prior odds: the score a pair starts from.</summary>
    public double PriorWeight { get; }
    /// <summary>Weight added when the best reading of two names is with first and last swapped, so a straight reading wins a tie.</summary>
    public double SwapPenalty { get; }
    public IReadOnlyList<string> IdentifierKinds { get; }
    internal FrozenDictionary<string, double> GivenNameFrequencies { get; }
    internal FrozenDictionary<string, double> FamilyNameFrequencies { get; }
    /// <summary>How many records the term frequencies were counted over (0: none, so agreement weighs the level's u).</summary>
    public int TermFrequencyRecords { get; }

    private MatchModel(double[][] m, double[][] u, double prior, double swapPenalty, IReadOnlyList<string> kinds,
        FrozenDictionary<string, double> given, FrozenDictionary<string, double> family, int tfRecords)
    {
        _m = m;
        _u = u;
        Prior = Math.Clamp(prior, 1e-12, 0.5);
        PriorWeight = Math.Log2(Prior / (1 - Prior));
        SwapPenalty = swapPenalty;
        IdentifierKinds = kinds;
        GivenNameFrequencies = given;
        FamilyNameFrequencies = family;
        TermFrequencyRecords = tfRecords;
        Weights = new double[m.Length][];
        for (var c = 0; c < m.Length; c++)
        {
            Weights[c] = new double[m[c].Length];
            for (var l = 1; l < m[c].Length; l++) Weights[c][l] = Math.Log2(m[c][l] / u[c][l]);
        }
    }

    public int ComparisonCount => _m.Length;
    public int LevelCount(int comparison) => _m[comparison].Length;
    public double M(int comparison, int level) => _m[comparison][level];
    public double U(int comparison, int level) => _u[comparison][level];
    /// <summary>log2(m/u): the bits of evidence a level adds (negative: against).</summary>
    public double Weight(int comparison, int level) => Weights[comparison][level];

    public static MatchField FieldOf(int comparison) =>
        comparison < FixedComparisons ? (MatchField)comparison : MatchField.Identifier;

    public string ComparisonName(int comparison) => comparison switch
    {
        0 => "First name",
        1 => "Last name",
        2 => "Date of birth",
        3 => "Sex",
        4 => "Postcode",
        5 => "Town",
        6 => "Address",
        7 => "NHS number",
        8 => "PNC ID",
        _ => IdentifierKinds[comparison - FixedComparisons],
    };

    /// <summary>
    /// Sound starting values: m from how often people give each kind of variation (the Liaison and
    /// Diversion experience and the published FEBRL/Splink figures), u from how often strangers agree by
    /// chance in a population of a few million. EM estimation replaces them with the team's own.
    /// </summary>
    public static MatchModel Default(IEnumerable<string>? identifierKinds = null, double prior = 1e-4)
    {
        var kinds = identifierKinds?.Distinct(StringComparer.Ordinal).ToArray() ?? [];
        var m = new double[FixedComparisons + kinds.Length][];
        var u = new double[m.Length][];
        // Level 0 (missing) is a placeholder: it weighs 0.
        (m[0], u[0]) = ([1, 0.80, 0.05, 0.04, 0.02, 0.03, 0.02, 0.04], [1, 0.01, 0.002, 0.002, 0.003, 0.02, 0.01, 0.953]);
        (m[1], u[1]) = ([1, 0.85, 0.05, 0.02, 0.01, 0.03, 0.04], [1, 0.003, 0.001, 0.002, 0.0005, 0.01, 0.9835]);
        (m[2], u[2]) = ([1, 0.85, 0.02, 0.05, 0.01, 0.03, 0.04], [1, 0.00005, 0.00005, 0.002, 0.0003, 0.016, 0.98159]);
        (m[3], u[3]) = ([1, 0.98, 0.02], [1, 0.5, 0.5]);
        (m[4], u[4]) = ([1, 0.70, 0.03, 0.05, 0.05, 0.17], [1, 0.0001, 0.0005, 0.002, 0.01, 0.9874]);
        (m[5], u[5]) = ([1, 0.75, 0.05, 0.20], [1, 0.05, 0.01, 0.94]);
        (m[6], u[6]) = ([1, 0.60, 0.10, 0.05, 0.25], [1, 0.0001, 0.0005, 0.005, 0.9944]);
        // A valid NHS number or PNC ID that differs: a wrong but valid number is rare, so this weighs ~-10 bits.
        (m[7], u[7]) = ([1, 0.999, 0.001], [1, 1e-7, 1 - 1e-7]);
        (m[8], u[8]) = ([1, 0.999, 0.001], [1, 1e-7, 1 - 1e-7]);
        for (var k = 0; k < kinds.Length; k++)
            (m[FixedComparisons + k], u[FixedComparisons + k]) = ([1, 0.90, 0.05, 0.05], [1, 1e-5, 1e-4, 1 - 1.1e-4]);
        return new MatchModel(m, u, prior, -2, kinds, FrozenDictionary<string, double>.Empty, FrozenDictionary<string, double>.Empty, 0);
    }

    public MatchModel WithPrior(double prior) =>
        new(_m, _u, prior, SwapPenalty, IdentifierKinds, GivenNameFrequencies, FamilyNameFrequencies, TermFrequencyRecords);

    /// <summary>Replaces m and u (for example with EM estimates). Arrays are [comparison][level], level 0 ignored.</summary>
    public MatchModel WithParameters(double[][] m, double[][] u)
    {
        if (m.Length != _m.Length || u.Length != _u.Length) throw new ArgumentException("One m and u array per comparison is needed.");
        return new(Copy(m), Copy(u), Prior, SwapPenalty, IdentifierKinds, GivenNameFrequencies, FamilyNameFrequencies, TermFrequencyRecords);
    }

    /// <summary>
    /// Counts how often each given and family name occurs in <paramref name="records"/> (the team's
    /// people, or both files being linked). An exact agreement then weighs log2(m / frequency).
    /// </summary>
    public MatchModel WithTermFrequencies(IEnumerable<MatchRecord> records)
    {
        var given = new Dictionary<string, int>(StringComparer.Ordinal);
        var family = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var r in records)
        {
            n++;
            var g = NameKey.For(r.GivenNames);
            var f = NameKey.For(r.FamilyName);
            if (g.Length > 0) given[g] = given.GetValueOrDefault(g) + 1;
            if (f.Length > 0) family[f] = family.GetValueOrDefault(f) + 1;
        }
        return WithNameCounts(given, family, n);
    }

    /// <summary>
    /// Term frequencies from name counts made elsewhere (a database's GROUP BY over a team's name keys,
    /// keyed by <see cref="NameKey.For"/>), over <paramref name="records"/> people.
    /// </summary>
    public MatchModel WithNameCounts(IReadOnlyDictionary<string, int> given, IReadOnlyDictionary<string, int> family, int records)
    {
        static FrozenDictionary<string, double> Freq(IReadOnlyDictionary<string, int> counts)
        {
            double total = counts.Where(kv => kv.Key.Length > 0).Sum(kv => kv.Value);
            return counts.Where(kv => kv.Key.Length > 0).ToFrozenDictionary(kv => kv.Key, kv => kv.Value / total, StringComparer.Ordinal);
        }
        return new(_m, _u, Prior, SwapPenalty, IdentifierKinds, Freq(given), Freq(family), records);
    }

    internal double[][] CopyM() => Copy(_m);
    internal double[][] CopyU() => Copy(_u);

    private static double[][] Copy(double[][] a) => a.Select(x => (double[])x.Clone()).ToArray();

    /// <summary>A table of every comparison level's m, u and weight, for logs and the evaluation report.</summary>
    public string Describe()
    {
        var ic = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ic, $"prior {Prior:0.######e+0} ({PriorWeight:0.00} bits); name frequencies from {TermFrequencyRecords:N0} records").AppendLine();
        for (var c = 0; c < ComparisonCount; c++)
        {
            var levels = Levels.Of(FieldOf(c));
            sb.Append(ic, $"  {ComparisonName(c),-14}");
            for (var l = 1; l < LevelCount(c); l++)
                sb.Append(ic, $" {levels[l].Code} m={M(c, l):0.####} u={U(c, l):0.#####e+0} w={Weight(c, l):0.0};");
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
