using Waymark.Mentoring;

namespace Waymark.Core.Tests.Mentoring;

/// <summary>The mentoring rules that need no database.</summary>
public class MentoringRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Since = new(2026, 2, 20);

    [Fact]
    public void A_pairing_needs_a_mentor_and_an_agreement_date_not_in_the_future()
    {
        Assert.Empty(MentoringRules.Problems(new PairingInput("mentor", new DateOnly(2026, 3, 2)), new DateOnly(2026, 3, 2)));
        Assert.Equal([nameof(PairingInput.MentorUserId), nameof(PairingInput.AgreedOn)],
            MentoringRules.Problems(new PairingInput(" ", null), new DateOnly(2026, 3, 2)).Select(p => p.Field));
        Assert.Equal("The date they agreed cannot be in the future",
            MentoringRules.Problems(new PairingInput("mentor", new DateOnly(2026, 3, 3)), new DateOnly(2026, 3, 2)).Single().Message);
    }

    [Theory]
    [InlineData(-1.0, true, 30, "Met", null)]
    [InlineData(-1.0, false, null, null, null)]
    [InlineData(2.0, true, 30, "Met", "OccurredAt")]
    [InlineData(-24.0 * 11, true, 30, "Met", "OccurredAt")]
    [InlineData(-1.0, true, 721, "Met", "DurationMinutes")]
    [InlineData(-1.0, true, 0, "Met", "DurationMinutes")]
    [InlineData(-1.0, true, 30, " ", "Note")]
    public void A_mentoring_contact_is_checked_like_a_contact_from_the_day_mentoring_began(double hours, bool reached, int? minutes, string? note, string? problem)
    {
        var found = MentoringRules.Problems(new MentoringContactInput(Now.AddHours(hours), reached, minutes, note), Since, Now).Select(p => p.Field).ToList();
        Assert.Equal(problem is null ? [] : [problem], found);
    }

    [Fact]
    public void A_note_over_1000_characters_and_a_missing_reason_for_ending_are_refused()
    {
        Assert.Equal("Note", MentoringRules.Problems(new MentoringContactInput(Now, true, null, new string('a', 1001)), Since, Now).Single().Field);
        Assert.NotNull(MentoringRules.EndReasonProblem(""));
        Assert.NotNull(MentoringRules.EndReasonProblem(new string('a', 501)));
        Assert.Null(MentoringRules.EndReasonProblem("Goals met"));
    }

    [Fact]
    public void Contacts_may_be_dated_from_the_earlier_of_the_agreement_and_the_start()
    {
        var pairing = new MentoringPairing { MentorUserId = "m", StartedByUserId = "s", AgreedOn = new DateOnly(2026, 2, 1), StartedAt = Now };
        Assert.Equal(new DateOnly(2026, 2, 1), MentoringService.Since(pairing));
        pairing.AgreedOn = new DateOnly(2026, 3, 5);
        Assert.Equal(new DateOnly(2026, 3, 2), MentoringService.Since(pairing));
    }
}
