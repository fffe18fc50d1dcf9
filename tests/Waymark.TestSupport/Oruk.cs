using NJsonSchema;

namespace Waymark.TestSupport;

/// <summary>The Open Referral UK schemas and examples, copied into tests/data (CC BY-SA 4.0, LICENSE beside them).</summary>
public static class OrukFiles
{
    /// <summary>tests/data/openreferral-uk, found by walking up from the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The path of a schema file, e.g. "compiled/service.json".</summary>
    public static string Schema(string name) => Path.Combine(Root, "schema", name);

    /// <summary>The path of an example file.</summary>
    public static string Example(string name) => Path.Combine(Root, "examples", name);

    private static readonly Dictionary<string, JsonSchema> Cache = [];

    /// <summary>Errors from validating <paramref name="json"/> against a schema file, formats included (uuid, uri, email, date-time).</summary>
    public static async Task<List<string>> ValidateAsync(string json, string schemaFile)
    {
        JsonSchema? schema;
        lock (Cache) Cache.TryGetValue(schemaFile, out schema);
        if (schema is null)
        {
            schema = await JsonSchema.FromFileAsync(Schema(schemaFile));
            lock (Cache) Cache[schemaFile] = schema;
        }
        return Flatten(schema.Validate(json)).ToList();
    }

    /// <summary>Each error with the errors inside it ("array item not valid" says little on its own).</summary>
    private static IEnumerable<string> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors)
    {
        foreach (var e in errors)
        {
            if (e is NJsonSchema.Validation.ChildSchemaValidationError child && child.Errors.Count > 0)
                foreach (var inner in Flatten(child.Errors.SelectMany(kv => kv.Value))) yield return inner;
            else yield return $"{e.Path}: {e.Kind}";
        }
    }

    /// <summary>
    /// The API's paged list: the openapi "Page" fields, and every item a compiled service_list (or, with
    /// <paramref name="itemSchema"/>, a full compiled service).
    /// </summary>
    public static async Task<List<string>> ValidatePageAsync(string json, string itemSchema = "compiled/service_list.json")
    {
        var errors = new List<string>();
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        foreach (var (name, kind) in new[] { ("total_items", "number"), ("total_pages", "number"), ("page_number", "number"), ("size", "number"), ("first_page", "bool"), ("last_page", "bool"), ("empty", "bool") })
        {
            if (!root.TryGetProperty(name, out var v)) { errors.Add($"{name}: missing"); continue; }
            var ok = kind == "number" ? v.ValueKind == System.Text.Json.JsonValueKind.Number && v.TryGetInt32(out _)
                : v.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False;
            if (!ok) errors.Add($"{name}: not an {(kind == "number" ? "integer" : "boolean")}");
        }
        if (!root.TryGetProperty("contents", out var contents) || contents.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            errors.Add("contents: missing or not a list");
            return errors;
        }
        var i = 0;
        foreach (var item in contents.EnumerateArray())
        {
            errors.AddRange((await ValidateAsync(item.GetRawText(), itemSchema)).Select(e => $"contents[{i}]{e}"));
            i++;
        }
        return errors;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data", "openreferral-uk");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("tests/data/openreferral-uk not found above " + AppContext.BaseDirectory);
    }
}
