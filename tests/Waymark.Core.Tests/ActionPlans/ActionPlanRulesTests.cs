using Waymark.ActionPlans;

namespace Waymark.Core.Tests.ActionPlans;

/// <summary>The action plan's rules on their own: what a goal, step and review must have, reviews due, steps overdue, a goal's status.</summary>
public class ActionPlanRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void A_goal_needs_the_persons_words_and_both_fields_have_limits()
    {
        Assert.Equal(["InTheirWords"], new GoalInput("  ", null).Validate().Select(p => p.Field));
        Assert.Equal(["InTheirWords", "WhyItMatters"], new GoalInput(new string('a', 501), new string('b', 1001)).Validate().Select(p => p.Field));
        Assert.Empty(new GoalInput("I want to find somewhere to live", null).Validate());
        Assert.Null(new GoalInput("x", "  ").WhyToStore);
    }

    [Fact]
    public void A_step_says_what_and_who_a_worker_or_someone_else_must_be_named_and_a_new_date_is_not_in_the_past()
    {
        Assert.Equal(["What", "Who"], new StepInput(null, null, null, null, null).Validate().Select(p => p.Field));
        Assert.Equal(["WorkerUserId"], new StepInput("Call the council", StepOwner.Worker, " ", null, null).Validate().Select(p => p.Field));
        Assert.Equal(["SomeoneElse"], new StepInput("Call the council", StepOwner.SomeoneElse, null, "", null).Validate().Select(p => p.Field));
        Assert.Equal(["Who"], new StepInput("Call", (StepOwner)9, null, null, null).Validate().Select(p => p.Field));
        Assert.Empty(new StepInput("Go to the GP", StepOwner.Person, null, null, Today).Validate());

        var yesterday = new StepInput("Go to the GP", StepOwner.Person, null, null, Today.AddDays(-1));
        Assert.Equal(["DueOn"], yesterday.DateProblems(Today).Select(p => p.Field));
        // Changing a step whose date has passed, keeping that date, is allowed.
        Assert.Empty(yesterday.DateProblems(Today, unchanged: Today.AddDays(-1)));
        Assert.Empty(new StepInput("x", StepOwner.Person, null, null, Today).DateProblems(Today));
        Assert.Empty(new StepInput("x", StepOwner.Person, null, null, Today.AddYears(2)).DateProblems(Today));
        Assert.Equal(["DueOn"], new StepInput("x", StepOwner.Person, null, null, new DateOnly(2100, 1, 1)).DateProblems(Today).Select(p => p.Field));
    }

    [Fact]
    public void A_review_is_dated_today_or_earlier_not_before_the_plan_says_what_changed_and_sets_a_later_review()
    {
        var started = Today.AddDays(-10);
        Assert.Equal(["ReviewedOn", "Note", "NextReviewOn"], new ReviewInput(null, " ", null).Validate(Today, started).Select(p => p.Field));
        Assert.Equal(["ReviewedOn", "NextReviewOn"], new ReviewInput(Today.AddDays(1), "Got a flat", Today).Validate(Today, started).Select(p => p.Field));
        Assert.Equal(["ReviewedOn"], new ReviewInput(started.AddDays(-1), "Got a flat", Today.AddDays(1)).Validate(Today, started).Select(p => p.Field));
        Assert.Empty(new ReviewInput(Today, "Got a flat", Today.AddDays(1)).Validate(Today, started));
        Assert.Empty(ReviewInput.NextReviewProblems(Today.AddYears(1), Today));
        Assert.Equal(["NextReviewOn"], ReviewInput.NextReviewProblems(new DateOnly(2100, 1, 1), Today).Select(p => p.Field));
    }

    [Fact]
    public void A_review_is_due_and_a_step_overdue_only_once_their_date_has_passed()
    {
        Assert.False(new ActionPlan { CreatedByUserId = "u" }.ReviewDue(Today));
        Assert.False(new ActionPlan { CreatedByUserId = "u", NextReviewOn = Today }.ReviewDue(Today));
        Assert.True(new ActionPlan { CreatedByUserId = "u", NextReviewOn = Today.AddDays(-1) }.ReviewDue(Today));

        var step = new ActionPlanStep { AddedByUserId = "u", DueOn = Today.AddDays(-1) };
        Assert.True(step.Overdue(Today));
        Assert.False(new ActionPlanStep { AddedByUserId = "u", DueOn = Today }.Overdue(Today));
        Assert.False(new ActionPlanStep { AddedByUserId = "u" }.Overdue(Today));
        step.DoneAt = DateTimeOffset.UnixEpoch;
        Assert.False(step.Overdue(Today));
    }

    [Fact]
    public void A_goals_status_comes_from_who_and_when()
    {
        var goal = new ActionPlanGoal { AddedByUserId = "u" };
        Assert.Equal(GoalStatus.Active, goal.Status);
        goal.StoppedAt = DateTimeOffset.UnixEpoch;
        Assert.Equal(GoalStatus.NoLongerWanted, goal.Status);
        Assert.Equal(GoalStatus.Achieved, new ActionPlanGoal { AddedByUserId = "u", AchievedAt = DateTimeOffset.UnixEpoch }.Status);
    }
}
