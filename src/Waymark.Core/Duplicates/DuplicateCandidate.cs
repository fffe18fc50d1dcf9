using Waymark.Matching;
using Waymark.Persistence;

namespace Waymark.Duplicates;

/// <summary>What a team manager decided about a pair the scan raised.</summary>
public enum DuplicateDecision
{
    /// <summary>They are different people: the pair is never raised again.</summary>
    NotSamePerson = 1,
    /// <summary>They are the same person and the records were merged (see <see cref="PersonMerge"/>).</summary>
    Merged = 2,
}

/// <summary>
/// A pair of a team's people the duplicate scan found probably to be one person, waiting for a team
/// manager. Nothing is merged without their decision. A rescan replaces the team's undecided pairs
/// and keeps decided ones, so a pair judged "not the same person" is not raised again.
/// </summary>
public class DuplicateCandidate : IVersioned, ITeamOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    /// <summary>The pair in a fixed order (A &lt; B as Guids), so a pair has one row per team.</summary>
    public Guid PersonAId { get; set; }
    public Guid PersonBId { get; set; }
    /// <summary>Match weight in bits, prior included.</summary>
    public double Weight { get; set; }
    public double Probability { get; set; }
    public MatchRule Rule { get; set; }
    /// <summary>The engine's reasons, one per line ("Date of birth: day and month swapped (…), +8.6").</summary>
    public required string Reasons { get; set; }
    public DateTimeOffset FoundAt { get; set; }

    public DuplicateDecision? Decision { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedByUserId { get; set; }
    public Guid? MergeId { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsDecided => Decision is not null;

    public IReadOnlyList<string> ReasonLines => Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The pair's two ids in the stored order.</summary>
    public static (Guid A, Guid B) Order(Guid x, Guid y) => x.CompareTo(y) < 0 ? (x, y) : (y, x);

    public Guid Other(Guid personId) => personId == PersonAId ? PersonBId : PersonAId;
}
