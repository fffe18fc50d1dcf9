using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.ServiceDirectory;

public sealed record NewApiKey(DirectoryApiKey Record, string Key);

/// <summary>
/// Partner agencies' keys to the team's read APIs: issued (shown once), checked, revoked. Every method takes the key's
/// <see cref="ApiKeyScope"/> (directory by default): a name is unique among a team's live keys of one scope, and a key
/// is only ever found for the scope it was issued for.
/// </summary>
public class DirectoryApiKeys(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Issues a new directory key (see the overload with a scope).</summary>
    public Task<NewApiKey> AddAsync(Guid teamId, string name, CancellationToken ct = default) =>
        AddAsync(teamId, name, ApiKeyScope.Directory, ct);

    /// <summary>Issues a new key named <paramref name="name"/> (the partner, 1–200 characters) for <paramref name="scope"/>.</summary>
    /// <exception cref="ValidationFailedException">The name is empty or longer than 200 characters.</exception>
    /// <exception cref="DirectoryRuleException">The team already has a live key of that name and scope.</exception>
    public async Task<NewApiKey> AddAsync(Guid teamId, string name, ApiKeyScope scope, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200) throw ValidationFailedException.For(nameof(name), "Give the key the partner's name, 200 characters or fewer");
        if (await db.DirectoryApiKeys.IgnoreQueryFilters().AnyAsync(k => k.TeamId == teamId && k.Name == name && k.Scope == scope && k.RevokedAt == null, ct))
            throw new DirectoryRuleException($"The team already has a key named '{name}'. Revoke it first, or use another name.");
        var key = DirectoryApiKey.NewKey();
        var record = new DirectoryApiKey
        {
            TeamId = teamId, Name = name, KeyHash = DirectoryApiKey.Hash(key), Scope = scope, CreatedAt = clock.GetUtcNow(), CreatedBy = user.UserId ?? "system",
        };
        db.DirectoryApiKeys.Add(record);
        audit.Add(AuditAction.Created, "DirectoryApiKey", record.Id.ToString(), detail: $"{scope} API key for '{name}' in team {teamId}");
        await db.SaveChangesAsync(ct);
        return new NewApiKey(record, key);
    }

    /// <summary>Revokes the team's live directory key of that name; false when there is none.</summary>
    public Task<bool> RevokeAsync(Guid teamId, string name, CancellationToken ct = default) => RevokeAsync(teamId, name, ApiKeyScope.Directory, ct);

    /// <summary>Revokes the team's live key of that name and scope; false when there is none. It stops working at once.</summary>
    public async Task<bool> RevokeAsync(Guid teamId, string name, ApiKeyScope scope, CancellationToken ct = default)
    {
        name = name.Trim();
        var record = await db.DirectoryApiKeys.IgnoreQueryFilters().FirstOrDefaultAsync(k => k.TeamId == teamId && k.Name == name && k.Scope == scope && k.RevokedAt == null, ct);
        if (record is null) return false;
        record.RevokedAt = clock.GetUtcNow();
        record.RevokedBy = user.UserId ?? "system";
        audit.Add(AuditAction.Updated, "DirectoryApiKey", record.Id.ToString(), detail: $"Revoked {scope} API key for '{name}' in team {teamId}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The team's directory keys, live and revoked, by name.</summary>
    public Task<List<DirectoryApiKey>> ListAsync(Guid teamId, CancellationToken ct = default) => ListAsync(teamId, ApiKeyScope.Directory, ct);

    /// <summary>The team's keys of <paramref name="scope"/>, live and revoked, by name.</summary>
    public Task<List<DirectoryApiKey>> ListAsync(Guid teamId, ApiKeyScope scope, CancellationToken ct = default) =>
        db.DirectoryApiKeys.IgnoreQueryFilters().AsNoTracking().Where(k => k.TeamId == teamId && k.Scope == scope).OrderBy(k => k.Name).ThenBy(k => k.CreatedAt).ToListAsync(ct);

    /// <summary>
    /// The live key matching what a partner sent, or null. The lookup is by hash and ignores the team filter:
    /// no team is known until the key says which one. Only a directory key is found.
    /// </summary>
    public Task<DirectoryApiKey?> FindLiveAsync(string? presented, CancellationToken ct = default) => FindLiveAsync(presented, ApiKeyScope.Directory, ct);

    /// <summary>
    /// The live key of <paramref name="scope"/> matching what a partner sent, or null (also for a live key of another
    /// scope: a directory key does not open the FHIR API).
    /// </summary>
    public async Task<DirectoryApiKey?> FindLiveAsync(string? presented, ApiKeyScope scope, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200) return null;
        var hash = DirectoryApiKey.Hash(presented.Trim());
        return await db.DirectoryApiKeys.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null && k.Scope == scope, ct);
    }
}
