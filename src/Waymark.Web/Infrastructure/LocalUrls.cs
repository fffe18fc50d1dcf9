using System.Text;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// The one place a redirect target taken from the request (a <c>ReturnUrl</c>) is made safe: only a path on this
/// site is kept, and it is returned percent-encoded as ASCII, so it can always be written into a Location header.
/// </summary>
public static class LocalUrls
{
    /// <summary>The longest return address kept, in characters; a longer one is replaced by the home page.</summary>
    public const int MaxLength = 2048;

    /// <summary>
    /// <paramref name="returnUrl"/> if it is a local path ("/people?Name=Zoë"), with every character outside printable
    /// ASCII percent-encoded as UTF-8 ("/people?Name=Zo%C3%AB"); otherwise "/". Refused: empty, not starting with
    /// one "/", protocol-relative ("//host", "/\host"), a backslash anywhere, control characters, lone surrogates,
    /// an encoded slash or backslash right after the first "/" ("/%2F%2Fhost"), and anything over <see cref="MaxLength"/>.
    /// </summary>
    public static string Safe(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > MaxLength || returnUrl[0] != '/') return "/";
        if (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\') return "/";
        if (returnUrl.StartsWith("/%2f", StringComparison.OrdinalIgnoreCase) || returnUrl.StartsWith("/%5c", StringComparison.OrdinalIgnoreCase)) return "/";
        if (MalformedRequests.HasBadCharacter(returnUrl)) return "/";
        var safe = new StringBuilder(returnUrl.Length);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < returnUrl.Length; i++)
        {
            var c = returnUrl[i];
            if (c == '\\' || char.IsControl(c)) return "/";
            if (c is > ' ' and < (char)0x7F) { safe.Append(c); continue; }
            var length = char.IsHighSurrogate(c)
                ? Encoding.UTF8.GetBytes(returnUrl.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(returnUrl.AsSpan(i, 1), bytes);
            foreach (var b in bytes[..length]) safe.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return safe.ToString();
    }
}
