using System.Security.Cryptography;
using System.Text;
using Waymark.Persistence;

namespace Waymark.ServiceDirectory;

/// <summary>
/// A partner agency's key to the team's read-only Open Referral UK API. Partners are not Waymark users,
/// so a key stands for them; only its SHA-256 hash is stored, and the key itself is shown once.
/// </summary>
public class DirectoryApiKey : ITeamOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    /// <summary>Who the key was given to, e.g. "Northshire Council housing team".</summary>
    public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    public required string KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A new random key: 32 bytes, URL-safe base64 with a prefix that says what it is.</summary>
    public static string NewKey() => "wmk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
