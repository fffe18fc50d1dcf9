using System.Globalization;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Teams;

namespace Waymark.Core.Tests.Unit;

public class EpisodeRulesTests
{
    private static readonly DateTimeOffset Identified = new(2026, 3, 5, 9, 30, 0, TimeSpan.Zero);

    private static Episode NewEpisode()
    {
        var person = PersonBuilder.APerson().Build();
        var team = new Team { Name = "T" };
        return EpisodeBuilder.AnEpisode().For(person).InTeam(team).IdentifiedAt(Identified).Build();
    }

    [Theory]
    [InlineData(false, false, false, false, EpisodeStatus.Identified)]
    [InlineData(true, false, false, false, EpisodeStatus.Screened)]
    [InlineData(true, true, false, false, EpisodeStatus.Assessed)]
    [InlineData(true, true, true, false, EpisodeStatus.InSupport)]
    [InlineData(true, true, true, true, EpisodeStatus.Closed)]
    [InlineData(false, false, false, true, EpisodeStatus.Closed)]     // closed straight after identification
    [InlineData(true, false, false, true, EpisodeStatus.Closed)]      // closure overrides every other milestone
    [InlineData(false, false, true, false, EpisodeStatus.InSupport)]  // the latest milestone reached wins
    [InlineData(false, true, false, false, EpisodeStatus.Assessed)]
    public void Status_is_the_latest_milestone_reached_with_closure_overriding_all(
        bool screened, bool assessed, bool support, bool closed, EpisodeStatus expected)
    {
        DateTimeOffset? At(bool reached) => reached ? Identified : null;
        Assert.Equal(expected, EpisodeStatuses.Derive(At(screened), At(assessed), At(support), At(closed)));
    }

    [Fact]
    public void An_episode_moves_through_its_milestones_recording_who_and_when()
    {
        var e = NewEpisode();
        Assert.Equal(EpisodeStatus.Identified, e.Status);

        e.RecordScreened("amira", Identified.AddHours(1));
        Assert.Equal(EpisodeStatus.Screened, e.Status);
        e.RecordAssessed("ben", Identified.AddDays(1));
        Assert.Equal(EpisodeStatus.Assessed, e.Status);
        e.StartSupport("cat", Identified.AddDays(2));
        Assert.Equal(EpisodeStatus.InSupport, e.Status);
        e.Close("dev", Identified.AddDays(30), ClosureReason.SupportCompleted, "Linked in with community mental health team");

        Assert.Equal(EpisodeStatus.Closed, e.Status);
        Assert.False(e.IsOpen);
        Assert.Equal(("amira", Identified.AddHours(1)), (e.ScreenedByUserId, e.ScreenedAt!.Value));
        Assert.Equal(("ben", Identified.AddDays(1)), (e.AssessedByUserId, e.AssessedAt!.Value));
        Assert.Equal(("cat", Identified.AddDays(2)), (e.SupportStartedByUserId, e.SupportStartedAt!.Value));
        Assert.Equal("dev", e.ClosedByUserId);
        Assert.Equal(ClosureReason.SupportCompleted, e.ClosureReason);
        Assert.Equal("Linked in with community mental health team", e.ClosureNote);
    }

    [Fact]
    public void Screening_twice_is_refused_and_the_first_screening_is_kept()
    {
        var e = NewEpisode();
        e.RecordScreened("amira", Identified.AddHours(1));

        var ex = Assert.Throws<EpisodeRuleException>(() => e.RecordScreened("ben", Identified.AddHours(2)));

        Assert.Contains("Screening has already been recorded", ex.Message);
        Assert.Equal(("amira", Identified.AddHours(1)), (e.ScreenedByUserId, e.ScreenedAt!.Value));
    }

    [Fact]
    public void Assessing_twice_or_starting_support_twice_is_refused()
    {
        var e = NewEpisode();
        e.RecordAssessed("amira", Identified.AddHours(1));
        e.StartSupport("amira", Identified.AddHours(2));

        Assert.Contains("already been recorded", Assert.Throws<EpisodeRuleException>(() => e.RecordAssessed("ben", Identified.AddHours(3))).Message);
        Assert.Contains("already started", Assert.Throws<EpisodeRuleException>(() => e.StartSupport("ben", Identified.AddHours(3))).Message);
    }

    public static TheoryData<string> Steps => ["screen", "assess", "support", "close"];

    private static void Do(Episode e, string step, DateTimeOffset at)
    {
        switch (step)
        {
            case "screen": e.RecordScreened("ben", at); break;
            case "assess": e.RecordAssessed("ben", at); break;
            case "support": e.StartSupport("ben", at); break;
            case "close": e.Close("ben", at, ClosureReason.DeclinedByPerson, null); break;
            default: throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void No_milestone_can_be_dated_before_the_person_was_identified(string step)
    {
        var e = NewEpisode();

        var ex = Assert.Throws<EpisodeRuleException>(() => Do(e, step, Identified.AddMinutes(-1)));

        Assert.Equal("The date cannot be before the person was identified.", ex.Message);
        Assert.Equal(EpisodeStatus.Identified, e.Status);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_milestone_at_the_moment_of_identification_is_allowed(string step)
    {
        var e = NewEpisode();
        Do(e, step, Identified);
        Assert.NotEqual(EpisodeStatus.Identified, e.Status);
    }

    [Theory]
    [InlineData("screen", "record screening")]
    [InlineData("assess", "record an assessment")]
    [InlineData("support", "start support")]
    [InlineData("close", "close it")]
    public void Nothing_can_be_recorded_on_a_closed_episode_and_the_message_says_what_to_do(string step, string action)
    {
        var e = NewEpisode();
        e.Close("amira", new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero), ClosureReason.NoFurtherActionAfterScreening, null);

        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
        try
        {
            var ex = Assert.Throws<EpisodeRuleException>(() => Do(e, step, Identified.AddDays(2)));
            Assert.Equal($"This episode was closed on 6 March 2026, so you cannot {action}. Open a new episode instead.", ex.Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
        Assert.Equal(ClosureReason.NoFurtherActionAfterScreening, e.ClosureReason);
        Assert.Equal("amira", e.ClosedByUserId);
    }

    [Fact]
    public void A_closed_episode_cannot_be_allocated()
    {
        var e = NewEpisode();
        e.Close("amira", Identified.AddDays(1), ClosureReason.OpenedInError, null);

        var ex = Assert.Throws<EpisodeRuleException>(() => e.Allocate("ben", "amira", Identified.AddDays(2)));

        Assert.Contains("allocate it", ex.Message);
        Assert.Null(e.KeyWorkerId);
    }

    [Fact]
    public void The_planned_end_is_set_by_the_episode_which_refuses_it_when_closed_or_before_identification()
    {
        var e = NewEpisode();
        e.SetPlannedEnd(new DateOnly(2026, 6, 1), Identified.AddDays(1));
        Assert.Equal(new DateOnly(2026, 6, 1), e.PlannedEndDate);
        Assert.Equal("The planned end date cannot be before the person was identified.",
            Assert.Throws<EpisodeRuleException>(() => e.SetPlannedEnd(new DateOnly(2026, 3, 4), Identified.AddDays(1))).Message);

        e.Close("amira", Identified.AddDays(1), ClosureReason.OpenedInError, null);
        var ex = Assert.Throws<EpisodeRuleException>(() => e.SetPlannedEnd(null, Identified.AddDays(2)));
        Assert.Equal(Episode.ClosedRefusal(Identified.AddDays(1), "change its planned end date"), ex.Message);
        Assert.Equal(new DateOnly(2026, 6, 1), e.PlannedEndDate);
    }

    [Fact]
    public void Allocating_records_the_key_worker_and_who_allocated_and_can_be_undone()
    {
        var e = NewEpisode();
        e.Allocate("ben", "manager", Identified.AddHours(3));
        Assert.Equal(("ben", "manager", Identified.AddHours(3)), (e.KeyWorkerId, e.AllocatedByUserId, e.AllocatedAt!.Value));

        e.Allocate(null, "manager", Identified.AddHours(4));
        Assert.Null(e.KeyWorkerId);
    }

    [Fact]
    public void Taking_makes_the_taker_key_worker_only_while_nobody_holds_the_episode()
    {
        var e = NewEpisode();
        e.Take("ben", Identified.AddHours(1));
        Assert.Equal(("ben", "ben", Identified.AddHours(1)), (e.KeyWorkerId, e.AllocatedByUserId, e.AllocatedAt!.Value));

        Assert.Equal("You are already the key worker for this episode.",
            Assert.Throws<EpisodeRuleException>(() => e.Take("ben", Identified.AddHours(2))).Message);
        Assert.Contains("already has a key worker", Assert.Throws<EpisodeRuleException>(() => e.Take("cara", Identified.AddHours(2))).Message);
        Assert.Equal(("ben", Identified.AddHours(1)), (e.KeyWorkerId, e.AllocatedAt!.Value));

        var closed = NewEpisode();
        closed.Close("amira", Identified.AddDays(1), ClosureReason.OpenedInError, null);
        Assert.Equal(Episode.ClosedRefusal(Identified.AddDays(1), "take it"),
            Assert.Throws<EpisodeRuleException>(() => closed.Take("ben", Identified.AddDays(2))).Message);
        Assert.Null(closed.KeyWorkerId);
    }

    [Fact]
    public void An_open_episode_is_overdue_only_after_its_planned_end_date()
    {
        var e = NewEpisode();
        Assert.False(e.IsOverdue(new DateOnly(2030, 1, 1))); // no planned end

        e.PlannedEndDate = new DateOnly(2026, 4, 1);
        Assert.False(e.IsOverdue(new DateOnly(2026, 3, 31)));
        Assert.False(e.IsOverdue(new DateOnly(2026, 4, 1)));
        Assert.True(e.IsOverdue(new DateOnly(2026, 4, 2)));

        e.Close("amira", Identified.AddDays(1), ClosureReason.SupportCompleted, null);
        Assert.False(e.IsOverdue(new DateOnly(2026, 4, 2)));
    }

    [Fact]
    public void Vulnerability_prompts_are_read_from_the_space_separated_codes()
    {
        var e = NewEpisode();
        e.VulnerabilityPrompts = " mental-health  housing ";
        Assert.Equal(["mental-health", "housing"], e.Vulnerabilities);
    }
}
