using Waymark.Persistence;

namespace Waymark.Mentoring;

/// <summary>
/// A volunteer mentor paired with a person who has agreed to it (issue 14 item 6; docs/support.md "Volunteer mentors").
/// Made and ended by a team manager. While it is active (<see cref="EndedAt"/> null) the mentor sees the person's name,
/// the plans it shares, their own appointments with the person and their own mentoring contacts; nothing clinical.
/// A person has at most one active pairing per team (a unique index on (TeamId, PersonId) where EndedAt is null);
/// a mentor may have several mentees.
/// </summary>
public class MentoringPairing : IPersonHistory, IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    /// <summary>The mentee.</summary>
    public Guid PersonId { get; set; }
    /// <summary>The mentor: a member of the team with the Volunteer role.</summary>
    public required string MentorUserId { get; set; }
    /// <summary>The UK date the person agreed to have a mentor (required: a mentor is paired only with someone who has agreed).</summary>
    public DateOnly AgreedOn { get; set; }
    /// <summary>Whether the mentor sees the person's shared action plan.</summary>
    public bool SharesActionPlan { get; set; } = true;
    /// <summary>Whether the mentor sees the person's shared crisis plan.</summary>
    public bool SharesCrisisPlan { get; set; } = true;
    /// <summary>When the pairing was made (and the agreement recorded).</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>The team manager who made the pairing and recorded the person's agreement.</summary>
    public required string StartedByUserId { get; set; }
    /// <summary>When it ended; null while it is active.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedByUserId { get; set; }
    /// <summary>Why it ended (e.g. "Goals met", "The person asked to stop"). Up to 500 characters.</summary>
    public string? EndReason { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Whether the pairing is active (not ended).</summary>
    public bool IsActive => EndedAt is null;
}

/// <summary>A pairing step the rules refuse (a second active mentor, ending an ended pairing), with a message to act on.</summary>
public sealed class MentoringRuleException(string message) : DomainRuleException(message);
