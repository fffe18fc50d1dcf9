using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;

namespace Waymark.Caseload;

public record WorkerLoad(string UserId, string DisplayName, int OpenEpisodes, int? Limit)
{
    public bool OverCapacity => Limit is { } l && OpenEpisodes > l;
    public bool AtOrOverCapacity => Limit is { } l && OpenEpisodes >= l;
}

public record TeamLoad(int OpenEpisodes, int? Limit, IReadOnlyList<WorkerLoad> Workers)
{
    public bool OverCapacity => Limit is { } l && OpenEpisodes > l;
}

/// <summary>Open episodes against the team's and each worker's configured limits.</summary>
public class Capacity(WaymarkDbContext db)
{
    /// <summary>The memberships of <paramref name="teamId"/> whose role holds cases (<see cref="Teams.Roles.CaseWorkers"/>): the workers capacity is about.</summary>
    public static IQueryable<Teams.TeamMembership> CaseWorkersOf(WaymarkDbContext db, Guid teamId)
    {
        var caseRoleIds = db.Roles.Where(r => Teams.Roles.CaseWorkers.Contains(r.Name!)).Select(r => r.Id);
        var caseWorkerIds = db.UserRoles.Where(ur => caseRoleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        return db.TeamMemberships.Where(m => m.TeamId == teamId && caseWorkerIds.Contains(m.UserId));
    }

    /// <summary>
    /// The team's case workers (<see cref="CaseWorkersOf"/>) as (user id, display name), by name: who may have a contact,
    /// an appointment or a caseload. One query.
    /// </summary>
    public static async Task<IReadOnlyList<(string UserId, string Name)>> CaseWorkerNamesAsync(WaymarkDbContext db, Guid teamId, CancellationToken ct = default)
    {
        var rows = await CaseWorkersOf(db, teamId).AsNoTracking().Select(m => new { m.UserId, m.User!.DisplayName }).ToListAsync(ct);
        return rows.OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase).Select(r => (r.UserId, r.DisplayName)).ToList();
    }

    public async Task<TeamLoad> ForTeamAsync(Guid teamId, CancellationToken ct = default)
    {
        var team = await db.Teams.AsNoTracking().FirstAsync(t => t.Id == teamId, ct);
        // One pass over the team's open episodes gives each worker's count and (with the unallocated) the total.
        var groups = await db.Episodes.Where(e => e.TeamId == teamId && e.ClosedAt == null)
            .GroupBy(e => e.KeyWorkerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var counts = groups.Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.Count);
        var open = groups.Sum(g => g.Count);
        var members = await CaseWorkersOf(db, teamId)
            .Select(m => new { m.UserId, m.User!.DisplayName, m.CaseloadCapacity }).ToListAsync(ct);
        var workers = members
            .Select(m => new WorkerLoad(m.UserId, m.DisplayName, counts.GetValueOrDefault(m.UserId), m.CaseloadCapacity ?? team.WorkerCapacity))
            .OrderBy(w => w.DisplayName).ToList();
        return new TeamLoad(open, team.CaseloadCapacity, workers);
    }
}
