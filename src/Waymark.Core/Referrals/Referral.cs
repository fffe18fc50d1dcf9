using Waymark.Persistence;

namespace Waymark.Referrals;

/// <summary>A step in a referral's life, recorded as an event with who and when.</summary>
public enum ReferralStep
{
    Drafted = 1, Sent = 2, Acknowledged = 3, Accepted = 4, Declined = 5,
    AppointmentBooked = 6, Attended = 7, DidNotAttend = 8, Engaged = 9, Ended = 10,
}

/// <summary>Why a service said no: the evidence of where local services turn people away.</summary>
public enum DeclineReason
{
    BelowThreshold = 1, NotEligible = 2, NoCapacity = 3, DeclinedByPerson = 4, OutOfArea = 5,
    CouldNotContactPerson = 6, OffendingHistory = 7, SubstanceUse = 8, Other = 9,
}

public enum ReferralMethod { Phone = 1, SecureEmail = 2, OnlineForm = 3, Letter = 4, InPerson = 5, WarmHandover = 6 }

/// <summary>
/// An onward referral from an episode to a local service for one need. Its life is a list of
/// who-and-when <see cref="ReferralEvent"/>s; the status is derived from them (ADR 0004), never stored.
/// </summary>
public class Referral : IVersioned, IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }
    public Guid ServiceId { get; set; }
    /// <summary>The service's name when referred, so history reads right if the entry is renamed.</summary>
    public required string ServiceName { get; set; }
    /// <summary>The need addressed, as an assessment domain code.</summary>
    public required string Need { get; set; }
    public ReferralMethod Method { get; set; }
    /// <summary>A worker goes with the person or attends the first appointment ("connect, don't signpost").</summary>
    public bool Supported { get; set; }
    public string? SupportPlan { get; set; }
    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }
    public List<ReferralEvent> Events { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();

    public ReferralStep Status => ReferralLifecycle.StatusOf(Events);

}

[NotTeamScoped("Read through its referral, which is filtered.")]
public class ReferralEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReferralId { get; set; }
    /// <summary>1, 2, 3… in the order recorded; unique per referral.</summary>
    public int Sequence { get; set; }
    public ReferralStep Step { get; set; }
    /// <summary>When it happened (may be earlier than when it was recorded).</summary>
    public DateTimeOffset At { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string ByUserId { get; set; }
    public DeclineReason? DeclineReason { get; set; }
    /// <summary>For "appointment booked": when the appointment is.</summary>
    public DateTimeOffset? AppointmentAt { get; set; }
    public string? Note { get; set; }
}
