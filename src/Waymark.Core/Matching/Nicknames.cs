using System.Collections.Frozen;
using Waymark.People;

namespace Waymark.Matching;

/// <summary>
/// Known given-name equivalents (Jon/John/Jonathan, Bill/William, Peggy/Margaret) from the embedded
/// list nicknames.txt. Each line is a group; two names are equivalent when they share a group.
/// </summary>
public static class Nicknames
{
    private static readonly FrozenDictionary<string, int[]> Groups = Load();

    /// <summary>The groups a name key belongs to (empty when the name is on no list).</summary>
    public static int[] GroupsOf(string nameKey) => Groups.GetValueOrDefault(nameKey) ?? [];

    public static bool AreEquivalent(string? a, string? b)
    {
        var ka = NameKey.For(a);
        var kb = NameKey.For(b);
        return ka.Length > 0 && kb.Length > 0 && ka != kb && ShareGroup(GroupsOf(ka), GroupsOf(kb));
    }

    /// <summary>Every other name sharing a group with <paramref name="nameKey"/> (for the synthetic generator).</summary>
    internal static IReadOnlyList<string> VariantsOf(string nameKey)
    {
        var groups = GroupsOf(nameKey);
        if (groups.Length == 0) return [];
        return Members.Value.Where(kv => kv.Key != nameKey && ShareGroup(kv.Value, groups)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
    }

    private static readonly Lazy<KeyValuePair<string, int[]>[]> Members = new(() => [.. Groups]);

    /// <summary>Number of name pairs on the list (each name with its group's first name).</summary>
    public static int PairCount { get; private set; }

    internal static bool ShareGroup(int[] a, int[] b)
    {
        for (var i = 0; i < a.Length; i++)
            for (var j = 0; j < b.Length; j++)
                if (a[i] == b[j]) return true;
        return false;
    }

    private static FrozenDictionary<string, int[]> Load()
    {
        using var stream = typeof(Nicknames).Assembly.GetManifestResourceStream("Waymark.Matching.nicknames.txt")
            ?? throw new InvalidOperationException("The nickname list is not embedded in Waymark.Core.");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var group = 0;
        var pairs = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) continue;
            var names = line[(colon + 1)..].Split(',').Select(NameKey.For).Prepend(NameKey.For(line[..colon])).Where(k => k.Length > 0).Distinct();
            foreach (var key in names)
            {
                if (!map.TryGetValue(key, out var list)) map[key] = list = [];
                if (!list.Contains(group)) list.Add(group);
                pairs++;
            }
            pairs--; // the head name pairs with the others, not with itself
            group++;
        }
        PairCount = pairs;
        return map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }
}
