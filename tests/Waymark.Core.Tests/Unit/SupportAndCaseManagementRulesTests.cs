using Waymark.Episodes;
using Waymark.Support;
using Waymark.Teams;

namespace Waymark.Core.Tests.Unit;

/// <summary>The rules of issue 13 items 1 and 4: "not in touch", the default planned end, changes with reasons, the settings form.</summary>
public class SupportAndCaseManagementRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, 30, 14, true)]     // no contact, identified 30 days ago
    [InlineData(null, 10, 14, false)]    // no contact, identified 10 days ago
    [InlineData(20.0, 40, 14, true)]     // last reached 20 days ago
    [InlineData(13.9, 40, 14, false)]
    [InlineData(14.0, 40, 14, false)]    // exactly the threshold is not "more than"
    [InlineData(14.01, 40, 14, true)]
    [InlineData(100.0, 1, 14, false)]    // an old contact from an earlier episode: identification is later and counts
    [InlineData(20.0, 40, 30, false)]    // a team that waits longer
    public void An_episode_is_not_in_touch_when_its_last_contact_or_identification_is_more_than_the_teams_days_ago(
        double? contactDaysAgo, int identifiedDaysAgo, int days, bool expected)
    {
        DateTimeOffset? last = contactDaysAgo is { } d ? Now.AddDays(-d) : null;
        Assert.Equal(expected, Engagement.IsNotInTouch(last, Now.AddDays(-identifiedDaysAgo), null, null, days, Now));
    }

    [Theory]
    [InlineData(null, null, null, true)]   // identified 30 days ago, nothing since
    [InlineData(5.0, null, null, false)]   // screened 5 days ago, face to face
    [InlineData(25.0, 3.0, null, false)]   // assessed 3 days ago
    [InlineData(25.0, 20.0, null, true)]   // screened and assessed, but both more than 14 days ago
    [InlineData(25.0, 20.0, 2.0, false)]   // then a contact 2 days ago
    [InlineData(25.0, 2.0, 20.0, false)]   // an older contact does not hide a recent assessment
    public void Screening_and_assessment_count_as_being_in_touch(double? screenedDaysAgo, double? assessedDaysAgo, double? contactDaysAgo, bool expected)
    {
        DateTimeOffset? Ago(double? d) => d is { } x ? Now.AddDays(-x) : null;
        Assert.Equal(expected, Engagement.IsNotInTouch(Ago(contactDaysAgo), Now.AddDays(-30), Ago(screenedDaysAgo), Ago(assessedDaysAgo), 14, Now));
        var seen = Engagement.LastSeen(Ago(contactDaysAgo), Now.AddDays(-30), Ago(screenedDaysAgo), Ago(assessedDaysAgo));
        Assert.Equal(new[] { screenedDaysAgo, assessedDaysAgo, contactDaysAgo, 30.0 }.OfType<double>().Min(), (Now - seen).TotalDays, 6);
    }

    [Theory]
    [InlineData("07700 900123", true)]
    [InlineData("07700 900 123", true)]
    [InlineData("+44 7700 900123", true)]
    [InlineData("+447700900123", true)]
    [InlineData("0044 7700 900123", true)]
    [InlineData("(07700) 900-123", true)]
    [InlineData("+44 (0)7700 900-123", true)]
    [InlineData("01632 960 000", false)]   // a landline
    [InlineData("+44 1632 960000", false)]
    [InlineData("0770 090 012", false)]    // too short
    [InlineData("077009001234", false)]    // too long
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_a_uk_mobile_number_can_take_texts(string? phone, bool expected) =>
        Assert.Equal(expected, PhoneNumbers.IsUkMobile(phone));

    [Theory]
    [InlineData("2026-03-02T10:00:00Z", 6, "2026-09-02")]
    [InlineData("2026-08-31T10:00:00Z", 6, "2027-02-28")]  // no 31 February: the month's last day
    [InlineData("2027-08-31T10:00:00Z", 6, "2028-02-29")]  // a leap year
    [InlineData("2026-10-31T10:00:00Z", 1, "2026-11-30")]
    [InlineData("2026-08-31T23:30:00Z", 6, "2027-03-01")]  // 00:30 BST on 1 September: the UK date counts
    [InlineData("2026-01-15T09:00:00Z", 24, "2028-01-15")]
    public void The_default_planned_end_is_the_uk_date_support_started_plus_the_teams_months(string startedAt, int months, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            PlannedEnds.Default(DateTimeOffset.Parse(startedAt, System.Globalization.CultureInfo.InvariantCulture), months));
    }

    private static Episode InSupport(DateOnly? plannedEnd = null)
    {
        var e = EpisodeBuilder.AnEpisode().For(PersonBuilder.APerson().Build()).InTeam(new Team { Name = "T" })
            .IdentifiedAt(Now.AddDays(-40)).AtStatus(EpisodeStatus.InSupport).Build();
        e.PlannedEndDate = plannedEnd;
        return e;
    }

    [Fact]
    public void Starting_support_sets_the_default_once_and_says_why()
    {
        var e = InSupport();
        var change = e.SetDefaultPlannedEnd(6, "kw", Now);
        Assert.NotNull(change);
        Assert.Equal(new DateOnly(2027, 5, 30), e.PlannedEndDate);
        Assert.Equal((null, (DateOnly?)new DateOnly(2027, 5, 30), "Default: 6 months from the start of support", e.Id, e.PersonId, e.TeamId),
            (change.From, change.To, change.Reason, change.EpisodeId, change.PersonId, change.TeamId));
        Assert.Null(InSupport(new DateOnly(2027, 1, 1)).SetDefaultPlannedEnd(6, "kw", Now));
        var none = InSupport();
        Assert.Null(none.SetDefaultPlannedEnd(null, "kw", Now));
        Assert.Null(none.PlannedEndDate);
    }

    [Fact]
    public void Setting_the_first_time_needs_no_reason_but_every_later_change_does()
    {
        var e = InSupport();
        Assert.Equal(PlannedEnds.FirstSetReason, e.ChangePlannedEnd(new DateOnly(2027, 3, 1), null, "kw", Now).Reason);

        Assert.Equal("Enter why support is being extended",
            Assert.Throws<ValidationFailedException>(() => e.ChangePlannedEnd(new DateOnly(2027, 4, 1), "", "kw", Now)).Problems.Single().Message);
        Assert.Equal("Enter why the planned end is being brought forward",
            Assert.Throws<ValidationFailedException>(() => e.ChangePlannedEnd(new DateOnly(2027, 2, 1), null, "kw", Now)).Problems.Single().Message);
        Assert.Equal("Enter why the planned end is being removed",
            Assert.Throws<ValidationFailedException>(() => e.ChangePlannedEnd(null, " ", "kw", Now)).Problems.Single().Message);
        Assert.Equal("PlannedEnd",
            Assert.Throws<ValidationFailedException>(() => e.ChangePlannedEnd(new DateOnly(2027, 3, 1), "Same", "kw", Now)).Problems.Single().Field);
        Assert.Equal(new DateOnly(2027, 3, 1), e.PlannedEndDate);

        var extended = e.ChangePlannedEnd(new DateOnly(2027, 4, 1), "  Housing not yet found ", "kw", Now);
        Assert.Equal((new DateOnly(2027, 3, 1), new DateOnly(2027, 4, 1), "Housing not yet found"), (extended.From!.Value, extended.To!.Value, extended.Reason));
        var longer = e.ChangePlannedEnd(new DateOnly(2027, 5, 1), "Again", "kw", Now);
        Assert.Equal("extended twice", PlannedEnds.Summary([extended, longer]));
        var forward = e.ChangePlannedEnd(new DateOnly(2027, 4, 15), "Doing well", "kw", Now);
        Assert.Equal("extended twice, brought forward once", PlannedEnds.Summary([extended, longer, forward]));
        Assert.Equal("", PlannedEnds.Summary([]));
    }

    [Fact]
    public void The_settings_form_reports_every_problem_at_once()
    {
        var (values, problems) = SupportSettingsService.Validate(new SupportSettingsForm("0", "25", "169", "25:00", "soon", "call us", new string('x', 101)));
        Assert.Null(values);
        Assert.Equal(["NotInTouchDays", "SupportMonths", "ReminderLeadHours", "QuietHoursStart", "QuietHoursEnd", "ReplyTelephone", "SenderName"],
            problems.Select(p => p.Field));
    }

    [Fact]
    public void The_settings_form_reads_typed_times_and_an_empty_length_of_support()
    {
        var (values, problems) = SupportSettingsService.Validate(new SupportSettingsForm(" 365 ", "", "1", "9pm", "8.00", " ", " Test team "));
        Assert.Empty(problems);
        Assert.Equal(new SupportSettingsValues(365, null, 1, new TimeOnly(21, 0), new TimeOnly(8, 0), null, "Test team"), values);
    }
}
