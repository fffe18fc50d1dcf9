using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Caseload;

/// <summary>A team's configured limits: the team's open episodes, the default per worker, and each worker's own.</summary>
public record CapacityLimits(int? Team, int? WorkerDefault, IReadOnlyDictionary<string, int?> Workers);

/// <summary>
/// Reads and changes capacity limits. A save only applies if the limits are still those the manager
/// loaded (a conditional update), so two managers never silently overwrite each other.
/// </summary>
public class CapacitySettings(WaymarkDbContext db, Auditor audit)
{
    public const int Maximum = 10_000;

    public async Task<CapacityLimits> LoadAsync(Guid teamId, CancellationToken ct = default)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId)
            .Select(t => new { t.CaseloadCapacity, t.WorkerCapacity }).FirstAsync(ct);
        // The same workers as the caseload's (Capacity.CaseWorkersOf): a volunteer or administrator has no caseload limit.
        var workers = await Capacity.CaseWorkersOf(db, teamId).AsNoTracking()
            .ToDictionaryAsync(m => m.UserId, m => m.CaseloadCapacity, ct);
        return new CapacityLimits(team.CaseloadCapacity, team.WorkerCapacity, workers);
    }

    public static IEnumerable<(string Field, string Message)> Validate(CapacityLimits wanted)
    {
        static bool Bad(int? v) => v is < 1 or > Maximum;
        if (Bad(wanted.Team)) yield return ("Team", $"Team limit must be a number from 1 to {Maximum:N0}, or left empty for no limit");
        if (Bad(wanted.WorkerDefault)) yield return ("WorkerDefault", $"Limit per worker must be a number from 1 to {Maximum:N0}, or left empty for no limit");
        foreach (var (userId, limit) in wanted.Workers)
            if (Bad(limit)) yield return (userId, $"Each worker's limit must be a number from 1 to {Maximum:N0}, or left empty to use the team's default");
    }

    public async Task SaveAsync(Guid teamId, CapacityLimits loaded, CapacityLimits wanted, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Teams
            .Where(t => t.Id == teamId && t.CaseloadCapacity == loaded.Team && t.WorkerCapacity == loaded.WorkerDefault)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CaseloadCapacity, wanted.Team).SetProperty(t => t.WorkerCapacity, wanted.WorkerDefault), ct);
        if (changed != 1) throw Conflict();
        foreach (var (userId, limit) in wanted.Workers)
        {
            if (!loaded.Workers.TryGetValue(userId, out var before)) throw Conflict();
            if (before == limit) continue;
            var n = await db.TeamMemberships
                .Where(m => m.TeamId == teamId && m.UserId == userId && m.CaseloadCapacity == before)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.CaseloadCapacity, limit), ct);
            if (n != 1) throw Conflict();
        }
        audit.Add(AuditAction.Updated, "TeamCapacity", teamId.ToString(),
            detail: $"team={wanted.Team?.ToString() ?? "none"} perWorker={wanted.WorkerDefault?.ToString() ?? "none"}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static ConcurrencyConflictException Conflict() => new(
        "Someone else changed the capacity limits while you were editing. Your changes have not been saved. Check the limits as they are now and try again.");
}
