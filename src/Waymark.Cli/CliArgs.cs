namespace Waymark.Cli;

/// <summary>Bad command-line input: reported as a one-line message with the usage hint, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Hand-rolled parsing: positional words (the command) and <c>--name value</c> / <c>--name=value</c> options.
/// Every option must be consumed by the command, so a typo is an error rather than silently ignored.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _repeated = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Words { get; }

    /// <summary>Options that take no value.</summary>
    private static readonly HashSet<string> KnownFlags = ["help", "verbose", "link", "dedupe", "all-teams", "dry-run"];

    /// <summary>Options that may be given several times (match evaluate --without a --without b).</summary>
    private static readonly HashSet<string> Repeatable = ["without"];

    public CliArgs(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "-h") { _flags.Add("help"); continue; }
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
            {
                words.Add(a);
                continue;
            }
            var name = a[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0) (name, value) = (name[..eq], name[(eq + 1)..]);
            if (name.Length == 0) throw new UsageException($"'{a}' is not a valid option.");
            if (KnownFlags.Contains(name))
            {
                if (value is not null) throw new UsageException($"--{name} takes no value.");
                _flags.Add(name);
                continue;
            }
            if (value is null)
            {
                if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
                    throw new UsageException($"--{name} needs a value.");
                value = args[++i];
            }
            if (Repeatable.Contains(name))
            {
                if (!_repeated.TryGetValue(name, out var list)) _repeated[name] = list = [];
                list.Add(value);
                _options[name] = value;
                continue;
            }
            if (!_options.TryAdd(name, value)) throw new UsageException($"--{name} is given more than once.");
        }
        Words = words;
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _flags.Contains(name);
    }

    public string? Option(string name)
    {
        _used.Add(name);
        return _options.GetValueOrDefault(name);
    }

    /// <summary>Every value of a repeatable option, in the order given.</summary>
    public IReadOnlyList<string> Options(string name)
    {
        _used.Add(name);
        return _repeated.TryGetValue(name, out var list) ? list : [];
    }

    public int? IntOption(string name, int min, int max)
    {
        var raw = Option(name);
        if (raw is null) return null;
        var text = raw.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n))
            throw new UsageException($"--{name} must be a whole number, not '{raw}'.");
        if (n < min || n > max)
            throw new UsageException($"--{name} must be between {min:N0} and {max:N0}.");
        return n;
    }

    /// <summary>Fails on any option the command did not ask about.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Concat(_flags).Where(k => !_used.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new UsageException($"Unknown option{(unknown.Count > 1 ? "s" : "")} for this command: {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }
}
