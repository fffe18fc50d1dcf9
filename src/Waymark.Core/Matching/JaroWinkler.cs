namespace Waymark.Matching;

/// <summary>
/// Jaro–Winkler similarity (Winkler 1990): Jaro's matching-characters-within-a-window score, boosted
/// for a shared prefix of up to four characters (scaling 0.1). Allocation-free for names up to 64 characters.
/// </summary>
public static class JaroWinkler
{
    private const double PrefixScale = 0.1;

    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var jaro = Jaro(a, b);
        if (jaro <= 0) return 0;
        var prefix = 0;
        var max = Math.Min(4, Math.Min(a.Length, b.Length));
        while (prefix < max && a[prefix] == b[prefix]) prefix++;
        return jaro + prefix * PrefixScale * (1 - jaro);
    }

    public static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (a.SequenceEqual(b)) return 1;
        // Longer strings are rare (addresses); the stack buffer keeps the common case free of allocations.
        Span<bool> aFlags = a.Length <= 64 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bFlags = b.Length <= 64 ? stackalloc bool[b.Length] : new bool[b.Length];
        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var lo = Math.Max(0, i - window);
            var hi = Math.Min(b.Length - 1, i + window);
            for (var j = lo; j <= hi; j++)
            {
                if (bFlags[j] || a[i] != b[j]) continue;
                aFlags[i] = bFlags[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0;
        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aFlags[i]) continue;
            while (!bFlags[k]) k++;
            if (a[i] != b[k]) transpositions++;
            k++;
        }
        double m = matches;
        return (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3.0;
    }
}
