using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;

namespace Waymark.Teams;

public static class UserNames
{
    /// <summary>Display names of the given users in one query (nulls and repeats ignored; none asked, none read).</summary>
    public static async Task<Dictionary<string, string>> DisplayNamesAsync(this WaymarkDbContext db, IEnumerable<string?> userIds, CancellationToken ct = default)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
