using Waymark.People;

namespace Waymark.Identification;

/// <summary>What a practitioner knows about someone at intake.</summary>
public record LookupRequest(string? GivenName, string? FamilyName, DateOnly? DateOfBirth, Sex Sex,
    string? NhsNumber, string? PncId, string? Postcode);

public enum LookupOutcome { NoMatch, PotentialMatches, DefiniteMatch }

/// <summary>
/// One field's part in a candidate's score, in words a practitioner can check. <paramref name="Weight"/> is
/// in bits (positive: evidence they are the same person). A field missing on either side is not
/// <paramref name="Compared"/>: it neither agrees nor differs.
/// </summary>
public record MatchReason(string Field, bool Agrees, string Explanation, double Weight, bool Compared = true);

/// <summary>A known person who may be the one at intake; <paramref name="Score"/> is the match weight in bits.</summary>
public record MatchCandidate(PersonSummary Person, double Score, IReadOnlyList<MatchReason> Reasons)
{
    /// <summary>The probability that this is the same person, from the score.</summary>
    public double Probability { get; init; }
    /// <summary>Set when a valid identifier decided the match ("same valid NHS number") rather than the score.</summary>
    public string? DecidedBy { get; init; }
    /// <summary>Set when an identifier and the name and date of birth point at different people: what to check, in words.</summary>
    public string? Conflict { get; init; }
}

public record LookupResult(LookupOutcome Outcome, IReadOnlyList<MatchCandidate> Candidates);

/// <summary>
/// "Do we know this person?" Scoped to the current team's people: <see cref="ProbabilisticPersonLookup"/>
/// (identifiers first, then blocking keys in the database scored by the matching engine).
/// </summary>
public interface IPersonLookup
{
    Task<LookupResult> FindAsync(LookupRequest request, CancellationToken ct = default);
}
