using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Whether a user still belongs to the team their cookie names, remembered for a few seconds so that a
/// signed-in request does not go to the database just to ask again (docs/benchmarks.md, "Request pipeline").
/// An answer is at most <see cref="SecurityOptions.MembershipRecheckSeconds"/> old; a change made by this
/// instance calls <see cref="Forget"/> so that it takes effect on the next request here.
/// </summary>
public sealed class TeamMembershipCache(IOptions<SecurityOptions> security, TimeProvider clock)
{
    /// <summary>More entries than this and the cache starts again (one entry per signed-in user and team: far more than any deployment's staff).</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(string UserId, Guid TeamId), (string? TeamName, DateTimeOffset Until)> _known = new();

    /// <summary>
    /// The team's name when <paramref name="userId"/> is a member of <paramref name="teamId"/>, otherwise null.
    /// Calls <paramref name="askDatabase"/> (which returns the same) only when no answer younger than the recheck interval is remembered.
    /// </summary>
    public async Task<string?> TeamNameIfMemberAsync(string userId, Guid teamId, Func<CancellationToken, Task<string?>> askDatabase, CancellationToken ct)
    {
        var key = (userId, teamId);
        var now = clock.GetUtcNow();
        if (_known.TryGetValue(key, out var known) && known.Until > now) return known.TeamName;
        var name = await askDatabase(ct);
        var seconds = security.Value.MembershipRecheckSeconds;
        if (seconds > 0)
        {
            if (_known.Count >= MaxEntries) _known.Clear();
            _known[key] = (name, now.AddSeconds(seconds));
        }
        return name;
    }

    /// <summary>Drops what is remembered of <paramref name="userId"/>'s membership of <paramref name="teamId"/> (after a change to it).</summary>
    public void Forget(string userId, Guid teamId) => _known.TryRemove((userId, teamId), out _);
}
