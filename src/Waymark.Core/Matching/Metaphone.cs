using System.Text;

namespace Waymark.Matching;

/// <summary>
/// A sound-alike code for names: Lawrence Philips' original Metaphone (1990), written here from its
/// published rules, with the name-friendly choices of Double Metaphone's primary code where they differ
/// (initial X → S, SCH → SK, CK → K, final MB → M, PH → F). Smith and Smyth give SM0, Jon and John JN,
/// Catherine and Kathryn K0RN ('0' is "th"), Stephen and Steven STFN. Input is any name; letters other
/// than A–Z (after <see cref="People.NameKey"/> folding) are ignored.
/// </summary>
public static class Metaphone
{
    /// <summary>Codes are cut to this length: long enough to tell names apart, short enough to forgive late typos.</summary>
    public const int MaxLength = 6;

    public static string Encode(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        Span<char> buf = stackalloc char[Math.Min(name.Length, 64)];
        var n = 0;
        foreach (var c in People.NameKey.For(name))
        {
            if (n == buf.Length) break;
            if (c is >= 'a' and <= 'z') buf[n++] = (char)(c - 32);
        }
        if (n == 0) return "";
        ReadOnlySpan<char> w = buf[..n];
        var sb = new StringBuilder(MaxLength);
        var i = 0;
        // Silent or altered first letters.
        if (n >= 2 && (w.StartsWith("AE") || w.StartsWith("GN") || w.StartsWith("KN") || w.StartsWith("PN") || w.StartsWith("WR"))) i = 1;
        else if (w[0] == 'X') { sb.Append('S'); i = 1; }
        else if (w.StartsWith("WH")) { sb.Append('W'); i = 2; }

        for (; i < n && sb.Length < MaxLength; i++)
        {
            var c = w[i];
            var prev = i > 0 ? w[i - 1] : '\0';
            var next = i + 1 < n ? w[i + 1] : '\0';
            var next2 = i + 2 < n ? w[i + 2] : '\0';
            // A doubled letter sounds once (but CC in "accent" is K-S).
            if (c == prev && c != 'C') continue;
            switch (c)
            {
                case 'A' or 'E' or 'I' or 'O' or 'U':
                    if (i == 0) sb.Append('A');
                    break;
                case 'B':
                    if (!(prev == 'M' && i == n - 1)) sb.Append('B');
                    break;
                case 'C':
                    if (next == 'I' && next2 == 'A') sb.Append('X');
                    else if (next == 'H') { sb.Append(prev == 'S' ? 'K' : 'X'); i++; }
                    else if (next is 'I' or 'E' or 'Y') { if (prev != 'S') sb.Append('S'); }
                    else if (next == 'K') { sb.Append('K'); i++; }
                    else sb.Append('K');
                    break;
                case 'D':
                    if (next == 'G' && next2 is 'E' or 'I' or 'Y') { sb.Append('J'); i++; }
                    else sb.Append('T');
                    break;
                case 'G':
                    if (next == 'H' && !(i + 2 >= n || IsVowel(next2))) { i++; break; } // Hugh, Wright: silent
                    if (next == 'H' && i + 2 >= n) { i++; break; } // final GH: Leigh
                    if (next == 'N' && (i + 2 == n || (i + 4 == n && w[(i + 1)..].SequenceEqual("NED")))) break;
                    if (next is 'I' or 'E' or 'Y' && prev != 'G') sb.Append('J');
                    else sb.Append('K');
                    if (next == 'H') i++;
                    break;
                case 'H':
                    if (IsVowel(next) && !(prev is 'C' or 'S' or 'P' or 'T' or 'G')) sb.Append('H');
                    break;
                case 'K':
                    if (prev != 'C') sb.Append('K');
                    break;
                case 'P':
                    if (next == 'H') { sb.Append('F'); i++; }
                    else sb.Append('P');
                    break;
                case 'Q':
                    sb.Append('K');
                    break;
                case 'S':
                    if (next == 'H') { sb.Append('X'); i++; }
                    else if (next == 'I' && next2 is 'O' or 'A') sb.Append('X');
                    else if (next == 'C' && next2 == 'H') { sb.Append("SK"); i += 2; }
                    else sb.Append('S');
                    break;
                case 'T':
                    if (next == 'I' && next2 is 'O' or 'A') sb.Append('X');
                    else if (next == 'H') { sb.Append(next2 is 'O' or 'A' && i + 3 < n && w[i + 3] == 'M' ? 'T' : '0'); i++; } // Thomas, Thompson: T
                    else if (!(next == 'C' && next2 == 'H')) sb.Append('T');
                    break;
                case 'V':
                    sb.Append('F');
                    break;
                case 'W' or 'Y':
                    if (IsVowel(next)) sb.Append(c);
                    break;
                case 'X':
                    sb.Append("KS");
                    break;
                case 'Z':
                    sb.Append('S');
                    break;
                default: // F J L M N R
                    sb.Append(c);
                    break;
            }
        }
        if (sb.Length > MaxLength) sb.Length = MaxLength;
        return sb.ToString();
    }

    private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U';
}
