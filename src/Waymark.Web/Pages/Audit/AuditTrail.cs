using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Web.Pages.Audit;

public record AuditRow(DateTimeOffset At, string? UserId, string? UserName, string? Role, AuditAction Action, string RecordType, string? Detail, string? Purpose);

public record AuditTrail(IReadOnlyList<AuditRow> Rows, int Page, bool HasNext)
{
    public const int PageSize = 50;

    /// <summary>One page of events, newest first, with user names joined in the same query.</summary>
    public static async Task<AuditTrail> LoadAsync(WaymarkDbContext db, IQueryable<AuditEvent> events, int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, 100_000);
        var rows = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(e => new AuditRow(e.At, e.UserId, db.Users.Where(u => u.Id == e.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                e.Role, e.Action, e.RecordType, e.Detail, e.Purpose))
            .ToListAsync(ct);
        return new AuditTrail(rows.Take(PageSize).ToList(), page, rows.Count > PageSize);
    }
}
