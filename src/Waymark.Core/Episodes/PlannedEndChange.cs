using Waymark.Persistence;

namespace Waymark.Episodes;

/// <summary>
/// A change to an episode's planned end (time-limited case management): set by default when support starts, extended
/// or brought forward with a reason. Who, when, from and to; the episode keeps the current date.
/// </summary>
public class PlannedEndChange : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    public Guid EpisodeId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    /// <summary>Why, e.g. "Default: 6 months from the start of support" or the practitioner's reason. Up to 500 characters.</summary>
    public required string Reason { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedByUserId { get; set; }
}
