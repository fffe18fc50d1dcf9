using System.Text.RegularExpressions;

namespace Waymark.People;

/// <summary>
/// The one reader of UK postcodes as people type them. Every form of a real postcode is accepted — any case, any
/// spaces or none ("ns14ab", "NS1  4AB", " NS1 4AB "), the Girobank code "GIR 0AA" and British Forces Post Office
/// numbers ("BFPO 1234", "BFPO1234", "bfpo 57") — and each has ONE normal form: upper case with a single space before
/// the inward code ("NS1 4AB", "GIR 0AA"), and "BFPO 1234" for forces addresses. People, identification, the service
/// directory, the Open Referral import and the command line all store and show that form.
/// </summary>
/// <remarks>
/// The shape follows the Royal Mail / ONS postcode format (outward code of 2–4 characters: area letters, district
/// digit, optional letter or digit; inward code of a digit and two letters), as in GOV.UK's "Postcodes" pattern.
/// Area letters are not checked against a list so that synthetic areas such as "NS" (used in demo data) are accepted.
/// BFPO numbers have 1 to 4 digits (British Forces Post Office, Ministry of Defence).
/// </remarks>
public static partial class UkPostcode
{
    /// <summary>The outward code shown for a British Forces Post Office number ("BFPO 1234").</summary>
    public const string Bfpo = "BFPO";

    /// <summary>True when <paramref name="s"/> is a postcode in any of the forms described on the class.</summary>
    /// <param name="s">What was typed; null or blank is not a postcode.</param>
    public static bool IsValid(string? s) => Normalise(s) is not null;

    /// <summary>
    /// The normal form of a postcode typed in any accepted form ("ns1  4ab" → "NS1 4AB", "bfpo1234" → "BFPO 1234"),
    /// or null when <paramref name="s"/> is blank or not a postcode.
    /// </summary>
    /// <param name="s">What was typed.</param>
    public static string? Normalise(string? s)
    {
        if (string.IsNullOrWhiteSpace(s) || s.Length > 40) return null;
        Span<char> buf = stackalloc char[s.Length];
        var n = 0;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) continue;
            buf[n++] = char.ToUpperInvariant(c);
        }
        var compact = new string(buf[..n]);
        if (Compact().Match(compact) is { Success: true } m) return m.Groups["out"].Value + " " + m.Groups["in"].Value;
        if (BfpoCompact().Match(compact) is { Success: true } b) return Bfpo + " " + b.Groups["n"].Value;
        return null;
    }

    /// <summary>
    /// The outward code of a normal-form postcode ("NS1 4AB" → "NS1", "GIR 0AA" → "GIR", "BFPO 1234" → "BFPO");
    /// null when <paramref name="s"/> is not a postcode.
    /// </summary>
    /// <param name="s">A postcode in any accepted form.</param>
    public static string? OutwardCode(string? s) => Normalise(s) is { } n ? n[..n.IndexOf(' ', StringComparison.Ordinal)] : null;

    /// <summary>True for a British Forces Post Office number, which has no district or sector.</summary>
    /// <param name="s">A postcode in any accepted form.</param>
    public static bool IsBfpo(string? s) => Normalise(s)?.StartsWith(Bfpo + " ", StringComparison.Ordinal) == true;

    [GeneratedRegex(@"^(?:(?<out>[A-Z]{1,2}[0-9][A-Z0-9]?)(?<in>[0-9][A-Z]{2})|(?<out>GIR)(?<in>0AA))$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Compact();

    [GeneratedRegex(@"^BFPO(?<n>[0-9]{1,4})$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex BfpoCompact();
}
