using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.Teams;

namespace Waymark.Core.Tests.Unit;

/// <summary>The one rule for the dates of an episode's events, and the bounds of report periods.</summary>
public class EpisodeDatesTests
{
    private static readonly DateTimeOffset Identified = new(2026, 3, 5, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly EpisodeDates Dates = new(Identified, Now);

    [Fact]
    public void A_past_event_is_between_identification_and_now_with_a_little_clock_skew()
    {
        Assert.Null(Dates.Past(Identified));
        Assert.Null(Dates.Past(Now.AddMinutes(4)));
        Assert.Equal("The date cannot be before the person was identified.", Dates.Past(Identified.AddTicks(-1)));
        Assert.Equal("The date cannot be before the person was identified.", Dates.Past(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("The date cannot be in the future", Dates.Past(Now.AddMinutes(6)));
    }

    [Fact]
    public void A_past_day_is_a_UK_date_from_the_day_of_identification_to_today()
    {
        Assert.Null(Dates.PastDay(new DateOnly(2026, 3, 5)));
        Assert.Null(Dates.PastDay(new DateOnly(2026, 4, 1)));
        Assert.Equal("The date cannot be before the person was identified.", Dates.PastDay(new DateOnly(1900, 1, 1)));
        Assert.Equal("The date cannot be in the future", Dates.PastDay(new DateOnly(2026, 4, 2)));
    }

    [Fact]
    public void A_planned_date_is_from_identification_to_two_years_ahead()
    {
        Assert.Null(Dates.PlannedDay(new DateOnly(2028, 4, 1)));
        Assert.Equal("The planned end date must be no more than 2 years from today", Dates.PlannedDay(new DateOnly(2028, 4, 2), "The planned end date"));
        Assert.Equal("The planned end date must be no more than 2 years from today", Dates.PlannedDay(new DateOnly(9999, 12, 31), "The planned end date"));
        Assert.Equal("The date cannot be before the person was identified.", Dates.PlannedDay(new DateOnly(2026, 3, 4)));
        Assert.Null(Dates.Planned(Now.AddDays(30)));
        Assert.NotNull(Dates.Planned(Now.AddYears(3)));
        Assert.NotNull(Dates.Planned(Identified.AddHours(-1)));
    }

    [Fact]
    public void Identification_is_within_the_last_year_and_not_in_the_future()
    {
        Assert.Null(EpisodeDates.Identification(Now.AddDays(-364), Now));
        Assert.Null(EpisodeDates.Identification(Now.AddMinutes(4), Now));
        Assert.Equal("Date identified must be within the last year", EpisodeDates.Identification(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), Now));
        Assert.Equal("Date and time identified must be in the past", EpisodeDates.Identification(Now.AddMinutes(6), Now));
    }

    [Fact]
    public void The_episode_refuses_a_planned_end_in_9999_and_keeps_what_it_had()
    {
        var e = EpisodeBuilder.AnEpisode().For(PersonBuilder.APerson().Build()).InTeam(new Team { Name = "T" }).IdentifiedAt(Identified).Build();
        e.SetPlannedEnd(new DateOnly(2026, 6, 1), Now);

        var ex = Assert.Throws<EpisodeRuleException>(() => e.SetPlannedEnd(new DateOnly(9999, 12, 31), Now));

        Assert.Equal("The planned end date must be no more than 2 years from today", ex.Message);
        Assert.Equal(new DateOnly(2026, 6, 1), e.PlannedEndDate);
    }

    [Fact]
    public void A_report_period_is_bounded_ordered_and_at_most_three_years()
    {
        var today = new DateOnly(2026, 4, 1);
        Assert.Empty(DateLimits.Period(new DateOnly(2026, 1, 1), today, today));
        Assert.Contains(("To", "To date must be no later than 1 April 2027"), DateLimits.Period(today, new DateOnly(9999, 12, 31), today));
        Assert.Contains(("From", "From date must be on or before the to date"), DateLimits.Period(today, today.AddDays(-1), today));
        Assert.Contains(("From", "Choose a period of three years or less"), DateLimits.Period(new DateOnly(2020, 1, 1), today, today));
        Assert.Contains(("From", "From date must be in 1900 or later"), DateLimits.Period(new DateOnly(1, 1, 1), today, today));
    }
}
