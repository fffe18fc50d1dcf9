using Waymark.Referrals;

namespace Waymark.Core.Tests.Unit;

public class ReferralLifecycleTests
{
    private static ReferralEvent E(ReferralStep s, int minute) =>
        new() { Sequence = minute, Step = s, At = DateTimeOffset.UnixEpoch.AddMinutes(minute), RecordedAt = DateTimeOffset.UnixEpoch.AddMinutes(minute), ByUserId = "u" };

    [Fact]
    public void The_status_is_the_latest_step_recorded()
    {
        Assert.Equal(ReferralStep.Drafted, ReferralLifecycle.StatusOf([]));
        Assert.Equal(ReferralStep.DidNotAttend, ReferralLifecycle.StatusOf([E(ReferralStep.Drafted, 0), E(ReferralStep.Sent, 1), E(ReferralStep.AppointmentBooked, 2), E(ReferralStep.DidNotAttend, 3)]));
    }

    [Theory]
    [InlineData(ReferralStep.Drafted, ReferralStep.Sent)]
    [InlineData(ReferralStep.Sent, ReferralStep.Declined)]
    [InlineData(ReferralStep.Acknowledged, ReferralStep.Accepted)]
    [InlineData(ReferralStep.Accepted, ReferralStep.AppointmentBooked)]
    [InlineData(ReferralStep.AppointmentBooked, ReferralStep.Attended)]
    [InlineData(ReferralStep.DidNotAttend, ReferralStep.AppointmentBooked)]
    [InlineData(ReferralStep.Attended, ReferralStep.Engaged)]
    [InlineData(ReferralStep.Engaged, ReferralStep.Ended)]
    [InlineData(ReferralStep.Sent, ReferralStep.Ended)]
    public void A_legal_step_is_allowed(ReferralStep from, ReferralStep to) => Assert.Null(ReferralLifecycle.WhyNot(from, to));

    [Theory]
    [InlineData(ReferralStep.Drafted, ReferralStep.Attended, "has not been sent yet")]
    [InlineData(ReferralStep.Drafted, ReferralStep.Accepted, "has not been sent yet")]
    [InlineData(ReferralStep.Sent, ReferralStep.Attended, "no appointment booked")]
    [InlineData(ReferralStep.Sent, ReferralStep.Sent, "already been sent")]
    [InlineData(ReferralStep.Declined, ReferralStep.Accepted, "been declined")]
    [InlineData(ReferralStep.Ended, ReferralStep.Engaged, "ended")]
    [InlineData(ReferralStep.Accepted, ReferralStep.Declined, "decision is already known")]
    [InlineData(ReferralStep.Sent, ReferralStep.Engaged, "engaged once the service has accepted")]
    public void An_illegal_step_is_refused_saying_why(ReferralStep from, ReferralStep to, string why) =>
        Assert.Contains(why, ReferralLifecycle.WhyNot(from, to));

    [Theory]
    [InlineData(ReferralStep.Declined, true)]
    [InlineData(ReferralStep.Engaged, true)]
    [InlineData(ReferralStep.Ended, true)]
    [InlineData(ReferralStep.Sent, false)]
    [InlineData(ReferralStep.Attended, false)]
    public void The_outcome_is_known_once_declined_engaged_or_ended(ReferralStep s, bool known) =>
        Assert.Equal(known, ReferralLifecycle.IsOutcomeKnown(s));

    [Theory]
    [InlineData("7,28", new[] { 7, 28 })]
    [InlineData(" 28, 7 ,7", new[] { 7, 28 })]
    [InlineData("3", new[] { 3 })]
    public void Follow_up_intervals_parse_sorted_and_distinct(string text, int[] days) => Assert.Equal(days, FollowUpIntervals.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("seven")]
    [InlineData("400")]
    [InlineData("1,2,3,4,5,6,7")]
    public void Bad_follow_up_intervals_are_refused(string text) => Assert.Null(FollowUpIntervals.Parse(text));
}
