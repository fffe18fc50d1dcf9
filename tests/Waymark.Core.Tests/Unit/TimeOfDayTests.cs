namespace Waymark.Core.Tests.Unit;

/// <summary>Times of day as people type them, read one way on every form (<see cref="TimeOfDay"/>).</summary>
public class TimeOfDayTests
{
    [Theory]
    [InlineData("14:30", 14, 30)]
    [InlineData("14.30", 14, 30)]
    [InlineData("1430", 14, 30)]
    [InlineData("9:30", 9, 30)]
    [InlineData("09:30", 9, 30)]
    [InlineData(" 02:40 ", 2, 40)]
    [InlineData("10am", 10, 0)]
    [InlineData("10 AM", 10, 0)]
    [InlineData("2:40am", 2, 40)]
    [InlineData("2.30 pm", 14, 30)]
    [InlineData("2.30p.m.", 14, 30)]
    [InlineData("12pm", 12, 0)]
    [InlineData("12:15am", 0, 15)]
    [InlineData("noon", 12, 0)]
    [InlineData("Midnight", 0, 0)]
    [InlineData("12 noon", 12, 0)]
    [InlineData("12noon", 12, 0)]
    [InlineData("12 Noon", 12, 0)]
    [InlineData("12:00 noon", 12, 0)]
    [InlineData("12 midday", 12, 0)]
    [InlineData("12 midnight", 0, 0)]
    [InlineData("12midnight", 0, 0)]
    [InlineData("00:00", 0, 0)]
    [InlineData("23:59", 23, 59)]
    public void Times_as_people_type_them_are_read(string typed, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), TimeOfDay.Parse(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("25:70")]
    [InlineData("24:00")]
    [InlineData("13pm")]
    [InlineData("0am")]
    [InlineData("10:60am")]
    [InlineData("10")]
    [InlineData("ten o'clock")]
    [InlineData("10:30:00:00")]
    [InlineData("1:5")]
    [InlineData("11 noon")]
    [InlineData("12:30 noon")]
    [InlineData("1 midnight")]
    public void What_is_not_a_time_is_refused(string? typed) => Assert.Null(TimeOfDay.Parse(typed));
}
