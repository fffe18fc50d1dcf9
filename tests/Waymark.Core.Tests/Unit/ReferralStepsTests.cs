using Waymark.Referrals;

namespace Waymark.Core.Tests.Unit;

/// <summary>The referral records its own steps and refuses illegal ones itself, saying what was attempted.</summary>
public class ReferralStepsTests
{
    private static readonly DateTimeOffset Made = new(2026, 3, 5, 9, 30, 0, TimeSpan.Zero);

    private static Referral ADraft()
    {
        var r = new Referral { ServiceName = "Shelter", Need = "housing", CreatedByUserId = "amira", CreatedAt = Made };
        r.Draft("amira", Made);
        return r;
    }

    private static Referral Sent()
    {
        var r = ADraft();
        r.Send("amira", Made.AddHours(1), Made.AddHours(1));
        return r;
    }

    /// <summary>Takes a sent referral along a legal path to <paramref name="status"/>.</summary>
    private static Referral At(ReferralStep status)
    {
        if (status == ReferralStep.Drafted) return ADraft();
        var r = Sent();
        var t = Made.AddDays(1);
        switch (status)
        {
            case ReferralStep.Acknowledged: r.Acknowledge("amira", t, t); break;
            case ReferralStep.Accepted: r.Accept("amira", t, t); break;
            case ReferralStep.Declined: r.Decline(DeclineReason.NoCapacity, "amira", t, t); break;
            case ReferralStep.AppointmentBooked: r.BookAppointment(t.AddDays(3), "amira", t, t); break;
            case ReferralStep.Attended: r.BookAppointment(t, "amira", t, t); r.Attend("amira", t, t); break;
            case ReferralStep.DidNotAttend: r.BookAppointment(t, "amira", t, t); r.MissAppointment("amira", t, t); break;
            case ReferralStep.Engaged: r.Accept("amira", t, t); r.Engage("amira", t, t); break;
            case ReferralStep.Ended: r.End("amira", t, t); break;
        }
        Assert.Equal(status, r.Status);
        return r;
    }

    [Fact]
    public void A_new_referral_is_a_draft_with_its_first_event_numbered_one()
    {
        var r = ADraft();
        var e = Assert.Single(r.Events);
        Assert.Equal((1, ReferralStep.Drafted, r.Id, "amira", Made), (e.Sequence, e.Step, e.ReferralId, e.ByUserId, e.At));
        Assert.Equal(ReferralStep.Drafted, r.Status);
    }

    [Fact]
    public void Each_step_is_numbered_after_the_last_and_becomes_the_status()
    {
        var r = ADraft();
        var t = Made.AddHours(1);
        r.Send("amira", t, t);
        r.Acknowledge("ben", t, t);
        r.Accept("ben", t, t);
        r.BookAppointment(t.AddDays(2), "ben", t, t);
        r.Attend("ben", t.AddDays(2), t.AddDays(2));
        r.Engage("ben", t.AddDays(3), t.AddDays(3));
        r.End("ben", t.AddDays(30), t.AddDays(30));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], r.Events.Select(e => e.Sequence));
        Assert.Equal(
            [ReferralStep.Drafted, ReferralStep.Sent, ReferralStep.Acknowledged, ReferralStep.Accepted, ReferralStep.AppointmentBooked,
             ReferralStep.Attended, ReferralStep.Engaged, ReferralStep.Ended],
            r.Events.Select(e => e.Step));
        Assert.Equal(ReferralStep.Ended, r.Status);
    }

    [Fact]
    public void A_decline_keeps_its_reason_and_a_booking_its_appointment_and_nothing_else_keeps_either()
    {
        var t = Made.AddDays(1);
        var declined = Sent().Decline(DeclineReason.OutOfArea, "ben", t, t, "  Lives in the next county  ");
        Assert.Equal((DeclineReason.OutOfArea, (DateTimeOffset?)null, "Lives in the next county"), (declined.DeclineReason, declined.AppointmentAt, declined.Note));

        var booked = Sent().BookAppointment(t.AddDays(5), "ben", t, t);
        Assert.Equal(((DeclineReason?)null, (DateTimeOffset?)t.AddDays(5)), (booked.DeclineReason, booked.AppointmentAt));

        var accepted = Sent().Record(ReferralStep.Accepted, "ben", t, t, DeclineReason.NoCapacity, t.AddDays(5), " ");
        Assert.Equal(((DeclineReason?)null, (DateTimeOffset?)null, (string?)null), (accepted.DeclineReason, accepted.AppointmentAt, accepted.Note));
    }

    [Fact]
    public void The_events_cannot_be_changed_from_outside()
    {
        var r = ADraft();
        Assert.False(r.Events is List<ReferralEvent>);
        Assert.True(((ICollection<ReferralEvent>)r.Events).IsReadOnly);
    }

    [Theory]
    [InlineData(ReferralStep.Drafted, ReferralStep.Sent)]
    [InlineData(ReferralStep.Drafted, ReferralStep.Ended)]
    [InlineData(ReferralStep.Sent, ReferralStep.Acknowledged)]
    [InlineData(ReferralStep.Sent, ReferralStep.Declined)]
    [InlineData(ReferralStep.Sent, ReferralStep.AppointmentBooked)]
    [InlineData(ReferralStep.Acknowledged, ReferralStep.Accepted)]
    [InlineData(ReferralStep.Accepted, ReferralStep.Engaged)]
    [InlineData(ReferralStep.AppointmentBooked, ReferralStep.AppointmentBooked)]
    [InlineData(ReferralStep.AppointmentBooked, ReferralStep.DidNotAttend)]
    [InlineData(ReferralStep.DidNotAttend, ReferralStep.AppointmentBooked)]
    [InlineData(ReferralStep.Attended, ReferralStep.Engaged)]
    [InlineData(ReferralStep.Engaged, ReferralStep.Ended)]
    public void A_legal_step_is_recorded(ReferralStep from, ReferralStep to)
    {
        var r = At(from);
        var before = r.Events.Count;
        var t = Made.AddDays(10);
        var e = r.Record(to, "ben", t, t, DeclineReason.BelowThreshold, t.AddDays(1));
        Assert.Equal(before + 1, r.Events.Count);
        Assert.Same(e, r.Events[^1]);
        Assert.Equal(to, r.Status);
    }

    [Theory]
    [InlineData(ReferralStep.Drafted, ReferralStep.Accepted, "The referral has not been sent yet, so it cannot be accepted. Record that it was sent first.")]
    [InlineData(ReferralStep.Drafted, ReferralStep.Attended, "The referral has not been sent yet, so it cannot be attended. Record that it was sent first.")]
    [InlineData(ReferralStep.Sent, ReferralStep.Sent, "The referral has already been sent.")]
    [InlineData(ReferralStep.Sent, ReferralStep.Attended, "There is no appointment booked to attend. Record the appointment first.")]
    [InlineData(ReferralStep.Sent, ReferralStep.DidNotAttend, "There is no appointment booked to attend. Record the appointment first.")]
    [InlineData(ReferralStep.Sent, ReferralStep.Engaged, "The person can only be recorded as engaged once the service has accepted them or they attended.")]
    [InlineData(ReferralStep.Accepted, ReferralStep.Declined, "The service's decision is already known (the referral is accepted).")]
    [InlineData(ReferralStep.Accepted, ReferralStep.Acknowledged, "The referral is already accepted, so it cannot go back to acknowledged.")]
    [InlineData(ReferralStep.Declined, ReferralStep.Accepted, "This referral has been declined, so nothing more can be recorded on it. Make a new referral if the person needs one.")]
    [InlineData(ReferralStep.Ended, ReferralStep.Engaged, "This referral has ended, so nothing more can be recorded on it. Make a new referral if the person needs one.")]
    [InlineData(ReferralStep.Ended, ReferralStep.Ended, "This referral has ended, so nothing more can be recorded on it. Make a new referral if the person needs one.")]
    public void An_illegal_step_is_refused_saying_what_was_attempted_and_nothing_is_recorded(ReferralStep from, ReferralStep to, string message)
    {
        var r = At(from);
        var before = r.Events.Count;
        var t = Made.AddDays(10);
        var ex = Assert.Throws<ReferralRuleException>(() => r.Record(to, "ben", t, t, DeclineReason.BelowThreshold, t.AddDays(1)));
        Assert.Equal(message, ex.Message);
        Assert.Equal(before, r.Events.Count);
        Assert.Equal(from, r.Status);
    }

    [Fact]
    public void The_named_steps_are_refused_like_any_other()
    {
        var t = Made.AddDays(1);
        Assert.Contains("no appointment booked", Assert.Throws<ReferralRuleException>(() => Sent().Attend("ben", t, t)).Message);
        Assert.Contains("already been sent", Assert.Throws<ReferralRuleException>(() => Sent().Send("ben", t, t)).Message);
        Assert.Contains("been declined", Assert.Throws<ReferralRuleException>(() => At(ReferralStep.Declined).End("ben", t, t)).Message);
        Assert.Contains("not been sent yet", Assert.Throws<ReferralRuleException>(() => ADraft().MissAppointment("ben", t, t)).Message);
    }

    [Fact]
    public void A_step_cannot_be_dated_before_the_referral_was_made()
    {
        var r = ADraft();
        var ex = Assert.Throws<ReferralRuleException>(() => r.Send("amira", Made.AddMinutes(-1), Made));
        Assert.Equal("The date cannot be before the referral was made.", ex.Message);
        Assert.Single(r.Events);
    }

    [Fact]
    public void A_referral_is_drafted_once()
    {
        var r = ADraft();
        Assert.Throws<ReferralRuleException>(() => r.Draft("amira", Made));
        Assert.Throws<ArgumentException>(() => r.Record(ReferralStep.Drafted, "amira", Made, Made));
        Assert.Single(r.Events);
    }

    [Fact]
    public void A_decline_needs_its_reason_and_a_booking_its_appointment()
    {
        var t = Made.AddDays(1);
        Assert.Throws<ArgumentException>(() => Sent().Record(ReferralStep.Declined, "ben", t, t));
        Assert.Throws<ArgumentException>(() => Sent().Record(ReferralStep.AppointmentBooked, "ben", t, t));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sent().Decline((DeclineReason)99, "ben", t, t));
    }
}
