using Waymark.CriminalJustice;

namespace Waymark.Core.Tests.Unit.CriminalJustice;

/// <summary>The clock rule at its boundaries: near at 75%, due on the target day, breached the day after; UK days across the clock change.</summary>
public class ClockRuleTests
{
    private static readonly DateOnly Start = new(2026, 10, 1);

    [Theory]
    [InlineData(0, ClockState.Running)]
    [InlineData(20, ClockState.Running)]     // day 20 of 28: 71%
    [InlineData(21, ClockState.NearBreach)]  // day 21 of 28: exactly 75%
    [InlineData(28, ClockState.NearBreach)]  // the due day itself is not yet a breach
    [InlineData(29, ClockState.Breached)]
    public void A_running_28_day_transfer_clock_is_near_from_day_21_and_breached_after_day_28(int daysGone, ClockState expected) =>
        Assert.Equal(expected, ClockRule.Evaluate(Start, 28, null, Start.AddDays(daysGone)));

    [Fact]
    public void Near_rounds_up_so_a_short_target_is_not_near_too_early()
    {
        // 14 days (Bradley): 75% is 10.5 days, so near from day 11.
        Assert.Equal(Start.AddDays(11), ClockRule.NearOn(Start, 14));
        Assert.Equal(ClockState.Running, ClockRule.Evaluate(Start, 14, null, Start.AddDays(10)));
        Assert.Equal(ClockState.NearBreach, ClockRule.Evaluate(Start, 14, null, Start.AddDays(11)));
    }

    [Theory]
    [InlineData(27, ClockState.Met)]
    [InlineData(28, ClockState.Met)]
    [InlineData(29, ClockState.Breached)]
    public void A_stopped_clock_is_met_on_or_before_its_due_day_and_breached_after_it_whatever_today_is(int stoppedAfter, ClockState expected) =>
        Assert.Equal(expected, ClockRule.Evaluate(Start, 28, Start.AddDays(stoppedAfter), Start.AddDays(400)));

    [Fact]
    public void Days_are_UK_days_across_the_October_clock_change()
    {
        // Referred at 23:30 BST on 1 October (22:30 UTC): the UK day is 1 October, not 30 September or 2 October.
        var referredAt = new DateTimeOffset(2026, 10, 1, 22, 30, 0, TimeSpan.Zero);
        var startedOn = UkTime.DateOf(referredAt);
        Assert.Equal(new DateOnly(2026, 10, 1), startedOn);
        // The clocks go back on 25 October; the due date is still 28 calendar days on.
        Assert.Equal(new DateOnly(2026, 10, 29), ClockRule.DueOn(startedOn, 28));
        // 00:30 GMT on 30 October is the day after the due date in the UK: breached.
        var now = new DateTimeOffset(2026, 10, 30, 0, 30, 0, TimeSpan.Zero);
        Assert.Equal(ClockState.Breached, ClockRule.Evaluate(startedOn, 28, null, UkTime.DateOf(now)));
        // 23:30 GMT on 29 October: still the due date, near.
        Assert.Equal(ClockState.NearBreach, ClockRule.Evaluate(startedOn, 28, null, UkTime.DateOf(new DateTimeOffset(2026, 10, 29, 23, 30, 0, TimeSpan.Zero))));
    }

    [Fact]
    public void Days_are_UK_days_across_the_March_clock_change()
    {
        // 00:30 BST on 30 March 2026 is 23:30 UTC on 29 March: the UK day is the 30th.
        var at = new DateTimeOffset(2026, 3, 29, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 3, 30), UkTime.DateOf(at));
        Assert.Equal(ClockState.Breached, ClockRule.Evaluate(new DateOnly(2026, 3, 1), 28, null, UkTime.DateOf(at)));
    }

    [Theory]
    [InlineData(0, ClockState.Running)]
    [InlineData(44, ClockState.Running)]
    [InlineData(45, ClockState.NearBreach)]  // 45 of 60 minutes: 75%
    [InlineData(60, ClockState.NearBreach)]
    [InlineData(61, ClockState.Breached)]
    public void A_minute_clock_such_as_screening_to_an_immediate_assessment_follows_the_same_rule(int minutesGone, ClockState expected)
    {
        var screened = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, ClockRule.Evaluate(screened, TimeSpan.FromHours(1), null, screened.AddMinutes(minutesGone)));
    }

    [Fact]
    public void A_minute_clock_stopped_on_time_is_met_and_late_is_breached()
    {
        var screened = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(ClockState.Met, ClockRule.Evaluate(screened, TimeSpan.FromHours(1), screened.AddHours(1), screened.AddDays(3)));
        Assert.Equal(ClockState.Breached, ClockRule.Evaluate(screened, TimeSpan.FromHours(1), screened.AddMinutes(61), screened.AddDays(3)));
    }

    [Theory]
    [InlineData(0, 21, "TransferDays")]
    [InlineData(366, 21, "TransferDays")]
    [InlineData(28, 0, "MhtrDays")]
    [InlineData(28, null, "MhtrDays")]
    public void Targets_must_be_1_to_365_days(int? transfer, int? mhtr, string field) =>
        Assert.Equal([field], CriminalJusticeClockSettings.Validate(transfer, mhtr).Select(p => p.Field));

    [Fact]
    public void The_defaults_are_28_days_for_a_transfer_and_21_for_an_MHTR()
    {
        var s = new CriminalJusticeClockSettings();
        Assert.Equal((28, 21), (s.DaysFor(ClockKind.PrisonToHospitalTransfer), s.DaysFor(ClockKind.MhtrWait)));
        Assert.Empty(CriminalJusticeClockSettings.Validate(28, 21));
    }
}
