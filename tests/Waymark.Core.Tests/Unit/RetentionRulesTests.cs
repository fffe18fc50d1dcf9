using Microsoft.Extensions.Configuration;
using Waymark.Retention;

namespace Waymark.Core.Tests.Unit;

/// <summary>
/// The retention rules (Records Management Code of Practice 2021/2023 defaults): the latest applicable date wins; open
/// episodes and legal holds block; leap-day birthdays and contacts never give a day early.
/// </summary>
public class RetentionRulesTests
{
    private static readonly RetentionOptions Defaults = new();
    private static readonly RetentionOptions NotAllMentalHealth = new() { LiaisonAndDiversionRecordsAreMentalHealthRecords = false };

    private static RetentionFacts Facts(DateOnly lastContact, DateOnly? dob = null, bool mh = false, bool open = false, bool hold = false, DateOnly? died = null) =>
        new(dob, lastContact, mh, open, hold, died);

    [Fact]
    public void By_default_every_LD_record_is_a_mental_health_record_kept_20_years_after_the_last_contact()
    {
        var d = RetentionRules.Decide(Facts(new DateOnly(2005, 6, 10), new DateOnly(1970, 1, 1)), Defaults);
        Assert.Equal((RetentionRule.MentalHealthRecord, new DateOnly(2025, 6, 10), (string?)null), (d.Rule, d.DueOn, d.Blocked));
        Assert.True(d.IsDueOn(new DateOnly(2025, 6, 10)));
        Assert.False(d.IsDueOn(new DateOnly(2025, 6, 9)));
    }

    [Fact]
    public void An_adult_without_a_mental_health_record_is_kept_8_years_when_LD_records_are_not_all_mental_health_records()
    {
        var d = RetentionRules.Decide(Facts(new DateOnly(2010, 3, 1), new DateOnly(1980, 5, 5)), NotAllMentalHealth);
        Assert.Equal((RetentionRule.AdultRecord, new DateOnly(2018, 3, 1)), (d.Rule, d.DueOn));
        var mh = RetentionRules.Decide(Facts(new DateOnly(2010, 3, 1), new DateOnly(1980, 5, 5), mh: true), NotAllMentalHealth);
        Assert.Equal((RetentionRule.MentalHealthRecord, new DateOnly(2030, 3, 1)), (mh.Rule, mh.DueOn));
    }

    [Fact]
    public void A_child_is_kept_until_their_25th_birthday_or_26th_if_17_at_the_last_contact_when_that_is_later()
    {
        // 12 at the last contact in 2010: 25th birthday 2023 beats the adult rule's 2018.
        var child = RetentionRules.Decide(Facts(new DateOnly(2010, 9, 1), new DateOnly(1998, 4, 20)), NotAllMentalHealth);
        Assert.Equal((RetentionRule.ChildRecord, new DateOnly(2023, 4, 20)), (child.Rule, child.DueOn));
        // 17 at the last contact: 26th birthday.
        var seventeen = RetentionRules.Decide(Facts(new DateOnly(2010, 9, 1), new DateOnly(1993, 4, 20)), NotAllMentalHealth);
        Assert.Equal((RetentionRule.ChildRecord, new DateOnly(2019, 4, 20)), (seventeen.Rule, seventeen.DueOn));
        // 18 the day before: an adult.
        var adult = RetentionRules.Decide(Facts(new DateOnly(2010, 9, 1), new DateOnly(1992, 8, 31)), NotAllMentalHealth);
        Assert.Equal(RetentionRule.AdultRecord, adult.Rule);
        // With the mental health rule (default), a 12-year-old's 25th birthday comes before 20 years after contact.
        Assert.Equal(RetentionRule.MentalHealthRecord, RetentionRules.Decide(Facts(new DateOnly(2010, 9, 1), new DateOnly(1998, 4, 20)), Defaults).Rule);
        // A very young child: the 25th birthday is the latest.
        var young = RetentionRules.Decide(Facts(new DateOnly(2010, 9, 1), new DateOnly(2007, 1, 15)), Defaults);
        Assert.Equal((RetentionRule.ChildRecord, new DateOnly(2032, 1, 15)), (young.Rule, young.DueOn));
    }

    [Fact]
    public void A_leap_day_birthday_or_contact_falls_on_1_March_in_other_years_never_a_day_early()
    {
        Assert.Equal(new DateOnly(2025, 3, 1), RetentionRules.Anniversary(new DateOnly(2000, 2, 29), 25));
        Assert.Equal(new DateOnly(2024, 2, 29), RetentionRules.Anniversary(new DateOnly(2000, 2, 29), 24));
        var child = RetentionRules.Decide(Facts(new DateOnly(2010, 6, 1), new DateOnly(2000, 2, 29)), NotAllMentalHealth);
        Assert.Equal(new DateOnly(2025, 3, 1), child.DueOn);
        var contact = RetentionRules.Decide(Facts(new DateOnly(2008, 2, 29), new DateOnly(1970, 1, 1)), NotAllMentalHealth);
        Assert.Equal(new DateOnly(2016, 2, 29), contact.DueOn);
        Assert.Equal(new DateOnly(2028, 2, 29), RetentionRules.Decide(Facts(new DateOnly(2008, 2, 29), new DateOnly(1970, 1, 1)), Defaults).DueOn);
        Assert.Equal(new DateOnly(2027, 3, 1), RetentionRules.Anniversary(new DateOnly(2008, 2, 29), 19));
    }

    [Fact]
    public void Without_a_date_of_birth_the_child_rule_cannot_apply_and_the_others_stand()
    {
        var d = RetentionRules.Decide(Facts(new DateOnly(2001, 1, 1)), Defaults);
        Assert.Equal((RetentionRule.MentalHealthRecord, new DateOnly(2021, 1, 1)), (d.Rule, d.DueOn));
    }

    [Fact]
    public void An_open_episode_or_a_standing_legal_hold_blocks_destruction_whatever_the_date()
    {
        var open = RetentionRules.Decide(Facts(new DateOnly(1990, 1, 1), open: true), Defaults);
        Assert.Equal("Open episode", open.Blocked);
        Assert.False(open.IsDueOn(new DateOnly(2030, 1, 1)));
        var held = RetentionRules.Decide(Facts(new DateOnly(1990, 1, 1), open: true, hold: true), Defaults);
        Assert.Equal("Legal hold", held.Blocked);
        Assert.False(held.IsDueOn(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void After_death_the_records_go_8_years_after_it_when_sooner_but_never_before_the_adult_rule()
    {
        var d = RetentionRules.Decide(Facts(new DateOnly(2010, 5, 1), new DateOnly(1960, 1, 1), died: new DateOnly(2010, 5, 1)), Defaults);
        Assert.Equal((RetentionRule.AfterDeath, new DateOnly(2018, 5, 1)), (d.Rule, d.DueOn));
        // Contact recorded after the death date (e.g. a late entry): the adult rule's date is the floor.
        var late = RetentionRules.Decide(Facts(new DateOnly(2012, 5, 1), new DateOnly(1960, 1, 1), died: new DateOnly(2010, 5, 1)), Defaults);
        Assert.Equal(new DateOnly(2020, 5, 1), late.DueOn);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_with_the_key_named()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Retention:BatchSize"] = "0" }).Build();
        var e = Assert.Throws<InvalidOperationException>(() => RetentionOptions.From(config));
        Assert.Contains("Retention:BatchSize", e.Message, StringComparison.Ordinal);
        var ok = RetentionOptions.From(new ConfigurationBuilder().Build());
        Assert.Equal((8, 20, 25, 26, 8, true, false), (ok.AdultYearsAfterLastContact, ok.MentalHealthYearsAfterLastContact, ok.ChildUntilBirthday,
            ok.ChildAged17UntilBirthday, ok.YearsAfterDeath, ok.LiaisonAndDiversionRecordsAreMentalHealthRecords, ok.ScheduleEnabled));
    }
}
