using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.ActionPlans;

/// <summary>A goal with its steps, the first added first.</summary>
public sealed record GoalDetails(ActionPlanGoal Goal, IReadOnlyList<ActionPlanStep> Steps);

/// <summary>One action plan: its goals (active ones first, then in the order they were added) and its reviews (newest first).</summary>
public sealed record PlanDetails(ActionPlan Plan, IReadOnlyList<GoalDetails> Goals, IReadOnlyList<ActionPlanReview> Reviews)
{
    /// <summary>The goals still being worked on.</summary>
    public IEnumerable<GoalDetails> ActiveGoals => Goals.Where(g => g.Goal.Status == GoalStatus.Active);
}

/// <summary>
/// A person's action plans with the user's team (normally one; two after a merge of records that each had one) as the
/// pages show them.
/// </summary>
/// <param name="PersonId">The person.</param>
/// <param name="PersonName">Their full name.</param>
/// <param name="GivenName">Their given name (the easy-read copy speaks to them: "You will…", and the summary: "with Sam").</param>
/// <param name="Plans">The team's plans for them, the oldest first; empty when there is none yet.</param>
/// <param name="Names">Display names of every worker and recorder involved, by user id.</param>
/// <param name="Today">Today's UK date, against which steps are overdue and reviews due.</param>
public sealed record ActionPlanView(Guid PersonId, string PersonName, string GivenName, IReadOnlyList<PlanDetails> Plans,
    IReadOnlyDictionary<string, string> Names, DateOnly Today)
{
    /// <summary>The display name of <paramref name="userId"/>, or "unknown".</summary>
    public string NameOf(string? userId) => userId is not null && Names.TryGetValue(userId, out var n) ? n : "unknown";

    /// <summary>Who does <paramref name="step"/>: the person's given name, the worker's name, or the name typed.</summary>
    public string WhoDoes(ActionPlanStep step) => step.Who switch
    {
        StepOwner.Person => GivenName,
        StepOwner.Worker => NameOf(step.WorkerUserId),
        _ => step.SomeoneElse ?? "someone else",
    };

    /// <summary>The earliest next review date of the plans, or null when none is set.</summary>
    public DateOnly? NextReviewOn => Plans.Select(p => p.Plan.NextReviewOn).Where(d => d is not null).Min();

    /// <summary>Whether any plan's review date has passed.</summary>
    public bool ReviewDue => Plans.Any(p => p.Plan.ReviewDue(Today));

    /// <summary>Steps of active goals not yet done, those with a date first (earliest first), then the rest as added.</summary>
    public IEnumerable<ActionPlanStep> StepsToDo => Plans.SelectMany(p => p.ActiveGoals).SelectMany(g => g.Steps)
        .Where(s => s.DoneAt is null).OrderBy(s => s.DueOn is null).ThenBy(s => s.DueOn).ThenBy(s => s.AddedAt);
}

/// <summary>
/// Action plans (issue 14 item 1; docs/support.md "Action plans"): a person's plan with the team, goals in their own
/// words, steps with who does what by when, and reviews that set the next review date. Thin orchestration (ADR 4):
/// validate with every problem, load through the team filter and the team's own rows, change with its audit event,
/// save with the version check (ADR 7). The person must be known to the team; no open episode is needed (the plan is
/// kept across episodes).
/// </summary>
public class ActionPlanService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Longest reason a goal is no longer wanted: 500 characters.</summary>
    public const int MaxStoppedReason = 500;

    /// <summary>What a user is told when someone else changed the same thing first.</summary>
    public const string ConflictMessage = "Someone else changed this action plan while you were working on it. Nothing has been saved: look at the plan as it is now and try again.";
    private const string GoalEnded = "This goal has been marked as achieved or no longer wanted, so it cannot be changed.";
    private const string StepDone = "This step has already been marked as done.";

    private Guid TeamId => user.TeamId ?? throw new InvalidOperationException("Action plans are written by a member of a team.");

    /// <summary>The person's plans with the team, with goals, steps, reviews and names (six small queries); null when the team cannot see the person.</summary>
    public async Task<ActionPlanView?> ViewAsync(Guid personId, CancellationToken ct = default)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.GivenName, p.FamilyName }).FirstOrDefaultAsync(ct);
        if (person is null) return null;
        var teamId = TeamId;
        var plans = await db.Set<ActionPlan>().AsNoTracking().Where(p => p.PersonId == personId && p.TeamId == teamId).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var goals = plans.Count == 0 ? [] : await db.Set<ActionPlanGoal>().AsNoTracking().Where(g => g.PersonId == personId && g.TeamId == teamId).ToListAsync(ct);
        var steps = goals.Count == 0 ? [] : await db.Set<ActionPlanStep>().AsNoTracking().Where(s => s.PersonId == personId && s.TeamId == teamId).ToListAsync(ct);
        var reviews = plans.Count == 0 ? [] : await db.Set<ActionPlanReview>().AsNoTracking().Where(r => r.PersonId == personId && r.TeamId == teamId).ToListAsync(ct);
        var names = await db.DisplayNamesAsync(
            plans.SelectMany(p => new[] { p.CreatedByUserId, p.ChangedByUserId })
                .Concat(goals.SelectMany(g => new[] { g.AddedByUserId, g.ChangedByUserId, g.AchievedByUserId, g.StoppedByUserId }))
                .Concat(steps.SelectMany(s => new[] { s.WorkerUserId, s.AddedByUserId, s.ChangedByUserId, s.DoneByUserId }))
                .Concat(reviews.Select(r => r.ReviewedByUserId)), ct);
        var details = plans.Select(p => new PlanDetails(p,
            goals.Where(g => g.ActionPlanId == p.Id).OrderBy(g => g.Status != GoalStatus.Active).ThenBy(g => g.AddedAt)
                .Select(g => new GoalDetails(g, steps.Where(s => s.GoalId == g.Id).OrderBy(s => s.AddedAt).ToList())).ToList(),
            reviews.Where(r => r.ActionPlanId == p.Id).OrderByDescending(r => r.ReviewedOn).ThenByDescending(r => r.RecordedAt).ToList())).ToList();
        return new ActionPlanView(personId, PersonNames.Full(person.GivenName, person.FamilyName), person.GivenName, details, names, UkTime.Today(clock));
    }

    /// <summary>The person's full name when the team can see them; null otherwise.</summary>
    public Task<string?> PersonNameAsync(Guid personId, CancellationToken ct = default) =>
        PersonNames.FullAsync(db, personId, ct);

    /// <summary>The team members who can do a step (the team's case workers), by name.</summary>
    public Task<IReadOnlyList<(string UserId, string Name)>> WorkersAsync(CancellationToken ct = default) =>
        Caseload.Capacity.CaseWorkerNamesAsync(db, TeamId, ct);

    /// <summary>
    /// Adds a goal to the person's plan with the team, starting the plan when there is none (into
    /// <paramref name="planId"/> when given: one of the person's plans after a merge).
    /// </summary>
    /// <returns>The new goal.</returns>
    /// <exception cref="KeyNotFoundException">No such person the team can see, or no such plan of theirs.</exception>
    /// <exception cref="ValidationFailedException">The input has problems (all of them are listed).</exception>
    public async Task<ActionPlanGoal> AddGoalAsync(Guid personId, GoalInput input, Guid? planId = null, CancellationToken ct = default)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct)) throw new KeyNotFoundException("Person not found.");
        ValidationFailedException.ThrowIfAny(input.Validate());
        var teamId = TeamId;
        var now = clock.GetUtcNow();
        var plans = db.Set<ActionPlan>().Where(p => p.PersonId == personId && p.TeamId == teamId);
        var plan = planId is { } id
            ? await plans.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new KeyNotFoundException("Action plan not found.")
            : await plans.OrderBy(p => p.CreatedAt).FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            plan = new ActionPlan { TeamId = teamId, PersonId = personId, CreatedAt = now, CreatedByUserId = user.UserId! };
            db.Add(plan);
            audit.Add(AuditAction.Created, nameof(ActionPlan), plan.Id.ToString(), personId, "Action plan started");
        }
        var goal = new ActionPlanGoal
        {
            TeamId = teamId, PersonId = personId, ActionPlanId = plan.Id, InTheirWords = input.WordsToStore, WhyItMatters = input.WhyToStore,
            AddedAt = now, AddedByUserId = user.UserId!,
        };
        db.Add(goal);
        // Coded words only: the audit trail carries no free text.
        audit.Add(AuditAction.Created, nameof(ActionPlanGoal), goal.Id.ToString(), personId, "Goal added");
        await db.SaveChangesAsync(ct);
        return goal;
    }

    /// <summary>One goal of the person's plan with the team, untracked; null when there is none.</summary>
    public Task<ActionPlanGoal?> GoalAsync(Guid personId, Guid goalId, CancellationToken ct = default)
    {
        var teamId = TeamId;
        return db.Set<ActionPlanGoal>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == goalId && g.PersonId == personId && g.TeamId == teamId, ct);
    }

    /// <summary>One step of the person's plan with the team, untracked; null when there is none.</summary>
    public Task<ActionPlanStep?> StepAsync(Guid personId, Guid stepId, CancellationToken ct = default)
    {
        var teamId = TeamId;
        return db.Set<ActionPlanStep>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == stepId && s.PersonId == personId && s.TeamId == teamId, ct);
    }

    /// <summary>One of the person's plans with the team, untracked (the first when <paramref name="planId"/> is null); null when there is none.</summary>
    public Task<ActionPlan?> PlanAsync(Guid personId, Guid? planId = null, CancellationToken ct = default)
    {
        var teamId = TeamId;
        var plans = db.Set<ActionPlan>().AsNoTracking().Where(p => p.PersonId == personId && p.TeamId == teamId);
        return planId is { } id ? plans.FirstOrDefaultAsync(p => p.Id == id, ct) : plans.OrderBy(p => p.CreatedAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>Changes a goal's words, over the version the user loaded.</summary>
    /// <exception cref="KeyNotFoundException">No such goal of the person's with the team.</exception>
    /// <exception cref="ActionPlanRuleException">The goal has ended (achieved or no longer wanted).</exception>
    /// <exception cref="ValidationFailedException">The input has problems (all of them are listed).</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed the goal first.</exception>
    public async Task ChangeGoalAsync(Guid personId, Guid goalId, GoalInput input, Guid version, CancellationToken ct = default)
    {
        var goal = await TrackedGoalAsync(personId, goalId, ct);
        ValidationFailedException.ThrowIfAny(input.Validate());
        if (goal.Status != GoalStatus.Active) throw new ActionPlanRuleException(GoalEnded);
        db.ExpectVersion(goal, version);
        goal.InTheirWords = input.WordsToStore;
        goal.WhyItMatters = input.WhyToStore;
        goal.ChangedAt = clock.GetUtcNow();
        goal.ChangedByUserId = user.UserId;
        audit.Add(AuditAction.Updated, nameof(ActionPlanGoal), goal.Id.ToString(), personId, "Goal changed");
        await db.SaveOrConflictAsync(ConflictMessage, ct);
    }

    /// <summary>Marks a goal achieved, or no longer wanted (with an optional reason of up to <see cref="MaxStoppedReason"/> characters), over the version the user loaded.</summary>
    /// <exception cref="KeyNotFoundException">No such goal of the person's with the team.</exception>
    /// <exception cref="ActionPlanRuleException">The goal has already ended.</exception>
    /// <exception cref="ValidationFailedException">No ending chosen, or the reason is too long.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed the goal first.</exception>
    public async Task EndGoalAsync(Guid personId, Guid goalId, GoalEnding? ending, string? reason, Guid version, CancellationToken ct = default)
    {
        var goal = await TrackedGoalAsync(personId, goalId, ct);
        var problems = new List<(string, string)>();
        if (ending is null || !Enum.IsDefined(ending.Value)) problems.Add(("Ending", "Select whether the goal was achieved or is no longer wanted"));
        if (reason is { } r && r.Trim().Length > MaxStoppedReason) problems.Add(("Reason", $"The reason must be {MaxStoppedReason} characters or fewer"));
        ValidationFailedException.ThrowIfAny(problems);
        if (goal.Status != GoalStatus.Active) throw new ActionPlanRuleException(GoalEnded);
        db.ExpectVersion(goal, version);
        var now = clock.GetUtcNow();
        if (ending == GoalEnding.Achieved) { goal.AchievedAt = now; goal.AchievedByUserId = user.UserId; }
        else { goal.StoppedAt = now; goal.StoppedByUserId = user.UserId; goal.StoppedReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(); }
        audit.Add(AuditAction.Updated, nameof(ActionPlanGoal), goal.Id.ToString(), personId, ending == GoalEnding.Achieved ? "Goal achieved" : "Goal no longer wanted");
        await db.SaveOrConflictAsync(ConflictMessage, ct);
    }

    /// <summary>Every problem <paramref name="input"/> has for a step (its own, the worker's, its date's), without saving.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> StepProblemsAsync(StepInput input, DateOnly? unchangedDate = null, CancellationToken ct = default)
    {
        var problems = input.Validate().Concat(input.DateProblems(UkTime.Today(clock), unchangedDate)).ToList();
        // A worker posted is checked whoever is chosen to do it: an id that is not one of the team's case workers is refused, not ignored.
        if (!string.IsNullOrWhiteSpace(input.WorkerUserId))
        {
            var teamId = TeamId;
            var worker = input.WorkerUserId.Trim();
            if (!await Caseload.Capacity.IsCaseWorkerAsync(db, teamId, worker, ct))
                problems.Add((nameof(StepInput.WorkerUserId), "Select someone in your team who works with people"));
        }
        return problems;
    }

    /// <summary>Adds a step to an active goal of the person's plan.</summary>
    /// <returns>The new step.</returns>
    /// <exception cref="KeyNotFoundException">No such goal of the person's with the team.</exception>
    /// <exception cref="ActionPlanRuleException">The goal has ended.</exception>
    /// <exception cref="ValidationFailedException">The input has problems (all of them are listed).</exception>
    public async Task<ActionPlanStep> AddStepAsync(Guid personId, Guid goalId, StepInput input, CancellationToken ct = default)
    {
        var goal = await GoalAsync(personId, goalId, ct) ?? throw new KeyNotFoundException("Goal not found.");
        ValidationFailedException.ThrowIfAny(await StepProblemsAsync(input, null, ct));
        if (goal.Status != GoalStatus.Active) throw new ActionPlanRuleException(GoalEnded);
        var step = new ActionPlanStep
        {
            TeamId = goal.TeamId, PersonId = personId, ActionPlanId = goal.ActionPlanId, GoalId = goal.Id,
            AddedAt = clock.GetUtcNow(), AddedByUserId = user.UserId!,
        };
        Apply(step, input);
        db.Add(step);
        audit.Add(AuditAction.Created, nameof(ActionPlanStep), step.Id.ToString(), personId, "Step added");
        await db.SaveChangesAsync(ct);
        return step;
    }

    /// <summary>Changes a step not yet done, over the version the user loaded (an old date kept as it was is allowed).</summary>
    /// <exception cref="KeyNotFoundException">No such step of the person's with the team.</exception>
    /// <exception cref="ActionPlanRuleException">The step is done, or its goal has ended.</exception>
    /// <exception cref="ValidationFailedException">The input has problems (all of them are listed).</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed the step first.</exception>
    public async Task ChangeStepAsync(Guid personId, Guid stepId, StepInput input, Guid version, CancellationToken ct = default)
    {
        var step = await TrackedStepAsync(personId, stepId, ct);
        ValidationFailedException.ThrowIfAny(await StepProblemsAsync(input, step.DueOn, ct));
        await RefuseUnlessOpenAsync(step, ct);
        db.ExpectVersion(step, version);
        Apply(step, input);
        step.ChangedAt = clock.GetUtcNow();
        step.ChangedByUserId = user.UserId;
        audit.Add(AuditAction.Updated, nameof(ActionPlanStep), step.Id.ToString(), personId, "Step changed");
        await db.SaveOrConflictAsync(ConflictMessage, ct);
    }

    /// <summary>Marks a step done (now, by the user), over the version the user loaded.</summary>
    /// <exception cref="KeyNotFoundException">No such step of the person's with the team.</exception>
    /// <exception cref="ActionPlanRuleException">The step is already done, or its goal has ended.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed the step first.</exception>
    public async Task MarkStepDoneAsync(Guid personId, Guid stepId, Guid version, CancellationToken ct = default)
    {
        var step = await TrackedStepAsync(personId, stepId, ct);
        await RefuseUnlessOpenAsync(step, ct);
        db.ExpectVersion(step, version);
        step.DoneAt = clock.GetUtcNow();
        step.DoneByUserId = user.UserId;
        audit.Add(AuditAction.Updated, nameof(ActionPlanStep), step.Id.ToString(), personId, "Step done");
        await db.SaveOrConflictAsync(ConflictMessage, ct);
    }

    /// <summary>Every problem <paramref name="input"/> has as a review of <paramref name="plan"/>, without saving.</summary>
    public IReadOnlyList<(string Field, string Message)> ReviewProblems(ReviewInput input, ActionPlan? plan) =>
        input.Validate(UkTime.Today(clock), plan is null ? null : UkTime.DateOf(plan.CreatedAt)).ToList();

    /// <summary>Records a review of a plan and sets its next review date, over the plan's version the user loaded.</summary>
    /// <returns>The review.</returns>
    /// <exception cref="KeyNotFoundException">No such plan of the person's with the team.</exception>
    /// <exception cref="ValidationFailedException">The input has problems (all of them are listed).</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else reviewed the plan or changed its review date first.</exception>
    public async Task<ActionPlanReview> RecordReviewAsync(Guid personId, Guid planId, ReviewInput input, Guid version, CancellationToken ct = default)
    {
        var plan = await TrackedPlanAsync(personId, planId, ct);
        ValidationFailedException.ThrowIfAny(ReviewProblems(input, plan));
        db.ExpectVersion(plan, version);
        var now = clock.GetUtcNow();
        var review = new ActionPlanReview
        {
            TeamId = plan.TeamId, PersonId = personId, ActionPlanId = plan.Id, ReviewedOn = input.ReviewedOn!.Value,
            ReviewedByUserId = user.UserId!, RecordedAt = now, Note = input.Note!.Trim(), NextReviewOn = input.NextReviewOn!.Value,
        };
        plan.NextReviewOn = review.NextReviewOn;
        plan.ChangedAt = now;
        plan.ChangedByUserId = user.UserId;
        db.Add(review);
        audit.Add(AuditAction.Created, nameof(ActionPlanReview), review.Id.ToString(), personId, "Plan reviewed");
        await db.SaveOrConflictAsync(ConflictMessage, ct);
        return review;
    }

    /// <summary>Sets (or changes) the plan's next review date without a review, over the plan's version the user loaded.</summary>
    /// <exception cref="KeyNotFoundException">No such plan of the person's with the team.</exception>
    /// <exception cref="ValidationFailedException">No date, or not after today.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed the plan first.</exception>
    public async Task SetNextReviewAsync(Guid personId, Guid planId, DateOnly? next, Guid version, CancellationToken ct = default)
    {
        var plan = await TrackedPlanAsync(personId, planId, ct);
        ValidationFailedException.ThrowIfAny(ReviewInput.NextReviewProblems(next, UkTime.Today(clock)));
        db.ExpectVersion(plan, version);
        plan.NextReviewOn = next;
        plan.ChangedAt = clock.GetUtcNow();
        plan.ChangedByUserId = user.UserId;
        audit.Add(AuditAction.Updated, nameof(ActionPlan), plan.Id.ToString(), personId, "Review date set");
        await db.SaveOrConflictAsync(ConflictMessage, ct);
    }

    private static void Apply(ActionPlanStep step, StepInput input)
    {
        step.What = input.What!.Trim();
        step.Who = input.Who!.Value;
        step.WorkerUserId = input.Who == StepOwner.Worker ? input.WorkerUserId!.Trim() : null;
        step.SomeoneElse = input.Who == StepOwner.SomeoneElse ? input.SomeoneElse!.Trim() : null;
        step.DueOn = input.DueOn;
    }

    private async Task RefuseUnlessOpenAsync(ActionPlanStep step, CancellationToken ct)
    {
        if (step.DoneAt is not null) throw new ActionPlanRuleException(StepDone);
        var goal = await db.Set<ActionPlanGoal>().AsNoTracking().FirstAsync(g => g.Id == step.GoalId, ct);
        if (goal.Status != GoalStatus.Active) throw new ActionPlanRuleException(GoalEnded);
    }

    private async Task<ActionPlan> TrackedPlanAsync(Guid personId, Guid planId, CancellationToken ct)
    {
        var teamId = TeamId;
        return await db.Set<ActionPlan>().FirstOrDefaultAsync(p => p.Id == planId && p.PersonId == personId && p.TeamId == teamId, ct)
            ?? throw new KeyNotFoundException("Action plan not found.");
    }

    private async Task<ActionPlanGoal> TrackedGoalAsync(Guid personId, Guid goalId, CancellationToken ct)
    {
        var teamId = TeamId;
        return await db.Set<ActionPlanGoal>().FirstOrDefaultAsync(g => g.Id == goalId && g.PersonId == personId && g.TeamId == teamId, ct)
            ?? throw new KeyNotFoundException("Goal not found.");
    }

    private async Task<ActionPlanStep> TrackedStepAsync(Guid personId, Guid stepId, CancellationToken ct)
    {
        var teamId = TeamId;
        return await db.Set<ActionPlanStep>().FirstOrDefaultAsync(s => s.Id == stepId && s.PersonId == personId && s.TeamId == teamId, ct)
            ?? throw new KeyNotFoundException("Step not found.");
    }
}
