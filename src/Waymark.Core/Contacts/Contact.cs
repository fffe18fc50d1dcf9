using Waymark.Persistence;

namespace Waymark.Contacts;

/// <summary>
/// How a contact happened. The kinds the seeds' services record (../shared/seeds/001: face to face, phone, in custody and
/// court, home visits, accompanying people to appointments, work with families). Stored as numbers: never renumber.
/// </summary>
public enum ContactKind
{
    FaceToFace = 1,
    Telephone = 2,
    Video = 3,
    TextMessage = 4,
    Letter = 5,
    Email = 6,
    InCustody = 7,
    InCourt = 8,
    HomeVisit = 9,
    /// <summary>A worker went with the person to someone else's appointment (housing office, GP, benefits).</summary>
    AccompaniedToAppointment = 10,
    /// <summary>With the person's family or support network.</summary>
    WithFamily = 11,
    /// <summary>The person came to the team without an appointment (docs/support.md "Drop-in"); written by a drop-in record.</summary>
    DropIn = 12,
    /// <summary>A volunteer mentor's meeting or call with their mentee (not clinical).</summary>
    Mentoring = 13,
    /// <summary>Seen or spoken to in prison (before release: "through the gate").</summary>
    InPrison = 14,
}

/// <summary>
/// One interaction with a person, or an attempt that did not reach them (a case note). Linked to the episode it was
/// part of, or after discharge only to the person. Kept as written: a correction is a new contact that supersedes it
/// (<see cref="SupersedesId"/>; the old one gets <see cref="SupersededAt"/>), and one recorded in error is marked so with who,
/// when and why, never deleted. A contact counts (timeline by default, "not in touch") while both are null.
/// </summary>
public class Contact : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The episode it was part of; null for a contact after discharge (or with no open episode).</summary>
    public Guid? EpisodeId { get; set; }
    public ContactKind Kind { get; set; }
    /// <summary>False when it was attempted but the person was not reached (a call not answered, nobody at home).</summary>
    public bool Reached { get; set; }
    /// <summary>When it happened (UK time as typed, stored as an instant).</summary>
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>How long it lasted, in minutes; null when not recorded (an attempt).</summary>
    public int? DurationMinutes { get; set; }
    /// <summary>The team member who had the contact (the recorder may write it up for them).</summary>
    public required string WorkerUserId { get; set; }
    /// <summary>Who else was there or was spoken to, e.g. "Mother" or "Housing officer". Up to 200 characters.</summary>
    public string? WithWhom { get; set; }
    /// <summary>The note. Up to 4000 characters.</summary>
    public string Note { get; set; } = "";
    /// <summary>The member of the person's support network (family, friend, carer) it was with or about, when it was one.</summary>
    public Guid? SupportNetworkMemberId { get; set; }
    /// <summary>The appointment it records (attended, or accompanied to), when it came from one.</summary>
    public Guid? AppointmentId { get; set; }
    /// <summary>The contact this one corrects (kept, shown as corrected).</summary>
    public Guid? SupersedesId { get; set; }
    /// <summary>When a correction replaced it (set on this, the old one, so lists and "not in touch" skip it with no join).</summary>
    public DateTimeOffset? SupersededAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }
    public DateTimeOffset? EnteredInErrorAt { get; set; }
    public string? EnteredInErrorByUserId { get; set; }
    /// <summary>Why it was recorded in error. Up to 500 characters.</summary>
    public string? EnteredInErrorReason { get; set; }
}
