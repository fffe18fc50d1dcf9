using Waymark.Persistence;

namespace Waymark.Referrals;

/// <summary>A step in a referral's life, recorded as an event with who and when.</summary>
public enum ReferralStep
{
    Drafted = 1, Sent = 2, Acknowledged = 3, Accepted = 4, Declined = 5,
    AppointmentBooked = 6, Attended = 7, DidNotAttend = 8, Engaged = 9, Ended = 10,
}

/// <summary>Why a service said no: the evidence of where local services turn people away.</summary>
public enum DeclineReason
{
    BelowThreshold = 1, NotEligible = 2, NoCapacity = 3, DeclinedByPerson = 4, OutOfArea = 5,
    CouldNotContactPerson = 6, OffendingHistory = 7, SubstanceUse = 8, Other = 9,
}

public enum ReferralMethod { Phone = 1, SecureEmail = 2, OnlineForm = 3, Letter = 4, InPerson = 5, WarmHandover = 6 }

/// <summary>
/// An onward referral from an episode to a local service for one need. Its life is a list of
/// who-and-when <see cref="ReferralEvent"/>s; the status is derived from them (ADR 0004), never stored.
/// The referral records its own steps and refuses those <see cref="ReferralLifecycle"/> does not allow,
/// so no caller can put an illegal history together.
/// </summary>
public class Referral : IVersioned, IPersonHistory
{
    // EF reads and writes the events through this field (its convention for a read-only navigation).
    private readonly List<ReferralEvent> _events = [];

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid EpisodeId { get; set; }
    public Guid PersonId { get; set; }
    public Guid ServiceId { get; set; }
    /// <summary>The service's name when referred, so history reads right if the entry is renamed.</summary>
    public required string ServiceName { get; set; }
    /// <summary>The need addressed, as an assessment domain code.</summary>
    public required string Need { get; set; }
    public ReferralMethod Method { get; set; }
    /// <summary>A worker goes with the person or attends the first appointment ("connect, don't signpost").</summary>
    public bool Supported { get; set; }
    public string? SupportPlan { get; set; }
    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }

    /// <summary>The steps recorded so far, in the order recorded; changed only through this referral's step methods.</summary>
    public IReadOnlyList<ReferralEvent> Events => _events.AsReadOnly();

    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The latest step recorded; <see cref="ReferralStep.Drafted"/> before any.</summary>
    public ReferralStep Status => ReferralLifecycle.StatusOf(_events);

    /// <summary>Records that the referral was made, as a draft: always its first step.</summary>
    /// <param name="byUserId">Who made it.</param>
    /// <param name="at">When it was made (an instant; also when it was recorded).</param>
    /// <returns>The event recorded, for the caller to add to the unit of work.</returns>
    /// <exception cref="ReferralRuleException">The referral already has steps recorded.</exception>
    public ReferralEvent Draft(string byUserId, DateTimeOffset at)
    {
        if (_events.Count > 0)
            throw new ReferralRuleException("This referral has already been made; record what happened next instead.");
        return Append(ReferralStep.Drafted, byUserId, at, at, null, null, null);
    }

    /// <summary>Records that the referral was sent to the service (follow-ups are the caller's to schedule).</summary>
    /// <param name="byUserId">Who recorded it.</param>
    /// <param name="at">When it was sent; may be earlier than <paramref name="recordedAt"/>.</param>
    /// <param name="recordedAt">When it was recorded.</param>
    /// <param name="note">Free text (trimmed; blank is none). Its length is checked where it is entered: the column holds 2,000 characters.</param>
    /// <exception cref="ReferralRuleException">It was already sent, or its outcome is known, or <paramref name="at"/> is before the referral was made.</exception>
    public ReferralEvent Send(string byUserId, DateTimeOffset at, DateTimeOffset recordedAt, string? note = null) =>
        Record(ReferralStep.Sent, byUserId, at, recordedAt, null, null, note);

    /// <summary>Records that the service acknowledged the referral.</summary>
    /// <exception cref="ReferralRuleException">The referral is not waiting for the service's reply (see <see cref="ReferralLifecycle.WhyNot"/>), or the date is before it was made.</exception>
    public ReferralEvent Acknowledge(string byUserId, DateTimeOffset at, DateTimeOffset recordedAt, string? note = null) =>
        Record(ReferralStep.Acknowledged, byUserId, at, recordedAt, null, null, note);

    /// <summary>Records that the service accepted the person.</summary>
    /// <exception cref="ReferralRuleException">The referral was not sent, or the service's decision is already known, or the date is before it was made.</exception>
    public ReferralEvent Accept(string byUserId, DateTimeOffset at, DateTimeOffset recordedAt, string? note = null) =>
        Record(ReferralStep.Accepted, byUserId, at, recordedAt, null, null, note);

    /// <summary>Records that the service turned the person away, and why. The referral's outcome is then known.</summary>
    /// <exception cref="ReferralRuleException">The referral was not sent, or the service's decision is already known, or the date is before it was made.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reason"/> is not a defined reason.</exception>
    public ReferralEvent Decline(DeclineReason reason, string byUserId, DateTimeOffset at, DateTimeOffset recordedAt, string? note = null)
    {
        if (!Enum.IsDefined(reason)) throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a decline reason.");
        return Record(ReferralStep.Declined, byUserId, at, recordedAt, reason, null, note);
    }

    /// <summary>Records an appointment with the service (again, to rebook).</summary>
    /// <param name="appointmentAt">When the appointment is.</param>
    /// <exception cref="ReferralRuleException">The referral was not sent, or its outcome is known, or the date is before it was made.</exception>
    public ReferralEvent BookAppointment(DateTimeOffset appointmentAt, string byUserId, DateTimeOffset at, DateTimeOffset recordedAt, string? note = null) =>
        Record(ReferralStep.AppointmentBooked, byUserId, at, recordedAt, null, appointmentAt, note);

    /// <summary>Records that the person went to the booked appointment.</summary>
    /// <exception cref="ReferralRuleException">No appointment is booked, or the date is before the referral was made.</exception>
    public ReferralEvent Attend(string byUserId, DateTimeOffset at, DateTimeOffset recordedAt, string? note = null) =>
        Record(ReferralStep.Attended, byUserId, at, recordedAt, null, null, note);

    /// <summary>Records that the person missed the booked appointment.</summary>
    /// <exception cref="ReferralRuleException">No appointment is booked, or the date is before the referral was made.</exception>
    public ReferralEvent MissAppointment(string byUserId, DateTimeOffset at, DateTimeOffset recordedAt, string? note = null) =>
        Record(ReferralStep.DidNotAttend, byUserId, at, recordedAt, null, null, note);

    /// <summary>Records that the person engaged with the service. The referral's outcome is then known.</summary>
    /// <exception cref="ReferralRuleException">The service has not accepted the person and they have not attended, or the date is before the referral was made.</exception>
    public ReferralEvent Engage(string byUserId, DateTimeOffset at, DateTimeOffset recordedAt, string? note = null) =>
        Record(ReferralStep.Engaged, byUserId, at, recordedAt, null, null, note);

    /// <summary>Ends the referral (from any step not already final). The referral's outcome is then known.</summary>
    /// <exception cref="ReferralRuleException">The referral was declined or has ended, or the date is before it was made.</exception>
    public ReferralEvent End(string byUserId, DateTimeOffset at, DateTimeOffset recordedAt, string? note = null) =>
        Record(ReferralStep.Ended, byUserId, at, recordedAt, null, null, note);

    /// <summary>
    /// Records <paramref name="step"/> if it may follow the current status. The decline reason and appointment
    /// time are kept only for the step they belong to.
    /// </summary>
    /// <param name="step">Any step but <see cref="ReferralStep.Drafted"/> (use <see cref="Draft"/>).</param>
    /// <param name="byUserId">Who recorded it.</param>
    /// <param name="at">When it happened; not before the referral was made.</param>
    /// <param name="recordedAt">When it was recorded.</param>
    /// <param name="declineReason">Required for <see cref="ReferralStep.Declined"/>.</param>
    /// <param name="appointmentAt">Required for <see cref="ReferralStep.AppointmentBooked"/>.</param>
    /// <param name="note">Free text (trimmed; blank is none). Its length is checked where it is entered: the column holds 2,000 characters.</param>
    /// <returns>The event recorded, for the caller to add to the unit of work.</returns>
    /// <exception cref="ReferralRuleException">The lifecycle does not allow the step now (the message says why), or <paramref name="at"/> is before the referral was made.</exception>
    /// <exception cref="ArgumentException">The step is Drafted, or a decline has no reason, or a booking no appointment time.</exception>
    public ReferralEvent Record(ReferralStep step, string byUserId, DateTimeOffset at, DateTimeOffset recordedAt,
        DeclineReason? declineReason = null, DateTimeOffset? appointmentAt = null, string? note = null)
    {
        if (step == ReferralStep.Drafted || !Enum.IsDefined(step))
            throw new ArgumentException("A referral is drafted once, when it is made; record a later step.", nameof(step));
        if (ReferralLifecycle.WhyNot(Status, step) is { } why) throw new ReferralRuleException(why);
        if (_events.Count > 0 && at < _events.Min(e => e.At))
            throw new ReferralRuleException("The date cannot be before the referral was made.");
        if (step == ReferralStep.Declined && declineReason is null)
            throw new ArgumentException("A decline needs its reason.", nameof(declineReason));
        if (step == ReferralStep.AppointmentBooked && appointmentAt is null)
            throw new ArgumentException("A booking needs the appointment's time.", nameof(appointmentAt));
        return Append(step, byUserId, at, recordedAt,
            step == ReferralStep.Declined ? declineReason : null,
            step == ReferralStep.AppointmentBooked ? appointmentAt : null,
            note);
    }

    private ReferralEvent Append(ReferralStep step, string byUserId, DateTimeOffset at, DateTimeOffset recordedAt,
        DeclineReason? declineReason, DateTimeOffset? appointmentAt, string? note)
    {
        var e = new ReferralEvent
        {
            ReferralId = Id, Sequence = _events.Count == 0 ? 1 : _events.Max(x => x.Sequence) + 1, Step = step,
            At = at, RecordedAt = recordedAt, ByUserId = byUserId, DeclineReason = declineReason, AppointmentAt = appointmentAt,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
        _events.Add(e);
        return e;
    }
}

/// <summary>A step the referral rules refuse, with a message saying why.</summary>
public class ReferralRuleException(string message) : DomainRuleException(message);

/// <summary>One recorded step of a referral; never changed once recorded.</summary>
[NotTeamScoped("Read through its referral, which is filtered.")]
public class ReferralEvent
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid ReferralId { get; init; }
    /// <summary>1, 2, 3… in the order recorded; unique per referral.</summary>
    public int Sequence { get; init; }
    public ReferralStep Step { get; init; }
    /// <summary>When it happened (may be earlier than when it was recorded).</summary>
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public required string ByUserId { get; init; }
    public DeclineReason? DeclineReason { get; init; }
    /// <summary>For "appointment booked": when the appointment is.</summary>
    public DateTimeOffset? AppointmentAt { get; init; }
    public string? Note { get; init; }
}
