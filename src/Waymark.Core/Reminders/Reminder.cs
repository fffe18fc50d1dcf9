using Waymark.Persistence;

namespace Waymark.Reminders;

/// <summary>How a reminder is sent. Stored as numbers: never renumber.</summary>
public enum ReminderChannel { Text = 1, Email = 2 }

/// <summary>
/// A text or email reminder of an appointment or a court hearing, sent through GOV.UK Notify (ADR 20). Who and when
/// at each step: created, claimed for sending (<see cref="SendingStartedAt"/>), sent (with Notify's id), delivered or
/// failed (Notify's status), cancelled. The Notify <c>reference</c> is this row's id and nothing else, so no personal
/// data goes to Notify beyond the number or address and the message; a send interrupted between the claim and the
/// record of it is resolved by asking Notify for that reference, so a reminder is sent at most once.
/// </summary>
public class Reminder : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    public ReminderChannel Channel { get; set; }
    /// <summary>The appointment it reminds of; null for a court hearing.</summary>
    public Guid? AppointmentId { get; set; }
    /// <summary>The court hearing (a criminal justice event of kind Hearing) it reminds of; null for an appointment.</summary>
    public Guid? HearingEventId { get; set; }
    /// <summary>When the appointment or hearing starts.</summary>
    public DateTimeOffset EventAt { get; set; }
    /// <summary>When to send it: the team's lead time before <see cref="EventAt"/>, moved out of quiet hours.</summary>
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByUserId { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    /// <summary>Why it will not be sent, e.g. "Appointment rescheduled", "Consent to texts withdrawn". Up to 200 characters.</summary>
    public string? CancelReason { get; set; }
    /// <summary>When a sender claimed it (a conditional update: one sender only).</summary>
    public DateTimeOffset? SendingStartedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Notify's id of the notification.</summary>
    public string? NotifyNotificationId { get; set; }
    /// <summary>The message as sent (plain English, no name). Up to 918 characters (6 text message fragments).</summary>
    public string? Body { get; set; }
    /// <summary>Notify's status: created, sending, pending, sent, delivered, permanent-failure, temporary-failure, technical-failure. Up to 40 characters.</summary>
    public string? DeliveryStatus { get; set; }
    public DateTimeOffset? StatusCheckedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    /// <summary>When it failed (Notify reported a failure, or Notify refused it); shown to the key worker.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    /// <summary>Why, in words for the key worker. Up to 500 characters.</summary>
    public string? FailureReason { get; set; }
    /// <summary>When the key worker marked the failure as dealt with.</summary>
    public DateTimeOffset? FailureSeenAt { get; set; }
    public string? FailureSeenByUserId { get; set; }
}
