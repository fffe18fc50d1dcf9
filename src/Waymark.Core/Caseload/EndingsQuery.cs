using Microsoft.EntityFrameworkCore;
using Waymark.Episodes;
using Waymark.Persistence;

namespace Waymark.Caseload;

/// <summary>One open episode whose planned end is due (time-limited case management).</summary>
public record EndingRow(
    Guid EpisodeId, Guid PersonId, string GivenName, string FamilyName, string? KeyWorkerId, string? KeyWorkerName,
    DateTimeOffset? SupportStartedAt, DateOnly PlannedEndDate, bool Overdue);

/// <summary>A page of <see cref="EndingRow"/>s.</summary>
public record EndingsPage(IReadOnlyList<EndingRow> Rows, int PageNumber, int PageSize, int Total)
{
    /// <summary>Pages in all (at least 1).</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// "Endings due": a team's open episodes whose planned end is past or within <see cref="PlannedEnds.DueWithinDays"/>
/// days of today (UK), soonest first, so overdue ones lead. Served by the index (TeamId, ClosedAt, PlannedEndDate);
/// one query for the count and one for the page, with the key worker's name joined in.
/// </summary>
public class EndingsQuery(WaymarkDbContext db, TimeProvider clock)
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 25;

    /// <summary>One page (1-based) of the team's endings due, optionally only <paramref name="keyWorkerId"/>'s.</summary>
    public async Task<EndingsPage> RunAsync(Guid teamId, string? keyWorkerId, int page = 1, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var today = UkTime.Today(clock);
        var until = today.AddDays(PlannedEnds.DueWithinDays);
        var q = db.Episodes.Where(e => e.TeamId == teamId && e.ClosedAt == null && e.PlannedEndDate != null && e.PlannedEndDate <= until);
        if (keyWorkerId is not null) q = q.Where(e => e.KeyWorkerId == keyWorkerId);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(e => e.PlannedEndDate).ThenBy(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(e => new
            {
                e.Id, e.PersonId, e.Person!.GivenName, e.Person.FamilyName, e.KeyWorkerId,
                KeyWorkerName = db.Users.Where(u => u.Id == e.KeyWorkerId).Select(u => u.DisplayName).FirstOrDefault(),
                e.SupportStartedAt, e.PlannedEndDate,
            })
            .ToListAsync(ct);
        return new EndingsPage(rows.Select(r => new EndingRow(r.Id, r.PersonId, r.GivenName, r.FamilyName, r.KeyWorkerId, r.KeyWorkerName,
            r.SupportStartedAt, r.PlannedEndDate!.Value, r.PlannedEndDate < today)).ToList(), page, PageSize, total);
    }
}
