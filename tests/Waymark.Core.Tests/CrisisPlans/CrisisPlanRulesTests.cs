using Waymark.CrisisPlans;
using Waymark.Support;

namespace Waymark.Core.Tests.CrisisPlans;

/// <summary>The crisis plan's own rules: what a version needs, the free-text limits, the national lines and the text.</summary>
public class CrisisPlanRulesTests
{
    private static readonly DateOnly Today = new(2026, 10, 3);

    private static CrisisPlanInput Good => new()
    {
        WarningSigns = "Not sleeping\nStaying in my room", SelfHelp = "Go for a walk",
        Contacts = [new("Jo Test", "sister", "07700 900 123"), new("", " ", "")],
        WhoWasThere = "Sam and me", AgreedWithPerson = true, AgreedOn = Today,
    };

    [Fact]
    public void A_plan_with_warning_signs_a_way_to_get_help_who_was_there_and_agreement_has_no_problems() =>
        Assert.Empty(Good.Validate(Today));

    [Fact]
    public void An_empty_plan_lists_every_missing_part()
    {
        var fields = new CrisisPlanInput().Validate(Today).Select(p => p.Field).ToList();
        Assert.Equal([nameof(CrisisPlanInput.WarningSigns), nameof(CrisisPlanInput.SelfHelp), nameof(CrisisPlanInput.WhoWasThere), nameof(CrisisPlanInput.AgreedWithPerson)], fields);
    }

    [Fact]
    public void A_person_who_can_help_needs_a_name_and_a_real_phone_number()
    {
        var problems = (Good with { Contacts = [new("", "friend", "07700 900 123"), new("Ali", null, "call me"), new("Bo", null, "")] }).Validate(Today).ToList();
        Assert.Equal(["Contacts[0].Name", "Contacts[1].Phone", "Contacts[2].Phone"], problems.Select(p => p.Field).ToList());
        Assert.Contains("person 1", problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Agreed_needs_a_date_not_in_the_future_and_not_agreed_needs_none()
    {
        Assert.Equal(nameof(CrisisPlanInput.AgreedOn), Assert.Single((Good with { AgreedOn = null }).Validate(Today)).Field);
        Assert.Contains("today or in the past", Assert.Single((Good with { AgreedOn = Today.AddDays(1) }).Validate(Today)).Message, StringComparison.Ordinal);
        Assert.Empty((Good with { AgreedWithPerson = false, AgreedOn = null }).Validate(Today));
    }

    [Fact]
    public void Each_section_holds_at_most_twenty_lines_of_at_most_three_hundred_characters()
    {
        var many = string.Join('\n', Enumerable.Range(1, CrisisPlanText.MaxItems + 1).Select(i => $"Item {i}"));
        var problems = (Good with { SafeSurroundings = many, PracticalThings = new string('x', CrisisPlanText.MaxLine + 1) }).Validate(Today).ToList();
        Assert.Equal([nameof(CrisisPlanInput.SafeSurroundings), nameof(CrisisPlanInput.PracticalThings)], problems.Select(p => p.Field).ToList());
        // Blank lines and spaces do not count, and are not stored.
        Assert.Equal("One\nTwo three", CrisisPlanText.Store("  One \r\n\r\n  Two   three\n"));
    }

    [Fact]
    public void The_national_lines_are_nhs_111_option_2_samaritans_shout_and_999_each_with_its_source()
    {
        Assert.Equal(["NHS 111", "Samaritans", "Shout", "Emergency"], CrisisLines.All.Select(l => l.Name).ToList());
        Assert.Contains("option 2", CrisisLines.All[0].Contact, StringComparison.Ordinal);
        Assert.Equal("116 123", CrisisLines.All[1].Contact);
        Assert.Contains("85258", CrisisLines.All[2].Contact, StringComparison.Ordinal);
        Assert.Equal("999", CrisisLines.All[3].Contact);
        Assert.All(CrisisLines.All, l => Assert.StartsWith("https://", l.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void The_text_holds_who_to_call_and_nothing_else_of_the_plan()
    {
        var version = new CrisisPlanVersion
        {
            RecordedByUserId = "u", WarningSigns = "Hearing voices", SelfHelp = "Walk",
            CrisisContacts = CrisisContact.Encode([new("Jo Test", "sister", "07700 900 123")]), OwnServices = "My GP 01632 960 222",
        };
        var text = CrisisPlanService.TextOf(version, new SupportSettings { OutOfHoursTelephone = "01632 960 111", OutOfHoursDescription = "Crisis team" });
        Assert.Contains("Jo Test (sister): 07700 900 123", text, StringComparison.Ordinal);
        Assert.Contains("My GP 01632 960 222", text, StringComparison.Ordinal);
        Assert.Contains("Crisis team: 01632 960 111", text, StringComparison.Ordinal);
        Assert.Contains("Samaritans: 116 123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("voices", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Walk", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_team_out_of_hours_number_is_checked_like_any_phone_number()
    {
        var (_, problems) = SupportSettingsService.Validate(new SupportSettingsForm("14", "6", "24", "21:00", "08:00", null, null, "ring us", new string('x', 201)));
        Assert.Equal(["OutOfHoursTelephone", "OutOfHoursDescription"], problems.Select(p => p.Field).ToList());
        var (values, none) = SupportSettingsService.Validate(new SupportSettingsForm("14", "6", "24", "21:00", "08:00", null, null, " 01632 960 111 ", " Crisis team "));
        Assert.Empty(none);
        Assert.Equal(("01632 960 111", "Crisis team"), (values!.OutOfHoursTelephone, values.OutOfHoursDescription));
        var (_, whoOnly) = SupportSettingsService.Validate(new SupportSettingsForm("14", "6", "24", "21:00", "08:00", null, null, null, "Crisis team"));
        Assert.Equal("OutOfHoursTelephone", Assert.Single(whoOnly).Field);
    }
}
