using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;

namespace Waymark.Instruments;

/// <summary>
/// The instruments a service can use: the built-in definitions shipped inside Waymark.Core, plus every
/// <c>*.json</c> file in an optional folder, so a service adds an instrument by dropping a file in. A file
/// that fails validation is refused and reported in <see cref="Problems"/>; the rest still load.
/// </summary>
public sealed class InstrumentCatalogue
{
    public const string ConfigKey = "Instruments:Folder";
    private const string ResourcePrefix = "Waymark.Instruments.BuiltIn.";
    // A definition is a few kilobytes; a huge file is a mistake, not an instrument.
    private const long MaxFileBytes = 1024 * 1024;

    private readonly Dictionary<string, ImmutableArray<InstrumentDefinition>> _byId;

    /// <summary>Every loaded definition, all versions, by id then version (oldest first).</summary>
    public ImmutableArray<InstrumentDefinition> All { get; }

    /// <summary>The newest version of each instrument, by id.</summary>
    public ImmutableArray<InstrumentDefinition> Latest { get; }

    /// <summary>Files refused, with the field and the problem.</summary>
    public ImmutableArray<InstrumentLoadProblem> Problems { get; }

    private InstrumentCatalogue(List<InstrumentDefinition> definitions, List<InstrumentLoadProblem> problems)
    {
        All = [.. definitions.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version, VersionComparer.Instance)];
        _byId = All.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        Latest = [.. _byId.Values.Select(v => v[^1]).OrderBy(d => d.Id, StringComparer.Ordinal)];
        Problems = [.. problems];
    }

    /// <summary>The built-in instruments only.</summary>
    public static InstrumentCatalogue BuiltIn() => Load(null);

    /// <summary>Loads the built-in definitions, then every <c>*.json</c> in <paramref name="folder"/> (if given) in name order.</summary>
    public static InstrumentCatalogue Load(string? folder)
    {
        var definitions = new List<InstrumentDefinition>();
        var problems = new List<InstrumentLoadProblem>();
        var assembly = typeof(InstrumentCatalogue).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            Add("built-in " + name[ResourcePrefix.Length..], reader.ReadToEnd());
        }
        if (!string.IsNullOrWhiteSpace(folder))
        {
            if (!Directory.Exists(folder))
                problems.Add(new InstrumentLoadProblem(folder, "", "folder not found"));
            else
                foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
                {
                    string json;
                    try
                    {
                        if (new FileInfo(path).Length > MaxFileBytes)
                        {
                            problems.Add(new InstrumentLoadProblem(path, "", "larger than 1 MB; not an instrument definition"));
                            continue;
                        }
                        json = File.ReadAllText(path);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        problems.Add(new InstrumentLoadProblem(path, "", "cannot be read: " + e.Message));
                        continue;
                    }
                    Add(path, json);
                }
        }
        return new InstrumentCatalogue(definitions, problems);

        void Add(string file, string json)
        {
            var def = DefinitionReader.Read(file, json, problems);
            if (def is null) return;
            var clash = definitions.FirstOrDefault(d => d.Id == def.Id && VersionComparer.Instance.Compare(d.Version, def.Version) == 0);
            if (clash is not null)
            {
                problems.Add(new InstrumentLoadProblem(file, "version", $"{def.Id} version {def.Version} is already loaded from {clash.Origin}"));
                return;
            }
            definitions.Add(def);
        }
    }

    /// <summary>The newest version of the instrument, or null.</summary>
    public InstrumentDefinition? Find(string id) => _byId.TryGetValue(id, out var versions) ? versions[^1] : null;

    public InstrumentDefinition? Find(string id, string version) =>
        _byId.TryGetValue(id, out var versions) ? versions.FirstOrDefault(v => VersionComparer.Instance.Compare(v.Version, version) == 0) : null;

    /// <summary>The newest version of each instrument validated for this age; an unknown age hides nothing.</summary>
    public ImmutableArray<InstrumentDefinition> ForAge(int? ageYears) => [.. Latest.Where(d => d.SuitsAge(ageYears))];

    /// <summary>Orders "1.10" after "1.9": numeric parts as numbers, the rest as text.</summary>
    public sealed class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var a = x.Split('.', '-');
            var b = y.Split('.', '-');
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var bothNumbers = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var na)
                    & long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var nb);
                var c = bothNumbers ? na.CompareTo(nb) : string.CompareOrdinal(a[i], b[i]);
                if (c != 0) return c;
            }
            return a.Length.CompareTo(b.Length);
        }
    }
}
