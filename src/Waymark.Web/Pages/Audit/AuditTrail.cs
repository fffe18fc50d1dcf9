using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Web.Pages.Audit;

public record AuditRow(DateTimeOffset At, string? UserId, string? UserName, string? Role, AuditAction Action, string RecordType, string? Detail, string? Purpose);

public record AuditTrail(IReadOnlyList<AuditRow> Rows, int Page, bool HasNext)
{
    public const int PageSize = 50;

    /// <summary>
    /// One page of events, newest first, with user names joined in the same query, and a partner's reads (audited as
    /// "api-key:&lt;id&gt;", <see cref="Infrastructure.HttpCurrentUser"/>) named by the key's name in one more query.
    /// </summary>
    public static async Task<AuditTrail> LoadAsync(WaymarkDbContext db, IQueryable<AuditEvent> events, int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, 100_000);
        var rows = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(e => new AuditRow(e.At, e.UserId, db.Users.Where(u => u.Id == e.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                e.Role, e.Action, e.RecordType, e.Detail, e.Purpose))
            .ToListAsync(ct);
        var keyIds = rows.Select(r => r.UserId is { } u ? PartnerKeyId(u) : null).OfType<Guid>().Distinct().ToList();
        if (keyIds.Count > 0)
        {
            // The viewer's team's keys only (the query filter): a partner reads only its own team's records.
            var names = await db.DirectoryApiKeys.Where(k => keyIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, ct);
            rows = rows.Select(r => r.UserId is { } u && PartnerKeyId(u) is { } id && names.TryGetValue(id, out var name) ? r with { UserName = $"Partner key “{name}”" } : r).ToList();
        }
        return new AuditTrail(rows.Take(PageSize).ToList(), page, rows.Count > PageSize);
    }

    /// <summary>The key id of a partner's audit user id ("api-key:&lt;guid&gt;"), or null for anyone else.</summary>
    private static Guid? PartnerKeyId(string userId)
    {
        const string prefix = Infrastructure.HttpCurrentUser.PartnerUserIdPrefix;
        return userId.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(userId.AsSpan(prefix.Length), out var id) ? id : null;
    }
}
