using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Waymark.Instruments;

/// <summary>Why a definition file was refused: the file, the JSON path of the field (e.g. <c>items[3].options[1].value</c>) and the problem.</summary>
public sealed record InstrumentLoadProblem(string File, string Field, string Problem)
{
    public override string ToString() => Field.Length == 0 ? $"{File}: {Problem}" : $"{File}: {Field}: {Problem}";
}

/// <summary>
/// Reads and strictly validates one definition (format in docs/instruments.md). Every problem found is
/// reported, not just the first, so an author can fix a file in one go; any problem refuses the file.
/// </summary>
internal sealed partial class DefinitionReader
{
    // Keeps sums far from overflow and catches typos such as 10000 for 1.
    private const int MaxAnswerValue = 1000;

    private readonly string _file;
    private readonly List<InstrumentLoadProblem> _problems = [];
    private readonly Dictionary<string, int> _itemIndex = new(StringComparer.Ordinal);
    private readonly List<InstrumentItem?> _items = [];
    private readonly Dictionary<string, int> _subscaleIndex = new(StringComparer.Ordinal);
    private bool _hasTotal;

    private DefinitionReader(string file) => _file = file;

    public static InstrumentDefinition? Read(string file, string json, ICollection<InstrumentLoadProblem> problems)
    {
        var reader = new DefinitionReader(file);
        var def = reader.Read(json);
        foreach (var p in reader._problems) problems.Add(p);
        return reader._problems.Count == 0 ? def : null;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[0-9A-Za-z]+([.-][0-9A-Za-z]+)*$")]
    private static partial Regex VersionText();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ItemId();

    private InstrumentDefinition? Read(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            Problem("", "not valid JSON: " + e.Message);
            return null;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (!Fields(root, "", ["id", "version", "title", "description", "notes", "age", "settings", "source", "licence", "items", "scoring", "flags", "rules"]))
                return null;
            var id = Text(root, "", "id");
            if (id is not null && !Slug().IsMatch(id)) Problem("id", $"'{id}' is not a slug (lower-case letters, digits and single hyphens, e.g. \"phq-9\")");
            var version = Text(root, "", "version");
            if (version is not null && !VersionText().IsMatch(version)) Problem("version", $"'{version}' is not a version (letters and digits separated by dots or hyphens, e.g. \"1.0\")");
            var title = Text(root, "", "title");
            var description = Text(root, "", "description");
            if (root.TryGetProperty("notes", out _)) Text(root, "", "notes");
            var age = root.TryGetProperty("age", out var ageElement) ? ReadAge(ageElement) : null;
            var settings = root.TryGetProperty("settings", out var settingsElement) ? ReadSettings(settingsElement) : [];
            var source = Text(root, "", "source");
            var licence = Text(root, "", "licence");
            var items = ReadItems(root);
            var scoring = root.TryGetProperty("scoring", out var s) ? ReadScoring(s) : Missing<InstrumentScoring>("scoring");
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            var flags = ReadList(root, "flags", (e, p) => ReadFlag(e, p, ids));
            var rules = ReadList(root, "rules", (e, p) => ReadRule(e, p, ids));
            if (_problems.Count > 0 || id is null || version is null || title is null || description is null || source is null || licence is null || scoring is null)
                return null;
            return new InstrumentDefinition(id, version, title, description, age, source, licence, items, scoring, flags, rules) { Origin = _file, Settings = settings };
        }
    }

    /// <summary>Where the instrument is meant to be used: names of <see cref="Waymark.Episodes.Setting"/>; none means anywhere.</summary>
    private ImmutableArray<string> ReadSettings(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Array) { Problem("settings", "must be an array of setting names, e.g. [\"PoliceCustody\", \"MagistratesCourt\"]"); return []; }
        var result = ImmutableArray.CreateBuilder<string>();
        var i = 0;
        foreach (var s in e.EnumerateArray())
        {
            var path = $"settings[{i++}]";
            if (s.ValueKind != JsonValueKind.String) { Problem(path, "must be a setting name"); continue; }
            var name = s.GetString()!;
            if (!Enum.TryParse<Waymark.Episodes.Setting>(name, ignoreCase: false, out var setting) || !Enum.IsDefined(setting) || char.IsDigit(name[0]))
                Problem(path, $"'{name}' is not a setting; expected one of {string.Join(", ", Enum.GetNames<Waymark.Episodes.Setting>())}");
            else if (result.Contains(name)) Problem(path, $"'{name}' is listed twice");
            else result.Add(name);
        }
        if (i == 0) Problem("settings", "list at least one setting (leave \"settings\" out for every setting)");
        return result.ToImmutable();
    }

    private AgeRange? ReadAge(JsonElement e)
    {
        if (!Fields(e, "age", ["min", "max"])) return null;
        var min = Int(e, "age", "min", required: false, 0, 130);
        var max = Int(e, "age", "max", required: false, 0, 130);
        if (min is null && max is null && !e.TryGetProperty("min", out _) && !e.TryGetProperty("max", out _))
            Problem("age", "give min, max or both (leave \"age\" out for no limit)");
        if (min > max) Problem("age.max", $"{max} is below min {min}");
        return new AgeRange(min, max);
    }

    private ImmutableArray<InstrumentItem> ReadItems(JsonElement root)
    {
        if (!root.TryGetProperty("items", out var array)) { Problem("items", "required"); return []; }
        if (array.ValueKind != JsonValueKind.Array) { Problem("items", "must be an array"); return []; }
        if (array.GetArrayLength() == 0) { Problem("items", "must have at least one item"); return []; }
        var result = ImmutableArray.CreateBuilder<InstrumentItem>();
        var i = 0;
        foreach (var e in array.EnumerateArray())
        {
            var item = ReadItem(e, $"items[{i}]", i);
            _items.Add(item);
            if (item is not null) result.Add(item);
            i++;
        }
        return result.ToImmutable();
    }

    private InstrumentItem? ReadItem(JsonElement e, string path, int index)
    {
        if (!Fields(e, path, ["id", "text", "options", "required", "reverseScored", "skip"])) return null;
        var id = Text(e, path, "id");
        if (id is not null)
        {
            if (!ItemId().IsMatch(id)) Problem(path + ".id", $"'{id}' is not an item id (letters, digits, '.', '_' or '-')");
            else if (_itemIndex.TryGetValue(id, out var other)) Problem(path + ".id", $"duplicate item id '{id}' (also items[{other}])");
            else _itemIndex[id] = index;
        }
        var text = Text(e, path, "text");
        var options = ImmutableArray.CreateBuilder<AnswerOption>();
        if (!e.TryGetProperty("options", out var opts)) Problem(path + ".options", "required");
        else if (opts.ValueKind != JsonValueKind.Array) Problem(path + ".options", "must be an array");
        else if (opts.GetArrayLength() < 2) Problem(path + ".options", "an item needs at least two answers");
        else
        {
            var seen = new Dictionary<int, int>();
            var j = 0;
            foreach (var o in opts.EnumerateArray())
            {
                var op = $"{path}.options[{j}]";
                if (Fields(o, op, ["label", "value"]))
                {
                    var label = Text(o, op, "label");
                    var value = Int(o, op, "value", required: true, -MaxAnswerValue, MaxAnswerValue);
                    if (value is { } v && !seen.TryAdd(v, j)) Problem(op + ".value", $"{v} is also the value of options[{seen[v]}]");
                    if (label is not null && value is not null) options.Add(new AnswerOption(label, value.Value));
                }
                j++;
            }
        }
        var required = Bool(e, path, "required") ?? false;
        ReverseScoring? reverse = null;
        if (e.TryGetProperty("reverseScored", out var r) && Fields(r, path + ".reverseScored", ["min", "max"]))
        {
            var min = Int(r, path + ".reverseScored", "min", required: true, -MaxAnswerValue, MaxAnswerValue);
            var max = Int(r, path + ".reverseScored", "max", required: true, -MaxAnswerValue, MaxAnswerValue);
            if (min is { } lo && max is { } hi)
            {
                if (lo >= hi) Problem(path + ".reverseScored.max", $"{hi} must be above min {lo}");
                reverse = new ReverseScoring(lo, hi);
                for (var j = 0; j < options.Count; j++)
                    if (options[j].Value < lo || options[j].Value > hi)
                        Problem($"{path}.options[{j}].value", $"{options[j].Value} is outside the reverse-scoring range {lo}–{hi}");
            }
        }
        ItemSkip? skip = null;
        if (e.TryGetProperty("skip", out var sk) && Fields(sk, path + ".skip", ["when", "value"]))
        {
            var when = sk.TryGetProperty("when", out var w) ? ReadCondition(w, path + ".skip.when", earlierThan: index) : Missing<Condition>(path + ".skip.when");
            var value = Int(sk, path + ".skip", "value", required: true, -MaxAnswerValue, MaxAnswerValue);
            if (value is { } v && options.Count > 0 && !options.Any(o => o.Value == v))
                Problem(path + ".skip.value", $"{v} is not one of this item's answers");
            if (when is not null && value is not null) skip = new ItemSkip(when, value.Value);
        }
        if (id is null || text is null || options.Count < 2) return null;
        return new InstrumentItem(id, text, options.ToImmutable(), required, reverse, skip);
    }

    private InstrumentScoring? ReadScoring(JsonElement e)
    {
        if (!Fields(e, "scoring", ["total", "missing", "subscales", "bands"])) return null;
        var items = _items.ToList();
        ImmutableArray<string>? totalItems = null;
        var totalIndexes = ImmutableArray<int>.Empty;
        if (e.TryGetProperty("total", out var t) && Fields(t, "scoring.total", ["items"]))
        {
            _hasTotal = true;
            if (t.TryGetProperty("items", out var ti))
                (totalItems, totalIndexes) = ItemList(ti, "scoring.total.items");
            else
            {
                totalItems = [.. items.Where(i => i is not null).Select(i => i!.Id)];
                totalIndexes = [.. Enumerable.Range(0, items.Count).Where(i => items[i] is not null)];
            }
        }
        var missing = MissingPolicy.NoneMissing;
        if (e.TryGetProperty("missing", out var m) && Fields(m, "scoring.missing", ["maxMissing", "method"]))
        {
            if (!_hasTotal) Problem("scoring.missing", "there is no total to apply it to (add \"total\")");
            var max = Int(m, "scoring.missing", "maxMissing", required: true, 0, Math.Max(0, totalIndexes.Length - 1));
            var methodText = m.TryGetProperty("method", out _) ? Text(m, "scoring.missing", "method") : "none";
            MissingMethod? method = methodText switch { "none" => MissingMethod.None, "prorate" => MissingMethod.Prorate, null => null, _ => null };
            if (methodText is not null && method is null) Problem("scoring.missing.method", $"'{methodText}' is not a method; use \"none\" or \"prorate\"");
            if (max > 0 && method == MissingMethod.None) Problem("scoring.missing.method", "maxMissing above 0 needs \"method\": \"prorate\"");
            if (max is not null && method is not null) missing = new MissingPolicy(max.Value, method.Value);
        }
        var subscales = ReadList(e, "subscales", ReadSubscale, "scoring.subscales");
        var bands = ImmutableArray<ScoreBand>.Empty;
        if (e.TryGetProperty("bands", out var b))
        {
            if (!_hasTotal) Problem("scoring.bands", "bands need a total (add \"total\")");
            bands = ReadBands(b, items, totalIndexes);
        }
        return new InstrumentScoring(totalItems, missing, subscales, bands) { TotalIndexes = totalIndexes };
    }

    private Subscale? ReadSubscale(JsonElement e, string path)
    {
        if (!Fields(e, path, ["id", "label", "items"])) return null;
        var id = Text(e, path, "id");
        if (id is not null)
        {
            if (!Slug().IsMatch(id) || id == ScoreCondition.TotalName) Problem(path + ".id", $"'{id}' is not a usable subscale id (a slug other than \"total\")");
            else if (!_subscaleIndex.TryAdd(id, _subscaleIndex.Count)) Problem(path + ".id", $"duplicate subscale id '{id}'");
        }
        var label = Text(e, path, "label");
        if (!e.TryGetProperty("items", out var it)) { Problem(path + ".items", "required"); return null; }
        var (ids, indexes) = ItemList(it, path + ".items");
        if (id is null || label is null || ids is null) return null;
        return new Subscale(id, label, ids.Value) { ItemIndexes = indexes };
    }

    private ImmutableArray<ScoreBand> ReadBands(JsonElement e, List<InstrumentItem?> items, ImmutableArray<int> totalIndexes)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0) { Problem("scoring.bands", "must be a non-empty array"); return []; }
        var bands = new List<(ScoreBand Band, int Index)>();
        var i = 0;
        foreach (var b in e.EnumerateArray())
        {
            var path = $"scoring.bands[{i}]";
            if (Fields(b, path, ["min", "max", "label"]))
            {
                var min = Int(b, path, "min", required: true, -100_000, 100_000);
                var max = Int(b, path, "max", required: true, -100_000, 100_000);
                var label = Text(b, path, "label");
                if (min > max) Problem(path + ".max", $"{max} is below min {min}");
                else if (min is not null && max is not null && label is not null) bands.Add((new ScoreBand(min.Value, max.Value, label), i));
            }
            i++;
        }
        if (bands.Count < i || totalIndexes.Any(x => items[x] is null)) return [.. bands.Select(x => x.Band)];
        // The bands must cover every possible total exactly once, in order.
        var lowest = totalIndexes.Sum(x => items[x]!.MinScored);
        var highest = totalIndexes.Sum(x => items[x]!.MaxScored);
        if (bands[0].Band.Min != lowest)
            Problem("scoring.bands[0].min", bands[0].Band.Min > lowest
                ? $"gap: no band covers {lowest}–{bands[0].Band.Min - 1} (the lowest possible total is {lowest})"
                : $"{bands[0].Band.Min} is below the lowest possible total, {lowest}");
        for (var k = 1; k < bands.Count; k++)
        {
            var (prev, cur) = (bands[k - 1].Band, bands[k].Band);
            var path = $"scoring.bands[{bands[k].Index}].min";
            if (cur.Min > prev.Max + 1) Problem(path, $"gap: no band covers {prev.Max + 1}–{cur.Min - 1}");
            else if (cur.Min <= prev.Max) Problem(path, $"overlaps the band before ({prev.Min}–{prev.Max}, \"{prev.Label}\")");
        }
        var last = bands[^1];
        if (last.Band.Max != highest)
            Problem($"scoring.bands[{last.Index}].max", last.Band.Max < highest
                ? $"gap: no band covers {last.Band.Max + 1}–{highest} (the highest possible total is {highest})"
                : $"{last.Band.Max} is above the highest possible total, {highest}");
        return [.. bands.Select(x => x.Band)];
    }

    private InstrumentFlag? ReadFlag(JsonElement e, string path, Dictionary<string, string> ids)
    {
        if (!Fields(e, path, ["id", "when", "message", "severity"])) return null;
        var id = OutcomeId(e, path, ids);
        var when = e.TryGetProperty("when", out var w) ? ReadCondition(w, path + ".when") : Missing<Condition>(path + ".when");
        var message = Text(e, path, "message");
        var severityText = Text(e, path, "severity");
        FlagSeverity? severity = severityText switch { "urgent" => FlagSeverity.Urgent, "warning" => FlagSeverity.Warning, "info" => FlagSeverity.Info, _ => null };
        if (severityText is not null && severity is null) Problem(path + ".severity", $"'{severityText}' is not a severity; use \"urgent\", \"warning\" or \"info\"");
        if (id is null || when is null || message is null || severity is null) return null;
        return new InstrumentFlag(id, when, message, severity.Value);
    }

    private InstrumentRule? ReadRule(JsonElement e, string path, Dictionary<string, string> ids)
    {
        if (!Fields(e, path, ["id", "when", "label"])) return null;
        var id = OutcomeId(e, path, ids);
        var when = e.TryGetProperty("when", out var w) ? ReadCondition(w, path + ".when") : Missing<Condition>(path + ".when");
        var label = Text(e, path, "label");
        if (id is null || when is null || label is null) return null;
        return new InstrumentRule(id, when, label);
    }

    private string? OutcomeId(JsonElement e, string path, Dictionary<string, string> ids)
    {
        var id = Text(e, path, "id");
        if (id is null) return null;
        if (!Slug().IsMatch(id)) Problem(path + ".id", $"'{id}' is not a slug");
        else if (!ids.TryAdd(id, path)) Problem(path + ".id", $"duplicate id '{id}' (also {ids[id]})");
        return id;
    }

    /// <summary>Conditions of skips read only earlier items (<paramref name="earlierThan"/>), never scores.</summary>
    private Condition? ReadCondition(JsonElement e, string path, int earlierThan = int.MaxValue)
    {
        if (e.ValueKind != JsonValueKind.Object) { Problem(path, "a condition must be an object"); return null; }
        string[] kinds = ["item", "score", "countOf", "any", "all"];
        var present = kinds.Where(k => e.TryGetProperty(k, out _)).ToList();
        if (present.Count != 1)
        {
            Problem(path, "a condition needs exactly one of \"item\", \"score\", \"countOf\", \"any\" or \"all\"");
            return null;
        }
        switch (present[0])
        {
            case "item":
            {
                if (!Fields(e, path, ["item", "atLeast", "atMost", "equals"])) return null;
                var id = Text(e, path, "item");
                var test = Test(e, path);
                var index = id is null ? -1 : ItemRef(id, path + ".item", earlierThan);
                if (index < 0 || test is null) return null;
                CheckReachable(test, _items[index], path);
                return new ItemCondition(id!, test) { ItemIndex = index };
            }
            case "score":
            {
                if (!Fields(e, path, ["score", "atLeast", "atMost", "equals"])) return null;
                var name = Text(e, path, "score");
                var test = Test(e, path);
                if (earlierThan != int.MaxValue) { Problem(path + ".score", "a skip can only depend on earlier answers, not on scores"); return null; }
                if (name is null || test is null) return null;
                if (name == ScoreCondition.TotalName)
                {
                    if (!_hasTotal) { Problem(path + ".score", "this instrument has no total"); return null; }
                    return new ScoreCondition(name, test);
                }
                if (!_subscaleIndex.TryGetValue(name, out var s)) { Problem(path + ".score", $"unknown score '{name}' (\"total\" or a subscale id)"); return null; }
                return new ScoreCondition(name, test) { SubscaleIndex = s };
            }
            case "countOf":
            {
                if (!Fields(e, path, ["countOf", "where", "atLeast"])) return null;
                var (ids, indexes) = ItemList(e.GetProperty("countOf"), path + ".countOf", earlierThan);
                ValueTest? where = null;
                if (!e.TryGetProperty("where", out var w)) Problem(path + ".where", "required (the test each item's answer must meet)");
                else if (Fields(w, path + ".where", ["atLeast", "atMost", "equals"])) where = Test(w, path + ".where");
                var atLeast = Int(e, path, "atLeast", required: true, 1, ids?.Length ?? int.MaxValue);
                if (ids is null || where is null || atLeast is null) return null;
                foreach (var i in indexes) CheckReachable(where, _items[i], path + ".where");
                return new CountCondition(ids.Value, where, atLeast.Value) { ItemIndexes = indexes };
            }
            default:
            {
                var kind = present[0];
                if (!Fields(e, path, [kind])) return null;
                var array = e.GetProperty(kind);
                if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0) { Problem(path + "." + kind, "must be a non-empty array of conditions"); return null; }
                var parts = ImmutableArray.CreateBuilder<Condition>();
                var i = 0;
                var ok = true;
                foreach (var part in array.EnumerateArray())
                {
                    var c = ReadCondition(part, $"{path}.{kind}[{i++}]", earlierThan);
                    if (c is null) ok = false; else parts.Add(c);
                }
                if (!ok) return null;
                return kind == "any" ? new AnyCondition(parts.ToImmutable()) : new AllCondition(parts.ToImmutable());
            }
        }
    }

    /// <summary>A test that no answer of the item can meet is a typo, not a rule.</summary>
    private void CheckReachable(ValueTest test, InstrumentItem? item, string path)
    {
        if (item is null) return;
        if (!item.Options.Any(o => test.Matches(o.Value)))
        {
            var field = test.EqualTo is not null ? ".equals" : test.AtLeast is not null ? ".atLeast" : ".atMost";
            Problem(path + field, $"no answer to item {item.Id} can meet {test} (its answers are {InstrumentScorer.Expected(item)})");
        }
    }

    private ValueTest? Test(JsonElement e, string path)
    {
        var atLeast = Int(e, path, "atLeast", required: false, -100_000, 100_000);
        var atMost = Int(e, path, "atMost", required: false, -100_000, 100_000);
        var equals = Int(e, path, "equals", required: false, -100_000, 100_000);
        var given = new[] { "atLeast", "atMost", "equals" }.Count(n => e.TryGetProperty(n, out _));
        if (given == 0) { Problem(path, "give at least one of \"atLeast\", \"atMost\" or \"equals\""); return null; }
        if (atLeast > atMost) { Problem(path + ".atMost", $"{atMost} is below atLeast {atLeast}"); return null; }
        if (given != (atLeast is null ? 0 : 1) + (atMost is null ? 0 : 1) + (equals is null ? 0 : 1)) return null;
        return new ValueTest(atLeast, atMost, equals);
    }

    private int ItemRef(string id, string path, int earlierThan)
    {
        if (!_itemIndex.TryGetValue(id, out var index))
        {
            Problem(path, earlierThan == int.MaxValue ? $"unknown item '{id}'" : $"unknown item '{id}' (a skip can only depend on earlier items)");
            return -1;
        }
        if (index >= earlierThan) { Problem(path, $"item '{id}' does not come before this item; a skip can only depend on earlier answers"); return -1; }
        // An item that failed to load is reported where it is defined.
        return index < _items.Count && _items[index] is not null ? index : -1;
    }

    private (ImmutableArray<string>? Ids, ImmutableArray<int> Indexes) ItemList(JsonElement e, string path, int earlierThan = int.MaxValue)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0) { Problem(path, "must be a non-empty array of item ids"); return (null, []); }
        var ids = ImmutableArray.CreateBuilder<string>();
        var indexes = ImmutableArray.CreateBuilder<int>();
        var ok = true;
        var i = 0;
        foreach (var x in e.EnumerateArray())
        {
            var p = $"{path}[{i++}]";
            if (x.ValueKind != JsonValueKind.String) { Problem(p, "must be an item id (a string)"); ok = false; continue; }
            var id = x.GetString()!;
            if (ids.Contains(id)) { Problem(p, $"item '{id}' is listed twice"); ok = false; continue; }
            var index = ItemRef(id, p, earlierThan);
            if (index < 0) { ok = false; continue; }
            ids.Add(id);
            indexes.Add(index);
        }
        return ok ? (ids.ToImmutable(), indexes.ToImmutable()) : (null, []);
    }

    private ImmutableArray<T> ReadList<T>(JsonElement parent, string name, Func<JsonElement, string, T?> read, string? path = null) where T : class
    {
        path ??= name;
        if (!parent.TryGetProperty(name, out var array)) return [];
        if (array.ValueKind != JsonValueKind.Array) { Problem(path, "must be an array"); return []; }
        var result = ImmutableArray.CreateBuilder<T>();
        var i = 0;
        foreach (var e in array.EnumerateArray())
            if (read(e, $"{path}[{i++}]") is { } x) result.Add(x);
        return result.ToImmutable();
    }

    /// <summary>Checks <paramref name="e"/> is an object with only the allowed fields, each once.</summary>
    private bool Fields(JsonElement e, string path, string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Object) { Problem(path, "must be an object"); return false; }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var p in e.EnumerateObject())
        {
            var field = path.Length == 0 ? p.Name : path + "." + p.Name;
            if (!allowed.Contains(p.Name, StringComparer.Ordinal)) { Problem(field, "unknown field"); ok = false; }
            else if (!seen.Add(p.Name)) { Problem(field, "given more than once"); ok = false; }
        }
        return ok;
    }

    private string? Text(JsonElement e, string path, string name)
    {
        var field = path.Length == 0 ? name : path + "." + name;
        if (!e.TryGetProperty(name, out var v)) { Problem(field, "required"); return null; }
        if (v.ValueKind != JsonValueKind.String) { Problem(field, "must be a string"); return null; }
        var s = v.GetString()!;
        if (string.IsNullOrWhiteSpace(s)) { Problem(field, "must not be empty"); return null; }
        return s;
    }

    private int? Int(JsonElement e, string path, string name, bool required, int min, int max)
    {
        var field = path.Length == 0 ? name : path + "." + name;
        if (!e.TryGetProperty(name, out var v))
        {
            if (required) Problem(field, "required");
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n)) { Problem(field, "must be a whole number"); return null; }
        if (n < min || n > max)
        {
            Problem(field, string.Create(CultureInfo.InvariantCulture, $"{n} is out of range ({min} to {max})"));
            return null;
        }
        return n;
    }

    private bool? Bool(JsonElement e, string path, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) { Problem(path + "." + name, "must be true or false"); return null; }
        return v.GetBoolean();
    }

    private T? Missing<T>(string field) where T : class
    {
        Problem(field, "required");
        return null;
    }

    private void Problem(string field, string problem) => _problems.Add(new InstrumentLoadProblem(_file, field, problem));
}
