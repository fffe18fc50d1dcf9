using Waymark.People;
using Waymark.ProactiveIdentification;

namespace Waymark.Core.Tests.ProactiveIdentification;

/// <summary>Who the team's rules select, the queue status of a row, and the coverage figure.</summary>
public class SelectionAndCoverageTests
{
    private static RowFacts Facts(int? age = 30, Sex sex = Sex.Male, bool known = false, bool open = false, bool highRisk = false) =>
        new(age, sex, known, open, highRisk);

    [Fact]
    public void Each_rule_selects_its_group_and_only_chosen_rules_select()
    {
        var all = SelectionRules.All;
        Assert.Equal([SelectionRule.UnderEighteen], SelectionRules.Selecting(all, Facts(age: 17)));
        Assert.Empty(SelectionRules.Selecting(all, Facts(age: 18)));
        Assert.Empty(SelectionRules.Selecting(all, Facts(age: null))); // no date of birth: not known to be under 18
        Assert.Equal([SelectionRule.Women], SelectionRules.Selecting(all, Facts(sex: Sex.Female)));
        Assert.Equal([SelectionRule.KnownToTeam, SelectionRule.OpenEpisode], SelectionRules.Selecting(all, Facts(known: true, open: true)));
        Assert.Equal([SelectionRule.HighRiskAtLastScreening], SelectionRules.Selecting(all, Facts(highRisk: true)));
        Assert.Empty(SelectionRules.Selecting([SelectionRule.Women], Facts(age: 15, known: true)));
        Assert.Empty(SelectionRules.Selecting([], Facts(age: 15, sex: Sex.Female)));
    }

    [Fact]
    public void Rules_are_stored_as_codes_and_unknown_codes_are_ignored()
    {
        Assert.Equal("under-18 women high-risk", SelectionRules.Format([SelectionRule.HighRiskAtLastScreening, SelectionRule.UnderEighteen, SelectionRule.Women]));
        Assert.Equal([SelectionRule.UnderEighteen, SelectionRule.KnownToTeam], SelectionRules.Parse("known, UNDER-18 crisis-plan"));
    }

    [Theory]
    [InlineData(2008, 11, 30, 18)] // 18th birthday on the day
    [InlineData(2008, 12, 1, 17)]
    [InlineData(2010, 2, 28, 16)]
    public void Age_on_the_list_day_is_in_whole_years(int y, int m, int d, int age) =>
        Assert.Equal(age, SelectionRules.AgeOn(new DateOnly(y, m, d), new DateOnly(2026, 11, 30)));

    [Fact]
    public void A_row_is_screened_identified_missed_or_still_to_do()
    {
        var day = new DateOnly(2026, 11, 30);
        var during = new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
        var nextDay = new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.Zero);
        var identified = new RowEpisode(Guid.NewGuid(), during, null);
        var screened = identified with { ScreenedAt = during.AddHours(1) };

        Assert.Equal(QueueStatus.NotYetIdentified, ProactiveQueue.StatusOf(null, day, during));
        Assert.Equal(QueueStatus.Identified, ProactiveQueue.StatusOf(identified, day, during));
        Assert.Equal(QueueStatus.Screened, ProactiveQueue.StatusOf(screened, day, during));
        Assert.Equal(QueueStatus.Missed, ProactiveQueue.StatusOf(null, day, nextDay));
        Assert.Equal(QueueStatus.Missed, ProactiveQueue.StatusOf(identified, day, nextDay)); // identified but never screened
        Assert.Equal(QueueStatus.Screened, ProactiveQueue.StatusOf(screened, day, nextDay));
        Assert.Equal(screened, ProactiveQueue.BestEpisode([identified, screened]));
    }

    [Fact]
    public void The_window_runs_from_the_start_of_the_UK_day_to_the_end_of_the_next_UK_day_whatever_the_time_in()
    {
        var summer = new DateOnly(2026, 7, 1);
        var (start, end) = ProactiveQueue.Window(new ProactiveListRow(), summer);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), start); // midnight BST
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 23, 0, 0, TimeSpan.Zero), end);
        // Identified at 09:00 before a time in of 14:00 on the list: the episode still answers the row.
        var timed = new ProactiveListRow { TimeIn = new DateTimeOffset(2026, 7, 1, 13, 0, 0, TimeSpan.Zero) };
        Assert.Equal(start, ProactiveQueue.Window(timed, summer).Start);
    }

    [Fact]
    public void Coverage_counts_screened_of_selected_and_rounds_down()
    {
        var c = Coverage.Of([QueueStatus.Screened, QueueStatus.Screened, QueueStatus.Identified, QueueStatus.Missed, QueueStatus.NotYetIdentified, QueueStatus.Screened]);
        Assert.Equal((6, 3, 4, 1), (c.Selected, c.Screened, c.Identified, c.Missed));
        Assert.Equal(50, c.Percent);
        Assert.Equal("3 of 6 selected people screened (50%)", c.ToString());

        var almost = Coverage.Of([.. Enumerable.Repeat(QueueStatus.Screened, 199), QueueStatus.Missed]);
        Assert.Equal(99, almost.Percent); // 99.5% is not 100%
        Assert.Equal("1 of 1 selected person screened (100%)", Coverage.Of([QueueStatus.Screened]).ToString());
        Assert.Null(Coverage.Of(Array.Empty<QueueStatus>()).Percent);
        Assert.Equal("Nobody was selected", Coverage.Of(Array.Empty<QueueStatus>()).ToString());
    }

    [Fact]
    public void The_matched_person_is_a_confirmed_or_undisputed_definite_candidate()
    {
        var id = Guid.NewGuid();
        Assert.Equal(id, new ProactiveListRow { PersonId = id, Band = MatchBand.Definite }.MatchedPersonId);
        Assert.Null(new ProactiveListRow { PersonId = id, Band = MatchBand.Potential }.MatchedPersonId);
        Assert.Equal(id, new ProactiveListRow { PersonId = id, Band = MatchBand.Potential, Verdict = RowVerdict.Confirmed }.MatchedPersonId);
        Assert.Null(new ProactiveListRow { PersonId = id, Band = MatchBand.Definite, Verdict = RowVerdict.Rejected }.MatchedPersonId);
    }
}
