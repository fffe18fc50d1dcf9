using Waymark.Persistence;

namespace Waymark.Retention;

/// <summary>
/// A legal hold on a person's records: while it stands (placed and not lifted) no retention run destroys them, whatever
/// their due date. Placed by a team manager (<see cref="Access.Permission.PlaceLegalHold"/>) with a reason, e.g. a claim,
/// an inquiry or a request from the police or the courts; lifted the same way. Who-and-when fields, status derived (ADR 4).
/// </summary>
public class LegalHold : IPersonHistory
{
    /// <summary>Its id.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The person whose records are held.</summary>
    public Guid PersonId { get; set; }
    /// <summary>The team whose manager placed it.</summary>
    public Guid TeamId { get; set; }
    /// <summary>Why the records must be kept (1–500 characters).</summary>
    public required string Reason { get; set; }
    /// <summary>When it was placed.</summary>
    public DateTimeOffset PlacedAt { get; set; }
    /// <summary>Who placed it (user id).</summary>
    public required string PlacedByUserId { get; set; }
    /// <summary>When it was lifted; null while it stands.</summary>
    public DateTimeOffset? LiftedAt { get; set; }
    /// <summary>Who lifted it (user id).</summary>
    public string? LiftedByUserId { get; set; }
    /// <summary>Why it was lifted (1–500 characters).</summary>
    public string? LiftReason { get; set; }

    /// <summary>Whether it stands: placed and not lifted.</summary>
    public bool Stands => LiftedAt is null;

    /// <summary>Lifts the hold.</summary>
    /// <exception cref="ValidationFailedException">No reason given, or it is too long.</exception>
    /// <exception cref="DomainRuleException">It was lifted already.</exception>
    public void Lift(string userId, string? reason, DateTimeOffset at)
    {
        if (!Stands) throw new LegalHoldRuleException("This legal hold has already been lifted.");
        LiftReason = LegalHolds.CheckReason(reason, "LiftReason", "Enter why the legal hold is being lifted");
        (LiftedAt, LiftedByUserId) = (at, userId);
    }
}

/// <summary>A legal hold step that is not allowed (lifting one already lifted).</summary>
public sealed class LegalHoldRuleException(string message) : DomainRuleException(message);

/// <summary>
/// One line of the destruction log: proof that a person's records were destroyed, and under which rule, without keeping
/// personal data — no name, date of birth, identifier, due date (it could give away a birthday) or free text. The
/// person is named only by a keyed hash of their id (<see cref="RecordsDestruction.PseudonymOf"/>), so someone holding
/// the id (e.g. from a backup, or a request naming them) and the key can confirm the destruction; nobody can go back
/// from the hash to the person.
/// </summary>
[NotTeamScoped("The organisation's record of destruction, across teams, for administrators (Permission.ManageRetention); holds no personal data.")]
public class DestructionLogEntry
{
    /// <summary>Its id.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The run that destroyed the records (every line of one run shares it).</summary>
    public Guid RunId { get; set; }
    /// <summary>When the person's rows were deleted.</summary>
    public DateTimeOffset DestroyedAt { get; set; }
    /// <summary>The rule under which they were due.</summary>
    public RetentionRule Rule { get; set; }
    /// <summary>HMAC-SHA256 of the person's id (hex, 64 characters).</summary>
    public required string PersonHash { get; set; }
    /// <summary>Rows deleted per kind ("Episode" → 2), as JSON; the person row itself is "Person".</summary>
    public required string CountsJson { get; set; }
    /// <summary>Who started the run (a user id, "cli" or the schedule).</summary>
    public required string StartedBy { get; set; }
}

/// <summary>The key of the destruction log's keyed hash, made at random once when <see cref="RetentionOptions.PseudonymKey"/> is not set.</summary>
[NotTeamScoped("One key for the whole database; never shown.")]
public class RetentionKey
{
    /// <summary>Always 1: there is one key.</summary>
    public int Id { get; set; } = 1;
    /// <summary>32 random bytes.</summary>
    public required byte[] Key { get; set; }
}
