using Waymark.Supervision;

namespace Waymark.Core.Tests.Training;

/// <summary>
/// The supervision rule (../shared/seeds/001 "Supporting staff": every kind monthly): up to date until the same day of the
/// next month after the last session, overdue from the day after; none recorded is overdue. UK dates.
/// </summary>
public class SupervisionRuleTests
{
    [Theory]
    [InlineData("2026-01-15", "2026-02-15", true)]
    [InlineData("2026-01-15", "2026-02-16", false)]
    [InlineData("2026-01-31", "2026-02-28", true)]   // no 31 February: due on the month's last day
    [InlineData("2026-01-31", "2026-03-01", false)]
    [InlineData("2024-01-31", "2024-02-29", true)]   // leap year
    [InlineData("2026-03-29", "2026-04-29", true)]   // across the clocks going forward: dates, not hours
    [InlineData("2026-10-25", "2026-11-26", false)]
    [InlineData("2026-12-01", "2026-12-01", true)]   // held today
    public void Each_kind_is_due_a_month_after_the_last_session(string last, string today, bool upToDate)
    {
        foreach (var kind in SupervisionKinds.All)
            Assert.Equal(upToDate, SupervisionKinds.IsUpToDate(kind, DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void None_recorded_is_overdue_and_the_due_date_is_the_same_day_next_month()
    {
        Assert.False(SupervisionKinds.IsUpToDate(SupervisionKind.OneToOneAccredited, null, new DateOnly(2026, 12, 1)));
        Assert.Equal(new DateOnly(2026, 2, 28), SupervisionKinds.DueAfter(SupervisionKind.GroupSupervision, new DateOnly(2026, 1, 31)));
        Assert.Equal(["Reflective peer session", "Group supervision", "One-to-one with an accredited supervisor"], SupervisionKinds.All.Select(SupervisionKinds.Display).ToList());
    }
}
