using Waymark.Persistence;

namespace Waymark.Appointments;

/// <summary>What happened at an appointment. Stored as numbers: never renumber.</summary>
public enum AppointmentOutcome
{
    Attended = 1,
    AttendedLate = 2,
    DidNotAttend = 3,
    CancelledByPerson = 4,
    CancelledByTeam = 5,
    /// <summary>Cancelled by the other service (for an appointment a worker was to accompany them to).</summary>
    CancelledByOtherService = 6,
}

/// <summary>
/// An appointment the team has with a person, or someone else's appointment a worker goes to with them
/// (<see cref="Accompanied"/>). Rescheduling books a new appointment that supersedes this one (<see cref="SupersedesId"/>
/// on the new one); the old one is kept. Its outcome is recorded with who and when.
/// </summary>
public class Appointment : IPersonHistory, IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The episode it is part of; null after discharge.</summary>
    public Guid? EpisodeId { get; set; }
    /// <summary>When it starts (UK time as typed, stored as an instant).</summary>
    public DateTimeOffset StartsAt { get; set; }
    /// <summary>How long it is expected to last, in minutes (5 to 720).</summary>
    public int DurationMinutes { get; set; } = 60;
    /// <summary>Where, e.g. "Newtown Library, interview room 2" or "Newtown Housing Options, 1 High Street". Up to 200 characters.</summary>
    public string Location { get; set; } = "";
    /// <summary>The team member whose diary it is in (who sees them, or who goes with them).</summary>
    public required string WorkerUserId { get; set; }
    /// <summary>Who the appointment is with, for an accompanied one (e.g. "Housing officer"); others present otherwise. Up to 200 characters.</summary>
    public string? WithWhom { get; set; }
    /// <summary>What it is for, in plain words (may be read out in a reminder only as "an appointment"). Up to 500 characters.</summary>
    public string Purpose { get; set; } = "";
    /// <summary>A worker goes with the person to someone else's appointment (housing office, GP, benefits).</summary>
    public bool Accompanied { get; set; }
    /// <summary>The appointment this one replaces (rescheduling); that one is kept and shows as rescheduled.</summary>
    public Guid? SupersedesId { get; set; }
    /// <summary>On a rescheduled appointment (one with <see cref="SupersedesId"/>): why the earlier one was moved. Up to 500 characters.</summary>
    public string? RescheduleReason { get; set; }
    /// <summary>The release from prison it was booked for (a release-day appointment: GP, housing, probation, benefits, pharmacy), if any.</summary>
    public Guid? ReleasePlanId { get; set; }
    /// <summary>Remind the person by text message (only with their recorded consent to texts).</summary>
    public bool RemindByText { get; set; }
    /// <summary>Remind the person by email (only with their recorded consent to email).</summary>
    public bool RemindByEmail { get; set; }
    public DateTimeOffset BookedAt { get; set; }
    public required string BookedByUserId { get; set; }
    public AppointmentOutcome? Outcome { get; set; }
    public DateTimeOffset? OutcomeRecordedAt { get; set; }
    public string? OutcomeRecordedByUserId { get; set; }
    /// <summary>A note about the outcome (why cancelled, what happened). Up to 1000 characters.</summary>
    public string? OutcomeNote { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>When it is expected to end.</summary>
    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
}

/// <summary>
/// A worker's private iCalendar feed address (ADR 20): calendar apps cannot sign in, so the address carries a secret;
/// only its SHA-256 hash is stored. Revoked by who and when; a worker has at most one live feed per team.
/// </summary>
public class CalendarFeed : ITeamOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public required string UserId { get; set; }
    /// <summary>SHA-256 of the secret in the feed's address, hex, 64 characters.</summary>
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
