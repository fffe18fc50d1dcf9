using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Waymark.TestSupport;

/// <summary>
/// RFC 6238 time-based one-time passwords (HMAC-SHA1, 30-second steps, 6 digits), as an authenticator
/// app makes them from the shared key the account page shows. Written from the RFCs, not from the app's
/// code, so a test checks the app against the standard rather than against itself.
/// </summary>
public static class Totp
{
    /// <summary>The length of one time step.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The code for <paramref name="base32Key"/> at <paramref name="at"/>, or <paramref name="stepOffset"/>
    /// steps later (a code not yet used, when the current one was spent a moment ago).
    /// </summary>
    public static string Code(string base32Key, DateTimeOffset at, int stepOffset = 0)
    {
        var counter = at.ToUnixTimeSeconds() / (long)Step.TotalSeconds + stepOffset;
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var hash = HMACSHA1.HashData(Base32Decode(base32Key), message);
        // RFC 4226 dynamic truncation.
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32, ignoring spaces, padding and case (the app shows the key in groups, lower case).</summary>
    public static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0) throw new FormatException($"'{c}' is not a base32 character");
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
