using System.Globalization;
using System.Text.RegularExpressions;

namespace Waymark.Identifiers;

/// <summary>
/// Police National Computer ID, <c>YYYY/NNNNNNNA</c>: year, serial and a check letter
/// <c>"ZABCDEFGHJKLMNPQRTUVWXY"[(YY·10^7 + serial) mod 23]</c>.
/// </summary>
public static partial class PncId
{
    private const string CheckLetters = "ZABCDEFGHJKLMNPQRTUVWXY";

    [GeneratedRegex(@"^(\d{2})?(\d{2})/(\d{1,7})([A-Z])$")]
    private static partial Regex Shape();

    /// <summary>Upper-cases, trims and zero-pads the serial to seven digits ("2001/23a" → "2001/0000023A"), or null if not PNC-shaped.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var m = Shape().Match(input.Trim().ToUpperInvariant());
        if (!m.Success || !m.Groups[1].Success) return null;
        var serial = m.Groups[3].Value.PadLeft(7, '0');
        return $"{m.Groups[1].Value}{m.Groups[2].Value}/{serial}{m.Groups[4].Value}";
    }

    public static bool IsValid(string? input)
    {
        var pnc = Normalise(input);
        if (pnc is null) return false;
        var yy = int.Parse(pnc.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var serial = long.Parse(pnc.AsSpan(5, 7), CultureInfo.InvariantCulture);
        return pnc[12] == CheckLetter(yy, serial);
    }

    public static char CheckLetter(int twoDigitYear, long serial) =>
        CheckLetters[(int)((twoDigitYear * 10_000_000L + serial) % 23)];
}
