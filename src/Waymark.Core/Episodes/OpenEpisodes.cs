using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;

namespace Waymark.Episodes;

/// <summary>One of a person's open episodes, offered when a contact or an appointment must say which it was part of.</summary>
public sealed record EpisodeChoice(Guid Id, DateTimeOffset IdentifiedAt, Setting Setting);

/// <summary>A person's open episodes with one team: the one rule for what a new contact or appointment can belong to.</summary>
public static class OpenEpisodes
{
    /// <summary>The open episodes of <paramref name="personId"/> held by <paramref name="teamId"/>, newest first. One query.</summary>
    public static async Task<IReadOnlyList<EpisodeChoice>> OfPersonAsync(WaymarkDbContext db, Guid personId, Guid teamId, CancellationToken ct = default) =>
        await db.Episodes.AsNoTracking().Where(e => e.PersonId == personId && e.TeamId == teamId && e.ClosedAt == null)
            .OrderByDescending(e => e.IdentifiedAt).ThenBy(e => e.Id)
            .Select(e => new EpisodeChoice(e.Id, e.IdentifiedAt, e.Setting)).ToListAsync(ct);
}
