using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Waymark.Persistence;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Whether a user still belongs to the team their cookie names, remembered for a few seconds so that a
/// signed-in request does not open a database connection just to ask again (docs/benchmarks.md, "Request
/// pipeline"). The answer is at most <see cref="SecurityOptions.MembershipRecheckSeconds"/> old; a change made
/// by this instance calls <see cref="Forget"/> so it takes effect on the next request here.
/// </summary>
public sealed class TeamMembershipCache(IOptions<SecurityOptions> security) : IDisposable
{
    // Its own cache, bounded: one entry per signed-in user and team, so 100,000 is far more than any deployment's staff.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private sealed record Entry(string? TeamName);

    /// <summary>
    /// The team's name when <paramref name="userId"/> is a member of <paramref name="teamId"/>, otherwise null.
    /// Asks the database through <paramref name="db"/> (any context: memberships are not team-filtered) only when
    /// the remembered answer has expired; the context is created only then.
    /// </summary>
    public async Task<string?> TeamNameIfMemberAsync(string userId, Guid teamId, Func<WaymarkDbContext> db, CancellationToken ct)
    {
        var key = (userId, teamId);
        if (cache.TryGetValue(key, out Entry? known) && known is not null) return known.TeamName;
        var name = await db().TeamMemberships.AsNoTracking()
            .Where(m => m.TeamId == teamId && m.UserId == userId).Select(m => m.Team!.Name).FirstOrDefaultAsync(ct);
        var seconds = Math.Max(0, security.Value.MembershipRecheckSeconds);
        if (seconds > 0)
            cache.Set(key, new Entry(name), new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds),
                Size = 1,
            });
        return name;
    }

    /// <summary>Drops what is remembered of <paramref name="userId"/>'s membership of <paramref name="teamId"/> (after a change to it).</summary>
    public void Forget(string userId, Guid teamId) => cache.Remove((userId, teamId));

    /// <inheritdoc />
    public void Dispose() => cache.Dispose();
}
