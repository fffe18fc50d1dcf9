using Waymark.ServiceDirectory;

namespace Waymark.Core.Tests.Unit;

/// <summary>Issue 11, item 11: a closing time before the opening time is the next morning, in UK local time.</summary>
public class OpeningHoursTests
{
    private static readonly TimeOnly Eight = new(8, 0), Twenty = new(20, 0), Midnight = TimeOnly.MinValue;

    private static OpeningTime Session(DayOfWeek day, int opens, int closes) =>
        new() { Day = day, Opens = new TimeOnly(opens, 0), Closes = new TimeOnly(closes % 24, 0) };

    [Theory]
    [InlineData(DayOfWeek.Monday, 19, 59, false)]
    [InlineData(DayOfWeek.Monday, 20, 0, true)]
    [InlineData(DayOfWeek.Monday, 23, 59, true)]
    [InlineData(DayOfWeek.Tuesday, 0, 0, true)]
    [InlineData(DayOfWeek.Tuesday, 2, 0, true)] // the example
    [InlineData(DayOfWeek.Tuesday, 7, 59, true)]
    [InlineData(DayOfWeek.Tuesday, 8, 0, false)]
    [InlineData(DayOfWeek.Tuesday, 21, 0, false)] // only Monday night
    [InlineData(DayOfWeek.Monday, 2, 0, false)] // Sunday night has no session
    public void A_night_shelter_open_monday_20_to_08_is_open_until_tuesday_morning(DayOfWeek day, int hour, int minute, bool open) =>
        Assert.Equal(open, OpeningHours.Covers(DayOfWeek.Monday, Twenty, Eight, day, new TimeOnly(hour, minute)));

    [Fact]
    public void Saturday_night_runs_into_sunday_morning()
    {
        Assert.True(OpeningHours.Covers(DayOfWeek.Saturday, new TimeOnly(22, 0), new TimeOnly(6, 0), DayOfWeek.Sunday, new TimeOnly(3, 0)));
        Assert.False(OpeningHours.Covers(DayOfWeek.Saturday, new TimeOnly(22, 0), new TimeOnly(6, 0), DayOfWeek.Monday, new TimeOnly(3, 0)));
    }

    [Fact]
    public void Closing_at_midnight_ends_the_day_and_00_00_to_00_00_is_the_whole_day()
    {
        Assert.True(OpeningHours.Covers(DayOfWeek.Friday, new TimeOnly(18, 0), Midnight, DayOfWeek.Friday, new TimeOnly(23, 59)));
        Assert.False(OpeningHours.Covers(DayOfWeek.Friday, new TimeOnly(18, 0), Midnight, DayOfWeek.Saturday, new TimeOnly(0, 0)));
        Assert.True(OpeningHours.Covers(DayOfWeek.Friday, Midnight, Midnight, DayOfWeek.Friday, new TimeOnly(0, 0)));
        Assert.True(OpeningHours.Covers(DayOfWeek.Friday, Midnight, Midnight, DayOfWeek.Friday, new TimeOnly(23, 59)));
        Assert.False(OpeningHours.Covers(DayOfWeek.Friday, Midnight, Midnight, DayOfWeek.Saturday, new TimeOnly(0, 0)));
        Assert.True(OpeningHours.IsAllDay(Midnight, Midnight));
    }

    [Fact]
    public void Equal_times_other_than_midnight_are_refused_and_overnight_is_accepted()
    {
        Assert.True(OpeningHours.IsValid(Twenty, Eight));
        Assert.True(OpeningHours.IsValid(Midnight, Midnight));
        Assert.False(OpeningHours.IsValid(new TimeOnly(9, 0), new TimeOnly(9, 0)));
        var input = new ServiceInput
        {
            NewOrganisation = new OrganisationInput(null, "Shelter Trust"), Name = "Night shelter", Needs = ["housing"],
            OpeningTimes = [new OpeningInput(null, DayOfWeek.Monday, Twenty, Eight, false), new OpeningInput(null, DayOfWeek.Sunday, Midnight, Midnight, false)],
        };
        Assert.Empty(input.Validate());
        var same = input with { OpeningTimes = [new OpeningInput(null, DayOfWeek.Monday, Eight, Eight, false)] };
        Assert.Equal([("OpeningTimes[0].Closes", "Session 1 (Monday): " + OpeningHours.SameTimesProblem)], same.Validate());
    }

    [Fact]
    public void Open_now_reads_the_instant_in_UK_local_time_across_midnight()
    {
        OpeningTime[] sessions = [Session(DayOfWeek.Monday, 20, 8)];
        // Tuesday 2 June 2026, 01:30 UTC is 02:30 BST: open.
        Assert.True(OpeningHours.IsOpenAt(sessions, new DateTimeOffset(2026, 6, 2, 1, 30, 0, TimeSpan.Zero)));
        // Tuesday 2 June 2026, 07:30 UTC is 08:30 BST: closed, though 07:30 would be open by UTC.
        Assert.False(OpeningHours.IsOpenAt(sessions, new DateTimeOffset(2026, 6, 2, 7, 30, 0, TimeSpan.Zero)));
        // Monday 1 June 2026, 19:30 UTC is 20:30 BST: open, though 19:30 would be closed by UTC.
        Assert.True(OpeningHours.IsOpenAt(sessions, new DateTimeOffset(2026, 6, 1, 19, 30, 0, TimeSpan.Zero)));
        // In winter (GMT) local time is UTC: Tuesday 3 March 2026, 07:59 UTC open, 08:00 closed.
        Assert.True(OpeningHours.IsOpenAt(sessions, new DateTimeOffset(2026, 3, 3, 7, 59, 0, TimeSpan.Zero)));
        Assert.False(OpeningHours.IsOpenAt(sessions, new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero)));
    }
}
