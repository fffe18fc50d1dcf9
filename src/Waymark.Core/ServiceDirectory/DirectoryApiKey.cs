using System.Security.Cryptography;
using System.Text;
using Waymark.Persistence;

namespace Waymark.ServiceDirectory;

/// <summary>
/// What a partner key opens. A key opens exactly one API: a directory key (services, no personal data) never opens the
/// FHIR API (people's records), and a FHIR key does not read the directory. Stored as numbers: never renumber.
/// </summary>
public enum ApiKeyScope
{
    /// <summary>The team's services directory through the Open Referral UK API (<c>/api/openreferral</c>).</summary>
    Directory = 1,
    /// <summary>The team's people's records through the FHIR R4 API (<c>/fhir</c>; docs/adr/0023-fhir-api.md).</summary>
    Fhir = 2,
}

/// <summary>
/// A partner agency's key to one of the team's read-only APIs (<see cref="Scope"/>): the Open Referral UK directory, or
/// the FHIR R4 API. Partners are not Waymark users, so a key stands for them; only its SHA-256 hash is stored, and the
/// key itself is shown once.
/// </summary>
public class DirectoryApiKey : ITeamOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TeamId { get; set; }
    /// <summary>Who the key was given to, e.g. "Northshire Council housing team".</summary>
    public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    public required string KeyHash { get; set; }
    /// <summary>Which API the key opens; keys made before scopes existed are directory keys.</summary>
    public ApiKeyScope Scope { get; set; } = ApiKeyScope.Directory;
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A new random key: 32 bytes, URL-safe base64 with a prefix that says what it is.</summary>
    public static string NewKey() => "wmk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
