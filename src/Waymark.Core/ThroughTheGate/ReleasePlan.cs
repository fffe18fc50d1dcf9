using Waymark.Persistence;

namespace Waymark.ThroughTheGate;

/// <summary>How a person is released from prison. Stored as numbers: never renumber.</summary>
public enum ReleaseType
{
    /// <summary>At the end of their sentence (no licence).</summary>
    EndOfSentence = 1,
    /// <summary>On licence (supervised by probation).</summary>
    Licence = 2,
    /// <summary>On home detention curfew (an electronic tag).</summary>
    HomeDetentionCurfew = 3,
    /// <summary>Remand ended: released from remand, acquitted or bailed.</summary>
    RemandEnded = 4,
    /// <summary>Any other way (the notes say how).</summary>
    Other = 5,
}

/// <summary>Who meets the person at the prison gate on release day. Stored as numbers: never renumber.</summary>
public enum GateMeeter
{
    /// <summary>Nobody is planned to meet them.</summary>
    Nobody = 0,
    /// <summary>A member of the team (<see cref="ReleasePlan.MeetWorkerUserId"/>).</summary>
    Worker = 1,
    /// <summary>Someone else, named in <see cref="ReleasePlan.MeetOtherName"/> (a family member, a mentor, another service).</summary>
    SomeoneElse = 2,
}

/// <summary>
/// A plan for a person's release from prison ("through the gate", issue 14 item 4; ../shared/seeds/004 recommendation 6:
/// release is a time of crisis). Held by one team, linked to the person's open episode of that team when there is one.
/// Its steps are recorded with who and when (ADR 4): the release itself, a cancellation (not released, with why), and the
/// follow-up a month after release. The follow-up's due date is derived, never set by hand:
/// <see cref="ReleaseRules.FollowUpDue"/> of the release date (or the expected date until the release is recorded),
/// stored in <see cref="FollowUpDueOn"/> only so lists can use an index.
/// </summary>
public class ReleasePlan : IPersonHistory, IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The person's open episode of the team when the plan was made; null when they had none.</summary>
    public Guid? EpisodeId { get; set; }

    /// <summary>The prison, e.g. "HMP Northshire". Up to 200 characters.</summary>
    public string Prison { get; set; } = "";
    /// <summary>The prison number, normalised to upper case without spaces, e.g. "A1234BC" (<see cref="ReleaseRules.PrisonNumberProblem"/>); null when not known.</summary>
    public string? PrisonNumber { get; set; }
    /// <summary>The UK date they are expected to be released.</summary>
    public DateOnly ExpectedReleaseOn { get; set; }
    public ReleaseType ReleaseType { get; set; }
    /// <summary>Anything else the team needs to know (licence conditions to help with, where they will live). Up to 1000 characters.</summary>
    public string? Notes { get; set; }

    /// <summary>Who meets them at the gate.</summary>
    public GateMeeter MeetBy { get; set; }
    /// <summary>The team member who meets them, when <see cref="MeetBy"/> is <see cref="GateMeeter.Worker"/>.</summary>
    public string? MeetWorkerUserId { get; set; }
    /// <summary>Who else meets them, when <see cref="MeetBy"/> is <see cref="GateMeeter.SomeoneElse"/>, e.g. "Sister (Jo)". Up to 200 characters.</summary>
    public string? MeetOtherName { get; set; }
    /// <summary>The UK time of day on the release date they are met, as read by <see cref="TimeOfDay.Parse"/>; null when not yet known.</summary>
    public TimeOnly? MeetTime { get; set; }
    /// <summary>Where they are met, e.g. "Visitors' centre car park". Up to 200 characters.</summary>
    public string? MeetPlace { get; set; }
    /// <summary>How they get from the gate to where they need to be (car, bus fare, travel warrant). Up to 200 characters.</summary>
    public string? Transport { get; set; }
    /// <summary>What to bring to the gate (clothes, phone, ID, medication, money). Up to 500 characters.</summary>
    public string? WhatToBring { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedByUserId { get; set; }

    /// <summary>The UK date they were actually released; null until recorded.</summary>
    public DateOnly? ReleasedOn { get; set; }
    public DateTimeOffset? ReleaseRecordedAt { get; set; }
    public string? ReleaseRecordedByUserId { get; set; }

    /// <summary>When the plan was cancelled (not released: sentence extended, transferred, released early elsewhere).</summary>
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelledByUserId { get; set; }
    /// <summary>Why it was cancelled. Up to 500 characters.</summary>
    public string? CancelReason { get; set; }

    /// <summary>When the follow-up after release is due: always <see cref="ReleaseRules.FollowUpDue"/> of the plan (kept by <see cref="Refresh"/>).</summary>
    public DateOnly FollowUpDueOn { get; set; }
    /// <summary>The UK date the follow-up after release was done; null until recorded.</summary>
    public DateOnly? FollowUpDoneOn { get; set; }
    public DateTimeOffset? FollowUpRecordedAt { get; set; }
    public string? FollowUpRecordedByUserId { get; set; }
    /// <summary>How the follow-up went (how they are, what they still need). Up to 1000 characters.</summary>
    public string? FollowUpNote { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Neither released nor cancelled: still to happen.</summary>
    public bool IsOpen => ReleasedOn is null && CancelledAt is null;

    /// <summary>Whether someone is planned to meet them at the gate.</summary>
    public bool MeetsAtGate => MeetBy != GateMeeter.Nobody;

    /// <summary>Sets the derived <see cref="FollowUpDueOn"/> from the release (or expected) date; call after every change of either.</summary>
    public void Refresh() => FollowUpDueOn = ReleaseRules.FollowUpDue(this);
}
