using Waymark.ActionPlans;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.ActionPlans;

/// <summary>Action plans added straight to the database for page tests.</summary>
internal static class ActionPlanData
{
    /// <summary>
    /// A plan of <paramref name="teamId"/> for the person, started yesterday by <paramref name="userId"/>, with one goal
    /// ("I want to find somewhere to live") and one step for the person ("Go to the housing office", due in a week).
    /// </summary>
    public static async Task<(ActionPlan Plan, ActionPlanGoal Goal, ActionPlanStep Step)> AddPlanAsync(this TestData data, Guid teamId, Guid personId, string userId,
        Action<ActionPlan>? plan = null, Action<ActionPlanStep>? step = null)
    {
        var now = DateTimeOffset.UtcNow;
        var p = new ActionPlan { TeamId = teamId, PersonId = personId, CreatedAt = now.AddDays(-1), CreatedByUserId = userId };
        plan?.Invoke(p);
        var g = new ActionPlanGoal
        {
            TeamId = teamId, PersonId = personId, ActionPlanId = p.Id, InTheirWords = "I want to find somewhere to live",
            WhyItMatters = "So my kids can stay", AddedAt = now.AddDays(-1), AddedByUserId = userId,
        };
        var s = new ActionPlanStep
        {
            TeamId = teamId, PersonId = personId, ActionPlanId = p.Id, GoalId = g.Id, What = "Go to the housing office", Who = StepOwner.Person,
            DueOn = UkTime.Today(TimeProvider.System).AddDays(7), AddedAt = now.AddDays(-1), AddedByUserId = userId,
        };
        step?.Invoke(s);
        await data.ChangeAsync(db => { db.AddRange(p, g, s); return Task.CompletedTask; });
        return (p, g, s);
    }
}
