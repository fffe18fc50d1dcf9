namespace Waymark.ActionPlans;

/// <summary>A goal as typed: in the person's own words, and optionally why it matters.</summary>
/// <param name="InTheirWords">Required; up to <see cref="ActionPlanGoal.MaxWords"/> characters.</param>
/// <param name="WhyItMatters">Optional; up to <see cref="ActionPlanGoal.MaxWhy"/> characters.</param>
public sealed record GoalInput(string? InTheirWords, string? WhyItMatters)
{
    /// <summary>Every problem the input has on its own, as (field, message).</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (string.IsNullOrWhiteSpace(InTheirWords)) yield return (nameof(InTheirWords), "Enter what the person wants, in their own words");
        else if (InTheirWords.Trim().Length > ActionPlanGoal.MaxWords) yield return (nameof(InTheirWords), $"What the person wants must be {ActionPlanGoal.MaxWords} characters or fewer");
        if (WhyItMatters is { } why && why.Trim().Length > ActionPlanGoal.MaxWhy) yield return (nameof(WhyItMatters), $"Why it matters must be {ActionPlanGoal.MaxWhy} characters or fewer");
    }

    /// <summary>The goal's words, trimmed.</summary>
    public string WordsToStore => InTheirWords?.Trim() ?? "";
    /// <summary>Why it matters, trimmed, or null when blank.</summary>
    public string? WhyToStore => string.IsNullOrWhiteSpace(WhyItMatters) ? null : WhyItMatters.Trim();
}

/// <summary>A step as typed.</summary>
/// <param name="What">Required; up to <see cref="ActionPlanStep.MaxWhat"/> characters.</param>
/// <param name="Who">Required: the person, a worker of the team, or someone else.</param>
/// <param name="WorkerUserId">Required when <paramref name="Who"/> is <see cref="StepOwner.Worker"/>: a case worker of the team (checked by the service).</param>
/// <param name="SomeoneElse">Required when <paramref name="Who"/> is <see cref="StepOwner.SomeoneElse"/>; up to <see cref="ActionPlanStep.MaxSomeoneElse"/> characters.</param>
/// <param name="DueOn">Optional UK date it should be done by; a new or changed date must not be before today (checked by the service).</param>
public sealed record StepInput(string? What, StepOwner? Who, string? WorkerUserId, string? SomeoneElse, DateOnly? DueOn)
{
    /// <summary>Every problem the input has on its own, as (field, message).</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (string.IsNullOrWhiteSpace(What)) yield return (nameof(What), "Enter what will happen");
        else if (What.Trim().Length > ActionPlanStep.MaxWhat) yield return (nameof(What), $"What will happen must be {ActionPlanStep.MaxWhat} characters or fewer");
        if (Who is null || !Enum.IsDefined(Who.Value)) yield return (nameof(Who), "Select who will do it");
        else if (Who == StepOwner.Worker && string.IsNullOrWhiteSpace(WorkerUserId)) yield return (nameof(WorkerUserId), "Select the worker who will do it");
        else if (Who == StepOwner.SomeoneElse && string.IsNullOrWhiteSpace(SomeoneElse)) yield return (nameof(SomeoneElse), "Enter who will do it");
        else if (Who == StepOwner.SomeoneElse && SomeoneElse!.Trim().Length > ActionPlanStep.MaxSomeoneElse)
            yield return (nameof(SomeoneElse), $"Who will do it must be {ActionPlanStep.MaxSomeoneElse} characters or fewer");
    }

    /// <summary>How far ahead a step's date may be: 2 years (a plan is reviewed long before; a date further off is a typing slip).</summary>
    public const int LatestYearsAhead = 2;

    /// <summary>The step's problems against today (a UK date): a new or changed date before today, or more than <see cref="LatestYearsAhead"/> years ahead, is refused.</summary>
    /// <param name="today">Today in the UK.</param>
    /// <param name="unchanged">The step's stored date when changing it (an old date kept as it was is allowed).</param>
    public IEnumerable<(string Field, string Message)> DateProblems(DateOnly today, DateOnly? unchanged = null)
    {
        if (DueOn is { } due && due < today && due != unchanged) yield return (nameof(DueOn), "The date it should be done by must be today or in the future");
        else if (DueOn is { } later && later > today.AddYears(LatestYearsAhead)) yield return (nameof(DueOn), $"The date it should be done by must be within {LatestYearsAhead} years of today");
    }
}

/// <summary>A review as typed.</summary>
/// <param name="ReviewedOn">Required UK date, not in the future and not before the plan was started.</param>
/// <param name="Note">What changed and what was agreed; required, up to <see cref="ActionPlanReview.MaxNote"/> characters.</param>
/// <param name="NextReviewOn">Required UK date after today.</param>
public sealed record ReviewInput(DateOnly? ReviewedOn, string? Note, DateOnly? NextReviewOn)
{
    /// <summary>Every problem the input has, against today and the UK date the plan was started (null for a plan not yet started).</summary>
    public IEnumerable<(string Field, string Message)> Validate(DateOnly today, DateOnly? planStarted)
    {
        if (ReviewedOn is null) yield return (nameof(ReviewedOn), "Enter the date of the review");
        else if (ReviewedOn > today) yield return (nameof(ReviewedOn), "The date of the review must be today or in the past");
        else if (planStarted is { } started && ReviewedOn < started) yield return (nameof(ReviewedOn), $"The date of the review must be on or after the day the plan was started");
        if (string.IsNullOrWhiteSpace(Note)) yield return (nameof(Note), "Enter what changed or was agreed at the review");
        else if (Note.Trim().Length > ActionPlanReview.MaxNote) yield return (nameof(Note), $"What changed must be {ActionPlanReview.MaxNote} characters or fewer");
        foreach (var p in NextReviewProblems(NextReviewOn, today)) yield return p;
    }

    /// <summary>How far ahead the next review may be: 1 year (plans are looked at again at least yearly).</summary>
    public const int LatestYearsAhead = 1;

    /// <summary>The one rule for a next review date: required, after today and at most <see cref="LatestYearsAhead"/> year ahead (UK dates).</summary>
    public static IEnumerable<(string Field, string Message)> NextReviewProblems(DateOnly? next, DateOnly today)
    {
        if (next is null) yield return (nameof(NextReviewOn), "Enter the date of the next review");
        else if (next <= today) yield return (nameof(NextReviewOn), "The next review must be after today");
        else if (next > today.AddYears(LatestYearsAhead)) yield return (nameof(NextReviewOn), "The next review must be within a year of today");
    }
}

/// <summary>How a goal ends.</summary>
public enum GoalEnding
{
    /// <summary>The person got there.</summary>
    Achieved = 1,
    /// <summary>The person no longer wants it.</summary>
    NoLongerWanted = 2,
}
