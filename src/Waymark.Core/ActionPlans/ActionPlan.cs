using Waymark.Persistence;

namespace Waymark.ActionPlans;

/// <summary>
/// A person's action plan with one team, written with them and shared with them (docs/support.md "Action plans"): their
/// goals in their own words, the steps towards each, and reviews. One per person per team, kept across episodes (it is
/// not closed by a discharge). After a merge of two records a person may have two (both move; the pages show both).
/// The plan-level fields (the next review date) are versioned: two editors conflict.
/// </summary>
public class ActionPlan : IPersonHistory, IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }
    /// <summary>The UK date the plan is next to be looked at with the person; null until one is set.</summary>
    public DateOnly? NextReviewOn { get; set; }
    /// <summary>When the plan-level fields last changed (the review date), or null when never.</summary>
    public DateTimeOffset? ChangedAt { get; set; }
    public string? ChangedByUserId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Whether a review is due: the next review date has passed (it is before <paramref name="today"/>, a UK date).</summary>
    public bool ReviewDue(DateOnly today) => NextReviewOn is { } on && on < today;
}

/// <summary>How a goal stands, derived from who-and-when fields (ADR 4).</summary>
public enum GoalStatus
{
    /// <summary>Still being worked on.</summary>
    Active,
    /// <summary>The person got there (<see cref="ActionPlanGoal.AchievedAt"/>).</summary>
    Achieved,
    /// <summary>The person no longer wants it (<see cref="ActionPlanGoal.StoppedAt"/>).</summary>
    NoLongerWanted,
}

/// <summary>A goal of an action plan, in the person's own words ("I want to find somewhere to live").</summary>
public class ActionPlanGoal : IPersonHistory, IVersioned
{
    /// <summary>Longest goal: 500 characters.</summary>
    public const int MaxWords = 500;
    /// <summary>Longest "why it matters": 1000 characters.</summary>
    public const int MaxWhy = 1000;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    public Guid ActionPlanId { get; set; }
    /// <summary>What the person wants, in their own words. Up to <see cref="MaxWords"/> characters.</summary>
    public string InTheirWords { get; set; } = "";
    /// <summary>Why it matters to them, in their words; optional. Up to <see cref="MaxWhy"/> characters.</summary>
    public string? WhyItMatters { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedByUserId { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public string? ChangedByUserId { get; set; }
    public DateTimeOffset? AchievedAt { get; set; }
    public string? AchievedByUserId { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public string? StoppedByUserId { get; set; }
    /// <summary>Why the person no longer wants it; optional. Up to 500 characters.</summary>
    public string? StoppedReason { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Active, achieved or no longer wanted.</summary>
    public GoalStatus Status => AchievedAt is not null ? GoalStatus.Achieved : StoppedAt is not null ? GoalStatus.NoLongerWanted : GoalStatus.Active;
}

/// <summary>Who does a step.</summary>
public enum StepOwner
{
    /// <summary>The person themselves.</summary>
    Person = 1,
    /// <summary>A named worker of the team (<see cref="ActionPlanStep.WorkerUserId"/>).</summary>
    Worker = 2,
    /// <summary>Someone else, named as typed (<see cref="ActionPlanStep.SomeoneElse"/>): a family member, a housing officer.</summary>
    SomeoneElse = 3,
}

/// <summary>A step towards a goal: what, who does it, by when, and when it was done and by whom.</summary>
public class ActionPlanStep : IPersonHistory, IVersioned
{
    /// <summary>Longest step: 500 characters.</summary>
    public const int MaxWhat = 500;
    /// <summary>Longest name of someone else: 200 characters.</summary>
    public const int MaxSomeoneElse = 200;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    public Guid ActionPlanId { get; set; }
    public Guid GoalId { get; set; }
    /// <summary>What will happen. Up to <see cref="MaxWhat"/> characters.</summary>
    public string What { get; set; } = "";
    public StepOwner Who { get; set; }
    /// <summary>The worker who does it when <see cref="Who"/> is <see cref="StepOwner.Worker"/>; null otherwise.</summary>
    public string? WorkerUserId { get; set; }
    /// <summary>Who does it when <see cref="Who"/> is <see cref="StepOwner.SomeoneElse"/>; null otherwise.</summary>
    public string? SomeoneElse { get; set; }
    /// <summary>The UK date it should be done by; null when there is none.</summary>
    public DateOnly? DueOn { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedByUserId { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public string? ChangedByUserId { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneByUserId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Whether it is not done and its date has passed (before <paramref name="today"/>, a UK date).</summary>
    public bool Overdue(DateOnly today) => DoneAt is null && DueOn is { } due && due < today;
}

/// <summary>A review of the plan with the person: when, by whom, what changed, and the next review date it set. Kept as written.</summary>
public class ActionPlanReview : IPersonHistory
{
    /// <summary>Longest note: 2000 characters.</summary>
    public const int MaxNote = 2000;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    public Guid ActionPlanId { get; set; }
    /// <summary>The UK date of the review.</summary>
    public DateOnly ReviewedOn { get; set; }
    public required string ReviewedByUserId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>What changed, what was agreed. Up to <see cref="MaxNote"/> characters.</summary>
    public string Note { get; set; } = "";
    /// <summary>The next review date it set (a UK date).</summary>
    public DateOnly NextReviewOn { get; set; }
}

/// <summary>A step the plan's rules refuse (a goal that has ended, a step already done).</summary>
public class ActionPlanRuleException(string message) : DomainRuleException(message);
