using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Identity's authenticator (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, ±2 steps for clock drift) with one
/// change: a code is accepted once. The step of the last accepted code is kept on the user
/// (<see cref="WaymarkUser.LastTotpStep"/>) and a code of that step or an earlier one is refused. The step is recorded
/// by a conditional UPDATE, so two requests racing with the same code cannot both succeed.
/// </summary>
public sealed class OnceOnlyAuthenticatorTokenProvider(WaymarkDbContext db, TimeProvider clock) : AuthenticatorTokenProvider<WaymarkUser>
{
    /// <summary>Steps either side of now that are accepted (as Identity's own provider).</summary>
    public const int DriftSteps = 2;

    /// <inheritdoc />
    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<WaymarkUser> manager, WaymarkUser user)
    {
        if (token is not { Length: 6 } || !token.All(char.IsAsciiDigit)) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key)) return false;
        var secret = Base32Decode(key);
        var code = int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        for (var step = now - DriftSteps; step <= now + DriftSteps; step++)
        {
            if (!CryptographicOperations.FixedTimeEquals(BitConverter.GetBytes(Code(secret, step)), BitConverter.GetBytes(code))) continue;
            var accepted = step;
            var updated = await db.Users.Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < accepted))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpStep, accepted));
            if (updated == 1)
            {
                db.Entry(user).Property(u => u.LastTotpStep).CurrentValue = accepted;
                db.Entry(user).Property(u => u.LastTotpStep).OriginalValue = accepted;
                return true;
            }
        }
        return false;
    }

    private static int Code(byte[] secret, long step)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, step);
        var hash = HMACSHA1.HashData(secret, message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    private static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0) continue;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }
}

/// <summary>
/// Identity's EF user store, keeping two-factor recovery codes hashed: each code is stored as SHA-256 of the user's id and
/// the code (upper case, spaces and hyphens removed), in the same AspNetUserTokens row Identity uses. Redeeming hashes what
/// was typed and removes the match, so each code works once. The codes are random (Identity's generator, about 50 bits),
/// so a fast salted hash is enough to keep them unreadable to someone who reads the table; a code alone never signs anyone in
/// (the password comes first).
/// </summary>
public sealed class WaymarkUserStore(WaymarkDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<WaymarkUser, IdentityRole, WaymarkDbContext>(context, describer)
{
    /// <inheritdoc />
    public override Task ReplaceCodesAsync(WaymarkUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        SetTokenAsync(user, TeamMembers.RecoveryCodesTokenProvider, TeamMembers.RecoveryCodesTokenName,
            string.Join(';', recoveryCodes.Select(c => Hash(user, c))), cancellationToken);

    /// <inheritdoc />
    public override async Task<bool> RedeemCodeAsync(WaymarkUser user, string code, CancellationToken cancellationToken = default)
    {
        var stored = (await GetTokenAsync(user, TeamMembers.RecoveryCodesTokenProvider, TeamMembers.RecoveryCodesTokenName, cancellationToken) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries);
        var hash = Hash(user, code);
        if (!stored.Contains(hash, StringComparer.Ordinal)) return false;
        await SetTokenAsync(user, TeamMembers.RecoveryCodesTokenProvider, TeamMembers.RecoveryCodesTokenName,
            string.Join(';', stored.Where(s => s != hash)), cancellationToken);
        return true;
    }

    /// <summary>The stored form of a recovery code: hex SHA-256 of "userId:CODE" (normalised as the class says).</summary>
    public static string Hash(WaymarkUser user, string code)
    {
        var normal = new string(code.Where(c => c is not (' ' or '-')).ToArray()).ToUpperInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.Id + ":" + normal)));
    }
}
