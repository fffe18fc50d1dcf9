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

    /// <summary>
    /// Free text folded for accent- and case-blind "contains" searches: lower case, accents removed and letters
    /// folded as in <see cref="For"/>, every run of other characters one space, trimmed ("Tŷ Croeso!" → "ty croeso",
    /// "TY  CROESO" → "ty croeso"). Empty for empty text. Never contains '|', so fields joined with it never match
    /// across their boundary.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var key = For(c.ToString());
            if (key.Length == 0) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(key);
        }
        return sb.ToString();
    }

    /// <summary>Splits what someone typed into name keys ("Jon  O'Neil" → ["jon", "oneil"]).</summary>
    public static IReadOnlyList<string> Terms(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Select(For).Where(k => k.Length > 0).Distinct().ToList();

    /// <summary>
    /// Particles that begin or join surnames and are often typed, left out or fused differently: Welsh (ap, ab,
    /// verch, ferch), Irish (Ó, Ní, Nic, Mac, Mc, Uí, Mhic), Scottish Gaelic (Mac, Nic), Dutch and Flemish (van,
    /// der, den, de, het, ten, ter, te), Arabic (al, el, bin, ibn, bint, abu, ben), and a few Romance and German
    /// ones (da, di, do, dos, das, del, della, du, la, le, von, zu, y, d, l). Held as name keys (accents removed).
    /// </summary>
    public static readonly IReadOnlySet<string> Particles = new HashSet<string>(StringComparer.Ordinal)
    {
        "ap", "ab", "verch", "ferch",
        "o", "ni", "nic", "mac", "mc", "ui", "mhic",
        "van", "der", "den", "de", "het", "ten", "ter", "te",
        "al", "el", "bin", "ibn", "bint", "abu", "ben",
        "da", "di", "do", "dos", "das", "del", "della", "du", "la", "le", "von", "zu", "y", "d", "l",
    };

    // Characters that separate the words of a name as written: spaces, hyphens and dashes, apostrophes, dots, commas.
    private static readonly char[] WordSeparators = [' ', '\t', ',', '.', '-', '\u2010', '\u2011', '\u2013', '\u2014', '\'', '\u2019', '\u2018', '\u02BC', '`', '/'];

    /// <summary>
    /// The keys under which one written name (a given or a family name) is found, word by word: the whole name
    /// fused ("Ní Bhriain" → "nibhriain"), each word ("ni", "bhriain"), and the parts of a word written with a
    /// capital inside it ("McDonald" → "mc", "donald"; "O'Brien" → "o", "brien"; "Smith-Jones" → "smith",
    /// "jones"). Empty for an empty name. Stored in <see cref="PersonMatchKey"/> under
    /// <see cref="Matching.BlockingRule.NameWord"/> so a search for any word is an index range.
    /// </summary>
    public static IReadOnlyList<string> Words(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return [];
        var words = new List<string>();
        void Add(string text)
        {
            var key = For(text);
            if (key.Length > 0 && !words.Contains(key)) words.Add(key);
        }
        Add(name);
        foreach (var w in name.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            Add(w);
            // A capital after a lower-case letter starts a fused word: McDonald, MacGregor, FitzGerald, DiCaprio.
            var start = 0;
            for (var i = 1; i < w.Length; i++)
                if (char.IsUpper(w[i]) && char.IsLower(w[i - 1]))
                {
                    Add(w[start..i]);
                    start = i;
                }
            if (start > 0) Add(w[start..]);
        }
        return words;
    }

    /// <summary>
    /// The name key without its particles ("Ní Bhriain" → "bhriain", "van der Berg" → "berg", "al-Hassan" →
    /// "hassan", "ap Rhys" → "rhys"): the words between spaces, hyphens and apostrophes that are not
    /// <see cref="Particles"/>, joined. A name made only of particles keeps them all. Used by the matching
    /// engine to see that two family names differ only by a particle.
    /// </summary>
    public static string WithoutParticles(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var words = name.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries).Select(For).Where(k => k.Length > 0).ToList();
        var core = words.Where(w => !Particles.Contains(w)).ToList();
        return string.Concat(core.Count > 0 ? core : words);
    }

    /// <summary>
    /// What someone typed into a name search, as word keys to look for: split at spaces, commas, hyphens and
    /// apostrophes ("Aoife Ní Bhriain" → "aoife", "ni", "bhriain"; "Smith-Jones" → "smith", "jones"). Particles
    /// (<see cref="Particles"/>) are left out when other words were typed, so "Ní Bhriain", "Ni Bhriain" and
    /// "Bhriain" find the same people and a particle recorded or not makes no difference; leaving a word out only
    /// ever finds more. A fused typing ("NiBhriain", "OBrien") stays one term and finds the fused key.
    /// </summary>
    public static IReadOnlyList<string> SearchWords(string? text)
    {
        var all = TypedWords(text);
        var words = all.Where(k => !Particles.Contains(k)).ToList();
        return words.Count > 0 ? words : all;
    }

    /// <summary>Every word typed, particles included, as keys ("Ben Smith" → "ben", "smith"): split as in <see cref="SearchWords"/>.</summary>
    public static IReadOnlyList<string> TypedWords(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries).Select(For).Where(k => k.Length > 0).Distinct().ToList();

    /// <summary>The exclusive upper bound of all keys starting with <paramref name="prefix"/>, so a prefix search is an index range.</summary>
    public static string UpperBound(string prefix) => prefix + '\uffff';
}
