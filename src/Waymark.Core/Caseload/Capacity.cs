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
    public static IQueryable<Teams.TeamMembership> CaseWorkersOf(WaymarkDbContext db, Guid teamId) =>
        MembersInRoles(db, teamId, Teams.Roles.CaseWorkers);

    /// <summary>
    /// The memberships of <paramref name="teamId"/> whose user holds one of <paramref name="roles"/> (role names of
    /// <see cref="Teams.Roles"/>, e.g. <see cref="Teams.Roles.CaseWorkers"/> or just <see cref="Teams.Roles.Volunteer"/>).
    /// A query to compose; nothing is read here.
    /// </summary>
    public static IQueryable<Teams.TeamMembership> MembersInRoles(WaymarkDbContext db, Guid teamId, IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(roles);
        var roleIds = db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Id);
        var userIds = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        return db.TeamMemberships.Where(m => m.TeamId == teamId && userIds.Contains(m.UserId));
    }

    /// <summary>
    /// Whether <paramref name="userId"/> is one of the team's case workers (<see cref="CaseWorkersOf"/>): who may hold a
    /// caseload, be the worker of a contact, an appointment or a step, or meet someone at the gate. False for null
    /// (without a query); otherwise one query.
    /// </summary>
    public static async Task<bool> IsCaseWorkerAsync(WaymarkDbContext db, Guid teamId, string? userId, CancellationToken ct = default) =>
        userId is not null && await CaseWorkersOf(db, teamId).AnyAsync(m => m.UserId == userId, ct);

    /// <summary>
    /// The team's case workers (<see cref="CaseWorkersOf"/>) as (user id, display name), by name: who may have a contact,
    /// an appointment or a caseload. One query.
    /// </summary>
    public static Task<IReadOnlyList<(string UserId, string Name)>> CaseWorkerNamesAsync(WaymarkDbContext db, Guid teamId, CancellationToken ct = default) =>
        MemberNamesAsync(db, teamId, Teams.Roles.CaseWorkers, ct);

    /// <summary>
    /// The team's members in <paramref name="roles"/> (<see cref="MembersInRoles"/>) as (user id, display name), by name
    /// (ignoring case). One query.
    /// </summary>
    public static async Task<IReadOnlyList<(string UserId, string Name)>> MemberNamesAsync(WaymarkDbContext db, Guid teamId, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var rows = await MembersInRoles(db, teamId, roles).AsNoTracking().Select(m => new { m.UserId, m.User!.DisplayName }).ToListAsync(ct);
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
