using System.Globalization;

namespace Waymark.Matching;

public enum MatchOutcome { NoMatch, PotentialMatches, DefiniteMatch }

/// <summary>A deterministic rule that decided a pair before any scoring.</summary>
public enum MatchRule { None, SameNhsNumber, SamePncId }

/// <summary>A pair's match weight in bits (prior included) and the deterministic rule that fired, if any.</summary>
public readonly record struct PairScore(double Weight, MatchRule Rule)
{
    /// <summary>P(same person) = 2^w / (1 + 2^w).</summary>
    public double Probability => MatchThresholds.ToProbability(Weight);
}

/// <summary>
/// Where the outcome changes, as probabilities that the two records are the same person. The
/// defaults are fixed, not tuned to a data set: 0.999 (about 10 bits) for a definite match, 0.05
/// (about −4.2 bits) to show a potential match to a practitioner.
/// </summary>
public sealed record MatchThresholds(double Definite = 0.999, double Potential = 0.05)
{
    public double DefiniteWeight => ToWeight(Definite);
    public double PotentialWeight => ToWeight(Potential);

    public static double ToWeight(double probability) => Math.Log2(probability / (1 - probability));
    public static double ToProbability(double weight) => weight > 60 ? 1 : weight < -60 ? 0 : 1 / (1 + Math.Pow(2, -weight));
}

/// <summary>One field's part in a score: the level chosen, its weight in bits, and why, in words.</summary>
public sealed record FieldContribution(string Field, string Level, double Weight, string Explanation)
{
    /// <summary>False for a field missing on one side, and for the line naming a deterministic rule: neither has a weight to show.</summary>
    public bool Compared => Level != "missing" && Field != "Rule";

    /// <summary>"Date of birth: day and month swapped (12/03/1985 vs 03/12/1985), +8.6".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Field}: {Explanation}{(Compared ? $", {Weight:+0.0;-0.0;0.0}" : "")}");
}

/// <summary>A candidate, with everything a practitioner needs to check the engine's reasoning.</summary>
public sealed record RankedMatch(MatchRecord Record, double Weight, double Probability, MatchRule Rule, MatchOutcome Outcome,
    IReadOnlyList<FieldContribution> Contributions);

public sealed record MatchResult(MatchOutcome Outcome, IReadOnlyList<RankedMatch> Candidates);
