using Waymark.ActionPlans;
using Waymark.Episodes;

namespace Waymark.Demo;

/// <summary>
/// Action plans for two demo people, so the plan, its printable and easy-read copies and the person page's summary have
/// something to show on first run: one with two goals (a step done, one overdue, one for someone else) and a review
/// due, one with a goal achieved and a review booked. Synthetic content only.
/// </summary>
public static class SyntheticActionPlans
{
    /// <summary>The rows to add for the people of <paramref name="episodes"/> (open episodes of the demo team; the first two are used).</summary>
    /// <param name="episodes">Open episodes of the demo team, in a stable order.</param>
    /// <param name="userId">The demo practitioner, who wrote the plans with the people and does some of the steps.</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<object> Demo(IReadOnlyList<Episode> episodes, string userId, DateTimeOffset now)
    {
        var today = UkTime.DateOf(now);
        if (episodes.Count > 0)
        {
            var e = episodes[0];
            var plan = new ActionPlan { TeamId = e.TeamId, PersonId = e.PersonId, CreatedAt = now.AddDays(-35), CreatedByUserId = userId, NextReviewOn = today.AddDays(-2) };
            var home = Goal(plan, "I want to find somewhere to live", "So my kids can come and stay", now.AddDays(-35), userId);
            var calm = Goal(plan, "I want to feel less wound up", null, now.AddDays(-35), userId);
            yield return plan;
            yield return home;
            yield return calm;
            yield return Step(home, "Fill in the housing form together", StepOwner.Worker, userId, null, today.AddDays(-20), now.AddDays(-35), userId, doneAt: now.AddDays(-21));
            yield return Step(home, "Call the council about a flat", StepOwner.Worker, userId, null, today.AddDays(-3), now.AddDays(-20), userId);
            yield return Step(home, "Ask about staying for a week", StepOwner.SomeoneElse, null, "Mum", today.AddDays(4), now.AddDays(-20), userId);
            yield return Step(calm, "Go to the Thursday walking group", StepOwner.Person, null, null, today.AddDays(2), now.AddDays(-35), userId);
            yield return new ActionPlanReview
            {
                TeamId = e.TeamId, PersonId = e.PersonId, ActionPlanId = plan.Id, ReviewedOn = today.AddDays(-30), ReviewedByUserId = userId,
                RecordedAt = now.AddDays(-30), Note = "Housing form sent. Wants to try the walking group.", NextReviewOn = today.AddDays(-2),
            };
        }
        if (episodes.Count > 1)
        {
            var e = episodes[1];
            var plan = new ActionPlan { TeamId = e.TeamId, PersonId = e.PersonId, CreatedAt = now.AddDays(-60), CreatedByUserId = userId, NextReviewOn = today.AddDays(12) };
            var id = Goal(plan, "I want to get my ID sorted", null, now.AddDays(-60), userId);
            id.AchievedAt = now.AddDays(-10);
            id.AchievedByUserId = userId;
            var work = Goal(plan, "I want to get back into work", "I miss having a reason to get up", now.AddDays(-10), userId);
            yield return plan;
            yield return id;
            yield return work;
            yield return Step(id, "Apply for a birth certificate", StepOwner.Person, null, null, today.AddDays(-30), now.AddDays(-60), userId, doneAt: now.AddDays(-25));
            yield return Step(work, "Meet the job coach at the library", StepOwner.Person, null, null, today.AddDays(6), now.AddDays(-10), userId);
            yield return new ActionPlanReview
            {
                TeamId = e.TeamId, PersonId = e.PersonId, ActionPlanId = plan.Id, ReviewedOn = today.AddDays(-10), ReviewedByUserId = userId,
                RecordedAt = now.AddDays(-10), Note = "ID done. New goal: work.", NextReviewOn = today.AddDays(12),
            };
        }
    }

    private static ActionPlanGoal Goal(ActionPlan plan, string words, string? why, DateTimeOffset at, string userId) => new()
    {
        TeamId = plan.TeamId, PersonId = plan.PersonId, ActionPlanId = plan.Id, InTheirWords = words, WhyItMatters = why, AddedAt = at, AddedByUserId = userId,
    };

    private static ActionPlanStep Step(ActionPlanGoal goal, string what, StepOwner who, string? worker, string? someoneElse, DateOnly? due,
        DateTimeOffset at, string userId, DateTimeOffset? doneAt = null) => new()
    {
        TeamId = goal.TeamId, PersonId = goal.PersonId, ActionPlanId = goal.ActionPlanId, GoalId = goal.Id, What = what, Who = who,
        WorkerUserId = worker, SomeoneElse = someoneElse, DueOn = due, AddedAt = at, AddedByUserId = userId,
        DoneAt = doneAt, DoneByUserId = doneAt is null ? null : userId,
    };
}
