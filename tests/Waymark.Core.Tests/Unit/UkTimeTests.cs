namespace Waymark.Core.Tests.Unit;

/// <summary>UK local time through NodaTime's Europe/London, including both 2026 clock changes.</summary>
public class UkTimeTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Fact]
    public void Half_past_one_on_25_October_2026_happened_twice_first_in_BST_then_in_GMT()
    {
        var meaning = UkTime.Resolve(new DateOnly(2026, 10, 25), new TimeOnly(1, 30));

        Assert.True(meaning.Ambiguous);
        Assert.Equal([Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 25, 1, 30)], meaning.Instants);
        Assert.Equal("BST", UkTime.ZoneName(meaning.Instants[0]));
        Assert.Equal("GMT", UkTime.ZoneName(meaning.Instants[1]));
    }

    [Fact]
    public void Half_past_one_on_29_March_2026_did_not_happen()
    {
        Assert.True(UkTime.Resolve(new DateOnly(2026, 3, 29), new TimeOnly(1, 30)).Skipped);
        Assert.True(UkTime.Resolve(new DateOnly(2026, 3, 29), new TimeOnly(1, 0)).Skipped);
        Assert.Equal([Utc(2026, 3, 29, 0, 59)], UkTime.Resolve(new DateOnly(2026, 3, 29), new TimeOnly(0, 59)).Instants);
        Assert.Equal([Utc(2026, 3, 29, 1, 0)], UkTime.Resolve(new DateOnly(2026, 3, 29), new TimeOnly(2, 0)).Instants);
    }

    [Fact]
    public void A_typed_ambiguous_time_needs_a_choice_and_the_choice_decides_the_instant()
    {
        var day = new DateOnly(2026, 10, 25);
        var unchosen = UkTime.ReadTyped(day, new TimeOnly(1, 30), null, "Time identified");
        Assert.True(unchosen.Ambiguous);
        Assert.Null(unchosen.At);
        Assert.Contains("01:30 BST (the first) or 01:30 GMT (the second)", unchosen.Error);

        Assert.Equal(Utc(2026, 10, 25, 0, 30), UkTime.ReadTyped(day, new TimeOnly(1, 30), "BST", "Time identified").At);
        Assert.Equal(Utc(2026, 10, 25, 1, 30), UkTime.ReadTyped(day, new TimeOnly(1, 30), "gmt", "Time identified").At);
        Assert.True(UkTime.ReadTyped(day, new TimeOnly(1, 30), "CET", "Time identified").Ambiguous);
        // Either side of the repeated hour there is one meaning, and a stray choice is ignored.
        Assert.Equal(Utc(2026, 10, 24, 23, 59), UkTime.ReadTyped(day, new TimeOnly(0, 59), "GMT", "Time identified").At);
        Assert.Equal(Utc(2026, 10, 25, 2, 0), UkTime.ReadTyped(day, new TimeOnly(2, 0), "BST", "Time identified").At);
    }

    [Fact]
    public void A_typed_time_that_was_skipped_is_refused_with_a_clear_error()
    {
        var read = UkTime.ReadTyped(new DateOnly(2026, 3, 29), new TimeOnly(1, 30), "GMT", "Time identified");
        Assert.Null(read.At);
        Assert.False(read.Ambiguous);
        Assert.Equal("Time identified 01:30 on 29/03/2026 did not happen in the UK: the clocks went forward from 01:00 GMT to 02:00 BST. Enter a time before 01:00 or from 02:00", read.Error);
    }

    [Theory]
    [InlineData(2026, 1, 15, 14, 30, "2026-01-15T14:30:00+00:00", "GMT")]
    [InlineData(2026, 7, 15, 14, 30, "2026-07-15T13:30:00+00:00", "BST")]
    [InlineData(2026, 3, 29, 0, 30, "2026-03-29T00:30:00+00:00", "GMT")]
    [InlineData(2026, 3, 29, 2, 30, "2026-03-29T01:30:00+00:00", "BST")]
    [InlineData(2026, 10, 25, 2, 30, "2026-10-25T02:30:00+00:00", "GMT")]
    public void FromLocal_gives_the_UTC_instant_and_ZoneName_the_zone(int y, int mo, int d, int h, int mi, string utc, string zone)
    {
        var at = UkTime.FromLocal(new DateOnly(y, mo, d), new TimeOnly(h, mi));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(TimeSpan.Zero, at.Offset);
        Assert.Equal(zone, UkTime.ZoneName(at));
    }

    [Fact]
    public void FromLocal_keeps_its_lenient_meaning_for_untyped_times_at_the_changes()
    {
        Assert.Equal(Utc(2026, 10, 25, 0, 30), UkTime.FromLocal(new DateOnly(2026, 10, 25), new TimeOnly(1, 30))); // the first
        Assert.Equal(Utc(2026, 3, 29, 1, 30), UkTime.FromLocal(new DateOnly(2026, 3, 29), new TimeOnly(1, 30))); // shifted past the gap
    }

    [Fact]
    public void The_UK_day_and_local_time_of_an_instant_follow_the_zone()
    {
        // 23:30 UTC on 30 June is already 1 July in London (BST); in December it is the same day (GMT).
        Assert.Equal(new DateOnly(2026, 7, 1), UkTime.DateOf(Utc(2026, 6, 30, 23, 30)));
        Assert.Equal(new DateOnly(2026, 12, 30), UkTime.DateOf(Utc(2026, 12, 30, 23, 30)));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 30, 0, TimeSpan.FromHours(1)), UkTime.ToLocal(Utc(2026, 6, 30, 23, 30)));
        Assert.Equal(TimeSpan.FromHours(1), UkTime.ToLocal(Utc(2026, 10, 25, 0, 30)).Offset);
        Assert.Equal(TimeSpan.Zero, UkTime.ToLocal(Utc(2026, 10, 25, 1, 30)).Offset);
        Assert.Equal(new DateOnly(2026, 10, 25), UkTime.Today(new FixedClock(Utc(2026, 10, 25, 0, 30))));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
