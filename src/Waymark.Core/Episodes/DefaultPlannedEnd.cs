using Waymark.Persistence;

namespace Waymark.Episodes;

/// <summary>
/// The one rule for the planned end set when support starts (issue 13 item 4): the team's
/// <see cref="Support.SupportSettings.SupportMonths"/> after the UK date support started, unless a planned end is already
/// set (<see cref="Episode.SetDefaultPlannedEnd"/>). Used by recording "support started" and by reopening from a drop-in.
/// </summary>
public static class DefaultPlannedEnd
{
    /// <summary>
    /// Sets <paramref name="episode"/>'s planned end to the team's default when it has none, adding the
    /// <see cref="PlannedEndChange"/> to <paramref name="db"/> (saved with the caller's save). One query (the team's settings).
    /// </summary>
    /// <returns>The audit text of the change ("planned end 2027-06-01 (reason)"), or null when nothing was set.</returns>
    public static async Task<string?> ApplyAsync(WaymarkDbContext db, Episode episode, string byUserId, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(episode);
        var months = (await Support.SupportSettingsOf.TeamAsync(db, episode.TeamId, ct)).SupportMonths;
        if (episode.SetDefaultPlannedEnd(months, byUserId, now) is not { } change) return null;
        db.Set<PlannedEndChange>().Add(change);
        return $"planned end {change.To:yyyy-MM-dd} ({change.Reason})";
    }
}
