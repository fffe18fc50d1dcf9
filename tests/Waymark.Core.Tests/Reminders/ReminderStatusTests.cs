using Waymark.Reminders;

namespace Waymark.Core.Tests.Reminders;

/// <summary>Reminders' states in words (<see cref="ReminderStatus"/>): never Notify's raw statuses or refusal messages.</summary>
public class ReminderStatusTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static Reminder R(Action<Reminder> with)
    {
        var r = new Reminder { Channel = ReminderChannel.Text, EventAt = At.AddDays(1), DueAt = At, CreatedAt = At, CreatedByUserId = "u" };
        with(r);
        return r;
    }

    [Theory]
    [InlineData(null, false, false, "Waiting to send")]
    [InlineData("created", true, false, "Sending")]
    [InlineData("sending", true, false, "Sending")]
    [InlineData("pending", true, false, "Sending")]
    [InlineData("sent", true, false, "Sent")]
    [InlineData("delivered", true, true, "Delivered")]
    public void Notify_statuses_are_words(string? status, bool sent, bool delivered, string expected)
    {
        var words = ReminderStatus.Describe(R(r => { r.DeliveryStatus = status; r.SentAt = sent ? At : null; r.DeliveredAt = delivered ? At : null; }));
        Assert.Equal(expected, words.ToString());
        Assert.Null(words.Detail);
    }

    [Fact]
    public void A_refusal_of_the_number_says_what_to_check_without_Notifys_field_names()
    {
        var words = ReminderStatus.Describe(R(r => { r.FailedAt = At; r.DeliveryStatus = null; r.FailureReason = "Notify refused it: phone_number Not a UK mobile number"; }));
        Assert.Equal("Failed", words.Label);
        Assert.StartsWith("Failed: GOV.UK Notify did not accept the mobile number", words.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("phone_number", words.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("refused", words.ToString(), StringComparison.Ordinal);

        var email = ReminderStatus.PlainFailure("Notify refused it: email_address Not a valid email address");
        Assert.DoesNotContain("email_address", email, StringComparison.Ordinal);
        Assert.Contains("email address", email, StringComparison.Ordinal);
        Assert.DoesNotContain("BadRequestError", ReminderStatus.PlainFailure("Notify refused it: BadRequestError Can't send to this recipient using a team-only API key"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_delivery_failure_keeps_its_plain_reason_and_a_cancelled_one_says_why_not_sent()
    {
        var failed = ReminderStatus.Describe(R(r => { r.SentAt = At; r.FailedAt = At; r.DeliveryStatus = "permanent-failure"; r.FailureReason = ReminderSender.FailureReason("permanent-failure"); }));
        Assert.Equal(("Failed", ReminderSender.FailureReason("permanent-failure")), (failed.Label, failed.Detail));
        var cancelled = ReminderStatus.Describe(R(r => { r.CancelledAt = At; r.CancelReason = "Appointment rescheduled"; }));
        Assert.Equal("Not sent: Appointment rescheduled", cancelled.ToString());
    }
}
