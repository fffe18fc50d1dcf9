using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;

namespace Waymark.Commissioning;

/// <summary>A team a commissioner commissions: its id and name (aggregates and the dataset name only these).</summary>
public sealed record CommissionedTeam(Guid Id, string Name);

/// <summary>
/// The teams a commissioner commissions: their team memberships (a commissioner is a member of each team they
/// commission; an administrator adds them with <c>waymark users add-to-team</c> or the demo seeds them). Read on the
/// server for every request: a team id from the address that is not one of these is refused.
/// </summary>
public static class CommissionedTeams
{
    /// <summary>The user's teams, by name.</summary>
    public static async Task<IReadOnlyList<CommissionedTeam>> OfAsync(WaymarkDbContext db, string userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.TeamMemberships.AsNoTracking().Where(m => m.UserId == userId)
            .OrderBy(m => m.Team!.Name).Select(m => new CommissionedTeam(m.TeamId, m.Team!.Name)).ToListAsync(ct);
    }
}
