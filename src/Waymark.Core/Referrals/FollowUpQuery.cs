using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;

namespace Waymark.Referrals;

public sealed record FollowUpRow(Guid TaskId, Guid ReferralId, Guid PersonId, string GivenName, string FamilyName, string ServiceName, string Need,
    int Number, DateTimeOffset DueAt, string AssignedToUserId, string? AssignedToName, bool Overdue);

public sealed record FollowUpPage(IReadOnlyList<FollowUpRow> Rows, int PageNumber, bool HasNext);

/// <summary>Open follow-ups, soonest due first (so overdue ones lead), paged; one query each, indexed on (who, open, due).</summary>
public class FollowUpQuery(WaymarkDbContext db, TimeProvider clock)
{
    public const int PageSize = 25;

    public Task<FollowUpPage> MineAsync(string userId, int page, CancellationToken ct = default) =>
        RunAsync(db.FollowUpTasks.Where(t => t.AssignedToUserId == userId && t.DoneAt == null && t.ClosedAt == null), page, ct);

    public Task<FollowUpPage> TeamOverdueAsync(Guid teamId, int page, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return RunAsync(db.FollowUpTasks.Where(t => t.TeamId == teamId && t.DoneAt == null && t.ClosedAt == null && t.DueAt < now), page, ct);
    }

    private async Task<FollowUpPage> RunAsync(IQueryable<FollowUpTask> q, int page, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var now = clock.GetUtcNow();
        var rows = await (
            from t in q.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Skip((page - 1) * PageSize).Take(PageSize + 1)
            join r in db.Referrals on t.ReferralId equals r.Id
            join p in db.People on t.PersonId equals p.Id
            select new { t, r.ServiceName, r.Need, p.GivenName, p.FamilyName,
                Name = db.Users.Where(u => u.Id == t.AssignedToUserId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);
        var list = rows.OrderBy(x => x.t.DueAt).ThenBy(x => x.t.Id).Take(PageSize)
            .Select(x => new FollowUpRow(x.t.Id, x.t.ReferralId, x.t.PersonId, x.GivenName, x.FamilyName, x.ServiceName, x.Need,
                x.t.Number, x.t.DueAt, x.t.AssignedToUserId, x.Name, x.t.DueAt < now)).ToList();
        return new FollowUpPage(list, page, rows.Count > PageSize);
    }
}
