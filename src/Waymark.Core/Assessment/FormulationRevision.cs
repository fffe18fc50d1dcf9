using Waymark.Persistence;

namespace Waymark.Assessment;

/// <summary>
/// One version of a person's psychological formulation: a living narrative, not a diagnosis. Each
/// revision is a new row with the next <see cref="Number"/>; nothing is edited in place, so every
/// earlier version stays readable with who wrote it and when. The unique (team, person, number)
/// index means two practitioners revising at once cannot both write version n+1.
/// </summary>
public class FormulationRevision : IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The episode it was written in, if any.</summary>
    public Guid? EpisodeId { get; set; }
    public int Number { get; set; }

    public required string CoreProblems { get; set; }
    public required string HowTheyRelate { get; set; }
    public required string WhatMaintainsThem { get; set; }
    public required string Plan { get; set; }
    /// <summary>Why it was revised, e.g. "after the housing referral fell through".</summary>
    public string? ChangeNote { get; set; }

    public DateTimeOffset WrittenAt { get; set; }
    public required string WrittenByUserId { get; set; }
}
