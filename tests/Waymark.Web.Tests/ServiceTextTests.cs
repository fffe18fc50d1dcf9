using Waymark.ServiceDirectory;
using Waymark.Web.Pages.Directory;

namespace Waymark.Web.Tests;

/// <summary>Issue 11, item 11: how opening sessions read on the directory's pages.</summary>
public class ServiceTextTests
{
    [Theory]
    [InlineData(9, 0, 17, 30, false, false, "9am to 5:30pm")]
    [InlineData(20, 0, 8, 0, false, false, "8pm to 8am the next morning")]
    [InlineData(20, 0, 16, 0, false, false, "8pm to 4pm the next day")] // a walk-through found "4pm the next morning"
    [InlineData(20, 0, 8, 0, true, false, "8pm to 8am the next morning (drop-in)")]
    [InlineData(18, 0, 0, 0, false, false, "6pm to midnight")]
    [InlineData(0, 0, 0, 0, false, false, "Open 24 hours")]
    [InlineData(0, 0, 6, 0, false, false, "midnight to 6am")]
    [InlineData(20, 0, 8, 0, false, true, "until 8am (from the night before)")]
    public void A_session_reads_naturally_across_midnight(int oh, int om, int ch, int cm, bool dropIn, bool fromDayBefore, string expected) =>
        Assert.Equal(expected, ServiceText.Session(new OpeningSession(new TimeOnly(oh, om), new TimeOnly(ch, cm), dropIn, fromDayBefore)));
}
