using Waymark.People;

namespace Waymark.Identification;

/// <summary>What a practitioner knows about someone at intake.</summary>
public record LookupRequest(string? GivenName, string? FamilyName, DateOnly? DateOfBirth, Sex Sex,
    string? NhsNumber, string? PncId, string? Postcode);

public enum LookupOutcome { NoMatch, PotentialMatches, DefiniteMatch }

/// <summary>One field's part in a candidate's score, in words a practitioner can check.</summary>
public record MatchReason(string Field, bool Agrees, string Explanation, double Weight);

public record MatchCandidate(PersonSummary Person, double Score, IReadOnlyList<MatchReason> Reasons);

public record LookupResult(LookupOutcome Outcome, IReadOnlyList<MatchCandidate> Candidates);

/// <summary>
/// "Do we know this person?" Scoped to the current team's people. The foundation ships a
/// deterministic implementation; a probabilistic matching engine replaces it behind this interface.
/// </summary>
public interface IPersonLookup
{
    Task<LookupResult> FindAsync(LookupRequest request, CancellationToken ct = default);
}
