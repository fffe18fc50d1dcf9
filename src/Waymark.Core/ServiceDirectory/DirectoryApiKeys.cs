using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.ServiceDirectory;

public sealed record NewApiKey(DirectoryApiKey Record, string Key);

/// <summary>Partner agencies' keys to the team's read API: issued (shown once), checked, revoked.</summary>
public class DirectoryApiKeys(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    public async Task<NewApiKey> AddAsync(Guid teamId, string name, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200) throw ValidationFailedException.For(nameof(name), "Give the key the partner's name, 200 characters or fewer");
        if (await db.DirectoryApiKeys.IgnoreQueryFilters().AnyAsync(k => k.TeamId == teamId && k.Name == name && k.RevokedAt == null, ct))
            throw new DirectoryRuleException($"The team already has a key named '{name}'. Revoke it first, or use another name.");
        var key = DirectoryApiKey.NewKey();
        var record = new DirectoryApiKey
        {
            TeamId = teamId, Name = name, KeyHash = DirectoryApiKey.Hash(key), CreatedAt = clock.GetUtcNow(), CreatedBy = user.UserId ?? "system",
        };
        db.DirectoryApiKeys.Add(record);
        audit.Add(AuditAction.Created, "DirectoryApiKey", record.Id.ToString(), detail: $"API key for '{name}' in team {teamId}");
        await db.SaveChangesAsync(ct);
        return new NewApiKey(record, key);
    }

    /// <summary>Revokes the team's live key of that name; false when there is none.</summary>
    public async Task<bool> RevokeAsync(Guid teamId, string name, CancellationToken ct = default)
    {
        name = name.Trim();
        var record = await db.DirectoryApiKeys.IgnoreQueryFilters().FirstOrDefaultAsync(k => k.TeamId == teamId && k.Name == name && k.RevokedAt == null, ct);
        if (record is null) return false;
        record.RevokedAt = clock.GetUtcNow();
        record.RevokedBy = user.UserId ?? "system";
        audit.Add(AuditAction.Updated, "DirectoryApiKey", record.Id.ToString(), detail: $"Revoked API key for '{name}' in team {teamId}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    public Task<List<DirectoryApiKey>> ListAsync(Guid teamId, CancellationToken ct = default) =>
        db.DirectoryApiKeys.IgnoreQueryFilters().AsNoTracking().Where(k => k.TeamId == teamId).OrderBy(k => k.Name).ThenBy(k => k.CreatedAt).ToListAsync(ct);

    /// <summary>
    /// The live key matching what a partner sent, or null. The lookup is by hash and ignores the team filter:
    /// no team is known until the key says which one.
    /// </summary>
    public async Task<DirectoryApiKey?> FindLiveAsync(string? presented, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200) return null;
        var hash = DirectoryApiKey.Hash(presented.Trim());
        return await db.DirectoryApiKeys.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
    }
}
