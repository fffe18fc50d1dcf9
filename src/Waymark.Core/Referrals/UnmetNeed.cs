using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Persistence;

namespace Waymark.Referrals;

/// <summary>Why no referral could be made for a need (issue 15 item 2: evidence of gaps in local services). Stored as numbers: never renumber.</summary>
public enum UnmetNeedReason
{
    /// <summary>No service for this need exists locally at all.</summary>
    NoServiceExists = 1,
    /// <summary>No service in the team's directory meets the need for this person (age, eligibility).</summary>
    NoneInDirectory = 2,
    /// <summary>Services exist, but none covers the area where the person lives.</summary>
    NotInArea = 3,
    /// <summary>The service that would meet it has closed its waiting list.</summary>
    WaitingListClosed = 4,
    /// <summary>Another reason (the detail says which; figures show only "Other").</summary>
    Other = 5,
}

/// <summary>Words for <see cref="UnmetNeedReason"/>.</summary>
public static class UnmetNeedReasons
{
    /// <summary>Every reason, in the order the form offers them.</summary>
    public static IReadOnlyList<UnmetNeedReason> All { get; } = Enum.GetValues<UnmetNeedReason>();

    /// <summary>The reason in words.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared reason.</exception>
    public static string Display(UnmetNeedReason r) => r switch
    {
        UnmetNeedReason.NoServiceExists => "No service for this need exists locally",
        UnmetNeedReason.NoneInDirectory => "No suitable service in the directory",
        UnmetNeedReason.NotInArea => "No service covers the person's area",
        UnmetNeedReason.WaitingListClosed => "The service's waiting list is closed",
        UnmetNeedReason.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(r), r, "Not an unmet need reason"),
    };
}

/// <summary>
/// "No suitable service for this need": a worker found no service to refer the person to for one of their needs. Counted
/// by need and month on the unmet-need page (the evidence a team manager takes to the commissioner); the detail text is
/// never shown in figures. Never deleted: a record made in error is withdrawn, with who, when and why, and then not counted.
/// </summary>
public class UnmetNeed : IPersonHistory
{
    /// <summary>The longest detail text, in characters.</summary>
    public const int MaxDetail = 1000;
    /// <summary>The longest reason for withdrawing, in characters.</summary>
    public const int MaxWithdrawnReason = 500;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    public Guid PersonId { get; set; }
    public Guid EpisodeId { get; set; }
    /// <summary>The need, as an assessment domain code (<see cref="AssessmentDomains"/>).</summary>
    public required string Need { get; set; }
    public UnmetNeedReason Reason { get; set; }
    /// <summary>What was looked for, in the worker's words; optional, up to <see cref="MaxDetail"/> characters. Never in figures.</summary>
    public string? Detail { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByUserId { get; set; }
    /// <summary>When it was withdrawn (recorded in error); null while it stands.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnByUserId { get; set; }
    /// <summary>Why it was withdrawn; up to <see cref="MaxWithdrawnReason"/> characters.</summary>
    public string? WithdrawnReason { get; set; }

    /// <summary>Whether it stands (is counted).</summary>
    public bool Stands => WithdrawnAt is null;
}

/// <summary>What a worker enters to record an unmet need.</summary>
/// <param name="Need">An assessment domain code.</param>
/// <param name="Reason">Why no referral could be made.</param>
/// <param name="Detail">Optional words, up to <see cref="UnmetNeed.MaxDetail"/> characters.</param>
public sealed record UnmetNeedInput(string? Need, UnmetNeedReason? Reason, string? Detail)
{
    /// <summary>Every problem, by field (Need, Reason, Detail).</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (!AssessmentDomains.IsKnown(Need)) yield return (nameof(Need), "Select the need no service could meet");
        if (Reason is not { } r || !Enum.IsDefined(r)) yield return (nameof(Reason), "Select why no referral could be made");
        else if (r == UnmetNeedReason.Other && string.IsNullOrWhiteSpace(Detail)) yield return (nameof(Detail), "Say what was looked for and why no service could meet it");
        if (Detail is { Length: > UnmetNeed.MaxDetail }) yield return (nameof(Detail), $"Detail must be {UnmetNeed.MaxDetail:N0} characters or fewer");
    }
}

/// <summary>Records and withdraws unmet needs on an episode: load → check the team holds the open episode → audit → save.</summary>
public class UnmetNeedService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The episode's unmet needs, newest first (withdrawn ones too).</summary>
    public async Task<IReadOnlyList<UnmetNeed>> ForEpisodeAsync(Guid episodeId, CancellationToken ct = default) =>
        await db.Set<UnmetNeed>().AsNoTracking().Where(u => u.EpisodeId == episodeId).OrderByDescending(u => u.RecordedAt).ToListAsync(ct);

    /// <summary>Records that no suitable service could be found for a need of the episode's person.</summary>
    /// <exception cref="ValidationFailedException">Every problem with the input (fields Need, Reason, Detail).</exception>
    /// <exception cref="KeyNotFoundException">The team cannot see the episode.</exception>
    /// <exception cref="EpisodeRuleException">The episode is another team's, or closed.</exception>
    public async Task<UnmetNeed> RecordAsync(Guid episodeId, UnmetNeedInput input, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(input.Validate());
        var episode = await db.OpenEpisodeOfTeamAsync(user, episodeId, "record an unmet need", ct);
        var record = new UnmetNeed
        {
            TeamId = episode.TeamId, PersonId = episode.PersonId, EpisodeId = episode.Id, Need = input.Need!, Reason = input.Reason!.Value,
            Detail = string.IsNullOrWhiteSpace(input.Detail) ? null : input.Detail.Trim(),
            RecordedAt = clock.GetUtcNow(), RecordedByUserId = user.UserId!,
        };
        db.Set<UnmetNeed>().Add(record);
        // Coded values only: the detail is the worker's words and stays out of the trail's text.
        audit.Add(AuditAction.Created, "UnmetNeed", record.Id.ToString(), episode.PersonId, $"{record.Need}: {record.Reason}");
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>Withdraws an unmet need recorded in error (kept, no longer counted).</summary>
    /// <exception cref="ValidationFailedException">No reason, or one too long (field Reason).</exception>
    /// <exception cref="KeyNotFoundException">No such record the team can see.</exception>
    /// <exception cref="EpisodeRuleException">It is another team's.</exception>
    /// <exception cref="ReferralRuleException">It was already withdrawn.</exception>
    public async Task WithdrawAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw ValidationFailedException.For("Reason", "Enter why it is being withdrawn");
        if (reason.Trim().Length > UnmetNeed.MaxWithdrawnReason) throw ValidationFailedException.For("Reason", $"Reason must be {UnmetNeed.MaxWithdrawnReason} characters or fewer");
        var record = await db.Set<UnmetNeed>().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new KeyNotFoundException("Unmet need not found.");
        if (record.TeamId != user.TeamId && !user.IsSystem) throw new EpisodeRuleException(EpisodesToChange.AnotherTeams);
        if (!record.Stands) throw new ReferralRuleException("This unmet need has already been withdrawn.");
        (record.WithdrawnAt, record.WithdrawnByUserId, record.WithdrawnReason) = (clock.GetUtcNow(), user.UserId, reason.Trim());
        audit.Add(AuditAction.Updated, "UnmetNeed", record.Id.ToString(), record.PersonId, "Withdrawn");
        await db.SaveChangesAsync(ct);
    }
}
