using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Persistence;

namespace Waymark.Episodes;

/// <summary>
/// The one guard for "an episode this team may change": every service that changes an episode, or adds to it,
/// loads the episode through here. Only the team holding an episode may change it; others see it read-only.
/// </summary>
public static class EpisodesToChange
{
    /// <summary>Why another team is refused; the same words wherever it happens.</summary>
    public const string AnotherTeams = "This episode belongs to another team. You can see it, but only that team can change it.";

    /// <summary>
    /// Loads the episode (tracked) for a change by <paramref name="user"/>'s team that only an open episode takes.
    /// </summary>
    /// <param name="action">What the user was doing, to finish "so you cannot …", e.g. "record a screening outcome".</param>
    /// <exception cref="KeyNotFoundException">No such episode, or the user's team cannot see it.</exception>
    /// <exception cref="EpisodeRuleException">The episode belongs to another team, or it is closed (the message gives the date and says what to do).</exception>
    public static async Task<Episode> OpenEpisodeOfTeamAsync(this WaymarkDbContext db, ICurrentUser user, Guid episodeId, string action, CancellationToken ct = default)
    {
        var episode = await db.EpisodeOfTeamAsync(user, episodeId, ct);
        if (episode.ClosedAt is { } closedAt) throw new EpisodeRuleException(Episode.ClosedRefusal(closedAt, action));
        return episode;
    }

    /// <summary>
    /// Loads the episode (tracked) for a change by <paramref name="user"/>'s team that a closed episode still takes
    /// (an outcome, consent), or whose openness the episode's own methods check. The system user may change any team's.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such episode, or the user's team cannot see it.</exception>
    /// <exception cref="EpisodeRuleException">The episode belongs to another team.</exception>
    public static async Task<Episode> EpisodeOfTeamAsync(this WaymarkDbContext db, ICurrentUser user, Guid episodeId, CancellationToken ct = default)
    {
        var episode = await db.Episodes.FirstOrDefaultAsync(x => x.Id == episodeId, ct)
            ?? throw new KeyNotFoundException("Episode not found.");
        if (episode.TeamId != user.TeamId && !user.IsSystem) throw new EpisodeRuleException(AnotherTeams);
        return episode;
    }
}
