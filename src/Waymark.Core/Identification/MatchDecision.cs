using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Identification;

public enum MatchVerdict
{
    /// <summary>"Yes, this is them."</summary>
    SamePerson = 1,
    /// <summary>Shown but not chosen: they picked someone else or said this is a new person.</summary>
    NotThisPerson = 2,
}

/// <summary>
/// A practitioner's answer to "do we know this person?" for one candidate they were shown. Keeps what
/// was typed (the draft is removed when the journey ends) so the pair can be compared again when the
/// team's matching model is re-estimated: confirmed pairs count as matches, the others as non-matches.
/// </summary>
public class MatchDecision : ITeamOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The identification journey it was made in (no foreign key: drafts are removed when finished).</summary>
    public Guid? DraftId { get; set; }

    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public Sex Sex { get; set; }
    public string? NhsNumber { get; set; }
    public string? PncId { get; set; }
    public string? Postcode { get; set; }

    public Guid PersonId { get; set; }
    /// <summary>1 for the top candidate.</summary>
    public int Rank { get; set; }
    /// <summary>The candidate's match weight in bits when shown.</summary>
    public double Weight { get; set; }
    public MatchVerdict Verdict { get; set; }

    public LookupRequest Request => new(GivenName, FamilyName, DateOfBirth, Sex, NhsNumber, PncId, Postcode);
}
