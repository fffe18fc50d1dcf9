using System.Globalization;
using System.Text;

namespace Waymark.People;

/// <summary>
/// The searchable form of a name: lower case, accents removed, only letters and digits, so
/// "Zoë O'Brien-Núñez" is found by "zoe obrien" and "OBRIEN". Stored beside the name and indexed.
/// </summary>
public static class NameKey
{
    public static string For(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            // Letters with no decomposition are folded by hand, before the letter test (ẞ lower-cases to ß).
            var folded = lower switch
            {
                'ß' => "ss", 'æ' => "ae", 'œ' => "oe", 'ø' => "o", 'ł' => "l", 'đ' => "d", 'ð' => "d", 'þ' => "th", 'ı' => "i",
                _ => null,
            };
            if (folded is not null) sb.Append(folded);
            else if (char.IsLetterOrDigit(lower)) sb.Append(lower);
        }
        return sb.ToString();
    }

    /// <summary>Splits what someone typed into name keys ("Jon  O'Neil" → ["jon", "oneil"]).</summary>
    public static IReadOnlyList<string> Terms(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Select(For).Where(k => k.Length > 0).Distinct().ToList();

    /// <summary>The exclusive upper bound of all keys starting with <paramref name="prefix"/>, so a prefix search is an index range.</summary>
    public static string UpperBound(string prefix) => prefix + '\uffff';
}
