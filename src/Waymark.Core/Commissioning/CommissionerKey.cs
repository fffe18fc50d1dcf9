using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Commissioning;

/// <summary>
/// A commissioner's own secret for pseudonymising the monthly dataset (docs/dataset.md): the person and episode keys
/// are HMAC-SHA256 of the record's id under this secret, so the same commissioner sees the same key for a person every
/// month (they can follow a person over time) while two commissioners see unrelated keys for the same person (their
/// datasets cannot be joined). Created on the commissioner's first export; never shown, never changed.
/// </summary>
[NotTeamScoped("A commissioner's own pseudonymisation secret: belongs to a user, not to a team or a person.")]
public class CommissionerKey
{
    /// <summary>Length of <see cref="Secret"/> in bytes (256 bits, HMAC-SHA256's block-size-safe key length).</summary>
    public const int SecretBytes = 32;

    /// <summary>The commissioner (an Identity user id); the primary key.</summary>
    public required string UserId { get; set; }

    /// <summary>32 random bytes from the operating system's cryptographic random number generator.</summary>
    public required byte[] Secret { get; set; }

    /// <summary>When the key was made (the first export).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A new key with a fresh random secret.</summary>
    public static CommissionerKey New(string userId, DateTimeOffset now) =>
        new() { UserId = userId, Secret = RandomNumberGenerator.GetBytes(SecretBytes), CreatedAt = now };

    /// <summary>
    /// The pseudonym of a record: the first 16 lower-case hex characters (64 bits) of HMAC-SHA256(secret,
    /// "<paramref name="kind"/>:" + the id in its "D" form). <paramref name="kind"/> ("person", "episode") keeps a
    /// person's key from ever equalling an episode's.
    /// </summary>
    public static string Pseudonym(byte[] secret, string kind, Guid id)
    {
        using var hmac = new HMACSHA256(secret);
        return Pseudonym(hmac, kind, id);
    }

    /// <summary>As <see cref="Pseudonym(byte[], string, Guid)"/> with an HMAC already keyed with the secret (reused for a whole export).</summary>
    public static string Pseudonym(HMACSHA256 hmac, string kind, Guid id)
    {
        ArgumentNullException.ThrowIfNull(hmac);
        Span<byte> input = stackalloc byte[64];
        var length = Encoding.UTF8.GetBytes($"{kind}:{id:D}", input);
        Span<byte> hash = stackalloc byte[32];
        hmac.TryComputeHash(input[..length], hash, out _);
        return Convert.ToHexStringLower(hash[..8]);
    }
}

/// <summary>The table mapping of <see cref="CommissionerKey"/>.</summary>
internal sealed class CommissionerKeyMapping : IEntityTypeConfiguration<CommissionerKey>
{
    public void Configure(EntityTypeBuilder<CommissionerKey> e)
    {
        e.ToTable("CommissionerKeys");
        e.HasKey(x => x.UserId);
        e.Property(x => x.Secret).HasMaxLength(CommissionerKey.SecretBytes);
        e.HasOne<WaymarkUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Reads (or on first use makes) a commissioner's <see cref="CommissionerKey"/>.</summary>
public static class CommissionerKeys
{
    /// <summary>The commissioner's secret; made and saved on first use. Safe when two first exports race (one key wins).</summary>
    public static async Task<byte[]> SecretForAsync(WaymarkDbContext db, string userId, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var existing = await db.Set<CommissionerKey>().AsNoTracking().Where(k => k.UserId == userId).Select(k => k.Secret).FirstOrDefaultAsync(ct);
        if (existing is not null) return existing;
        var key = CommissionerKey.New(userId, now);
        db.Set<CommissionerKey>().Add(key);
        try
        {
            await db.SaveChangesAsync(ct);
            return key.Secret;
        }
        catch (DbUpdateException)
        {
            db.Entry(key).State = EntityState.Detached;
            return await db.Set<CommissionerKey>().AsNoTracking().Where(k => k.UserId == userId).Select(k => k.Secret).FirstAsync(ct);
        }
    }
}
