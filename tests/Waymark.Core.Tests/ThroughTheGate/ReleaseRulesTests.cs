using Waymark.ThroughTheGate;

namespace Waymark.Core.Tests.ThroughTheGate;

/// <summary>The release-plan rules that need no database: the follow-up a calendar month after release, prison numbers, what is typed.</summary>
public class ReleaseRulesTests
{
    private static ReleasePlan Plan(DateOnly expected, DateOnly? released = null) =>
        new() { CreatedByUserId = "u", ExpectedReleaseOn = expected, ReleasedOn = released };

    [Theory]
    [InlineData("2027-01-31", "2027-02-28")] // no 31st in February: the month's last day
    [InlineData("2028-01-31", "2028-02-29")] // a leap year
    [InlineData("2027-01-30", "2027-02-28")]
    [InlineData("2027-03-31", "2027-04-30")]
    [InlineData("2027-12-15", "2028-01-15")] // across the year end
    [InlineData("2027-02-28", "2027-03-28")]
    public void The_follow_up_is_due_a_calendar_month_after_release_and_at_a_short_months_end_on_its_last_day(string released, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            ReleaseRules.FollowUpDue(Plan(new DateOnly(2027, 1, 1), DateOnly.Parse(released, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Until_the_release_is_recorded_the_follow_up_is_due_a_month_after_the_expected_date_and_then_after_the_actual_one()
    {
        var plan = Plan(new DateOnly(2027, 5, 10));
        plan.Refresh();
        Assert.Equal(new DateOnly(2027, 6, 10), plan.FollowUpDueOn);
        plan.ReleasedOn = new DateOnly(2027, 5, 3);
        plan.Refresh();
        Assert.Equal(new DateOnly(2027, 6, 3), plan.FollowUpDueOn);
    }

    [Fact]
    public void The_follow_up_is_due_from_its_due_date_not_the_day_before_and_not_once_done_or_cancelled()
    {
        var plan = Plan(new DateOnly(2027, 1, 31), new DateOnly(2027, 1, 31));
        Assert.False(ReleaseRules.FollowUpIsDue(plan, new DateOnly(2027, 2, 27)));
        Assert.True(ReleaseRules.FollowUpIsDue(plan, new DateOnly(2027, 2, 28)));
        Assert.True(ReleaseRules.FollowUpIsDue(plan, new DateOnly(2027, 3, 20)));
        plan.FollowUpDoneOn = new DateOnly(2027, 3, 1);
        Assert.False(ReleaseRules.FollowUpIsDue(plan, new DateOnly(2027, 3, 20)));
        var cancelled = Plan(new DateOnly(2027, 1, 31));
        cancelled.CancelledAt = DateTimeOffset.UnixEpoch;
        Assert.False(ReleaseRules.FollowUpIsDue(cancelled, new DateOnly(2027, 3, 20)));
    }

    [Theory]
    [InlineData("A1234BC", null)]
    [InlineData("a1234bc", null)]
    [InlineData(" A 1234 BC ", null)]
    [InlineData("", null)]
    [InlineData("1234ABC", "Enter the prison number like A1234BC: a letter, 4 numbers and 2 letters")]
    [InlineData("A123BC", "Enter the prison number like A1234BC: a letter, 4 numbers and 2 letters")]
    [InlineData("AB1234C", "Enter the prison number like A1234BC: a letter, 4 numbers and 2 letters")]
    [InlineData("A1234BCD", "Enter the prison number like A1234BC: a letter, 4 numbers and 2 letters")]
    public void A_prison_number_is_a_letter_four_numbers_and_two_letters_in_any_case_with_spaces(string typed, string? problem)
    {
        Assert.Equal(problem, ReleaseRules.PrisonNumberProblem(typed));
        if (problem is null && typed.Trim().Length > 0) Assert.Equal("A1234BC", ReleaseRules.NormalisePrisonNumber(typed));
    }

    [Fact]
    public void What_is_typed_is_read_with_every_problem_at_once()
    {
        var today = new DateOnly(2027, 3, 1);
        var (_, problems) = ReleaseRules.Read(new ReleasePlanInput("", "X1", today.AddYears(6), null, MeetBy: GateMeeter.SomeoneElse, MeetTime: "25:99"), today);
        Assert.Equal(["Prison", "PrisonNumber", "ExpectedReleaseOn", "ReleaseType", "MeetOtherName", "MeetTime", "MeetPlace"], problems.Select(p => p.Field).ToList());
        var (time, none) = ReleaseRules.Read(new ReleasePlanInput("HMP Northshire", null, today, ReleaseType.EndOfSentence, MeetBy: GateMeeter.Worker,
            MeetWorkerUserId: "w", MeetTime: "8.30am", MeetPlace: "Gate"), today);
        Assert.Empty(none);
        Assert.Equal(new TimeOnly(8, 30), time);
        Assert.Single(ReleaseRules.Read(new ReleasePlanInput("HMP", null, today.AddDays(-ReleaseRules.DaysBehind - 1), ReleaseType.Other), today).Problems);
    }
}
