using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.ProactiveIdentification;

/// <summary>
/// Settings of proactive identification (<c>ProactiveIdentification:*</c> in appsettings.json).
/// </summary>
/// <param name="UnmatchedRetentionDays">
/// Days after a list's day that the personal details of its rows matched to nobody the team knows are kept
/// (<c>ProactiveIdentification:UnmatchedRetentionDays</c>, 1 to 3650, default 30). They were never the team's
/// people: after this the names, date of birth, identifiers, postcode, reference, offence and notes are cleared,
/// leaving the age on the day, sex and times for the figures.
/// </param>
public sealed record ProactiveOptions(int UnmatchedRetentionDays)
{
    /// <summary>The setting's key.</summary>
    public const string UnmatchedRetentionDaysKey = "ProactiveIdentification:UnmatchedRetentionDays";
    /// <summary>The default: 30 days.</summary>
    public const int DefaultUnmatchedRetentionDays = 30;
    /// <summary>How long a preview nobody confirmed is kept before it is deleted: one day.</summary>
    public static readonly TimeSpan PreviewLifetime = TimeSpan.FromDays(1);

    /// <summary>The settings in <paramref name="config"/>.</summary>
    /// <exception cref="InvalidOperationException">The number of days is outside 1 to 3650.</exception>
    public static ProactiveOptions From(IConfiguration config)
    {
        var days = config.GetValue<int?>(UnmatchedRetentionDaysKey) ?? DefaultUnmatchedRetentionDays;
        if (days is < 1 or > 3650) throw new InvalidOperationException($"{UnmatchedRetentionDaysKey} must be between 1 and 3650 days, not {days}.");
        return new ProactiveOptions(days);
    }
}

/// <summary>
/// Clears what the team should not keep of custody and court lists: the personal details of rows matched to nobody
/// (or whose match was rejected) once <see cref="ProactiveOptions.UnmatchedRetentionDays"/> have passed since the
/// list's day, and previews nobody confirmed within <see cref="ProactiveOptions.PreviewLifetime"/>. Run at start-up
/// and then daily by the web app's schedule (every team: the context must act as the system).
/// </summary>
public class ProactiveRetention(WaymarkDbContext db, Auditor audit, ProactiveOptions options, TimeProvider clock)
{
    /// <summary>Clears and deletes what is due; returns how many rows were cleared and previews deleted.</summary>
    public async Task<(int RowsCleared, int PreviewsDeleted)> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var lastKeptDay = UkTime.DateOf(now).AddDays(-options.UnmatchedRetentionDays);
        var dueLists = db.Set<ProactiveList>().Where(l => l.Day < lastKeptDay).Select(l => l.Id);
        // Matched to nobody: no candidate, a rejected one, or an undecided one the engine was not sure of (ProactiveListRow.MatchedPersonId).
        var cleared = await db.Set<ProactiveListRow>()
            .Where(r => r.DetailsClearedAt == null && dueLists.Contains(r.ListId)
                        && (r.PersonId == null || r.Verdict == RowVerdict.Rejected || (r.Verdict == null && r.Band != MatchBand.Definite)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.FamilyName, "")
                .SetProperty(r => r.GivenNames, (string?)null)
                .SetProperty(r => r.DateOfBirth, (DateOnly?)null)
                .SetProperty(r => r.Postcode, (string?)null)
                .SetProperty(r => r.PncId, (string?)null)
                .SetProperty(r => r.NhsNumber, (string?)null)
                .SetProperty(r => r.Reference, (string?)null)
                .SetProperty(r => r.OffenceCategory, (string?)null)
                .SetProperty(r => r.Notes, (string?)null)
                .SetProperty(r => r.PersonId, (Guid?)null)
                .SetProperty(r => r.DetailsClearedAt, now), ct);
        var staleBefore = now - ProactiveOptions.PreviewLifetime;
        var stale = db.Set<ProactiveList>().Where(l => l.ConfirmedAt == null && l.ImportedAt < staleBefore).Select(l => l.Id);
        await db.Set<ProactiveListRow>().Where(r => stale.Contains(r.ListId)).ExecuteDeleteAsync(ct);
        var deleted = await db.Set<ProactiveList>().Where(l => l.ConfirmedAt == null && l.ImportedAt < staleBefore).ExecuteDeleteAsync(ct);
        if (cleared + deleted > 0)
        {
            audit.Add(AuditAction.Updated, "ProactiveList", null, detail: $"retention rowsCleared={cleared} previewsDeleted={deleted}");
            await db.SaveChangesAsync(ct);
        }
        return (cleared, deleted);
    }
}
