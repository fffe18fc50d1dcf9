using System.Text.Json.Nodes;
using Waymark.Instruments;

namespace Waymark.Core.Tests.Unit.Instruments;

/// <summary>Definitions dropped into a folder: strict validation naming file, field and problem, and good files still load beside bad ones.</summary>
public sealed class InstrumentCatalogueTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "waymark-instruments-" + Guid.NewGuid().ToString("N"));

    public InstrumentCatalogueTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A small valid instrument: two 0-3 items and a reverse-scored 0-4 item, total 0-10.</summary>
    internal const string Valid = """
        {
          "id": "test-scale",
          "version": "1.0",
          "title": "Test scale",
          "description": "A scale for tests.",
          "source": "Written for Waymark's tests.",
          "licence": "None needed.",
          "items": [
            { "id": "a", "text": "Item a", "options": [ { "label": "No", "value": 0 }, { "label": "Some", "value": 1 }, { "label": "Much", "value": 2 }, { "label": "All", "value": 3 } ] },
            { "id": "b", "text": "Item b", "options": [ { "label": "No", "value": 0 }, { "label": "Some", "value": 1 }, { "label": "Much", "value": 2 }, { "label": "All", "value": 3 } ] },
            { "id": "c", "text": "Item c (positively worded)", "reverseScored": { "min": 0, "max": 4 },
              "options": [ { "label": "Never", "value": 0 }, { "label": "Rarely", "value": 1 }, { "label": "Sometimes", "value": 2 }, { "label": "Often", "value": 3 }, { "label": "Always", "value": 4 } ] }
          ],
          "scoring": {
            "total": {},
            "missing": { "maxMissing": 1, "method": "prorate" },
            "bands": [ { "min": 0, "max": 2, "label": "Low" }, { "min": 3, "max": 10, "label": "High" } ]
          },
          "flags": [ { "id": "c-never", "when": { "item": "c", "equals": 0 }, "message": "Never does c", "severity": "warning" } ],
          "rules": [ { "id": "both", "when": { "countOf": ["a", "b"], "where": { "atLeast": 2 }, "atLeast": 2 }, "label": "Both a and b at least 2" } ]
        }
        """;

    private string Write(string name, string json)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Valid)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static JsonObject Item(JsonObject root, int i) => root["items"]![i]!.AsObject();

    public static TheoryData<string, string, string> BadFiles() => new()
    {
        { "{ \"id\": \"x\", ", "", "not valid JSON" },
        { Mutate(r => r.Remove("title")), "title", "required" },
        { Mutate(r => r["colour"] = "red"), "colour", "unknown field" },
        { Mutate(r => Item(r, 0)["hint"] = "x"), "items[0].hint", "unknown field" },
        { Mutate(r => r["id"] = "PHQ 9"), "id", "'PHQ 9' is not a slug" },
        { Mutate(r => r["title"] = 3), "title", "must be a string" },
        { Mutate(r => Item(r, 1)["id"] = "a"), "items[1].id", "duplicate item id 'a' (also items[0])" },
        { Mutate(r => Item(r, 0)["options"]![1]!["value"] = 0), "items[0].options[1].value", "0 is also the value of options[0]" },
        { Mutate(r => Item(r, 0)["options"]![1]!["value"] = "one"), "items[0].options[1].value", "must be a whole number" },
        { Mutate(r => Item(r, 2)["options"]![4]!["value"] = 5), "items[2].options[4].value", "5 is outside the reverse-scoring range 0–4" },
        { Mutate(r => r["scoring"]!["bands"]![1]!["min"] = 4), "scoring.bands[1].min", "gap: no band covers 3–3" },
        { Mutate(r => r["scoring"]!["bands"]![1]!["min"] = 2), "scoring.bands[1].min", "overlaps the band before (0–2, \"Low\")" },
        { Mutate(r => r["scoring"]!["bands"]![1]!["max"] = 9), "scoring.bands[1].max", "gap: no band covers 10–10 (the highest possible total is 10)" },
        { Mutate(r => r["scoring"]!["bands"]![0]!["min"] = 1), "scoring.bands[0].min", "gap: no band covers 0–0" },
        { Mutate(r => r["scoring"]!["missing"]!["method"] = "none"), "scoring.missing.method", "maxMissing above 0 needs \"method\": \"prorate\"" },
        { Mutate(r => r["flags"]![0]!["when"]!["item"] = "z"), "flags[0].when.item", "unknown item 'z'" },
        { Mutate(r => r["flags"]![0]!["when"]!["equals"] = 7), "flags[0].when.equals", "no answer to item c can meet = 7" },
        { Mutate(r => r["flags"]![0]!["severity"] = "loud"), "flags[0].severity", "'loud' is not a severity" },
        { Mutate(r => r["rules"]![0]!["when"]!["countOf"]![1] = "q"), "rules[0].when.countOf[1]", "unknown item 'q'" },
        { Mutate(r => r["rules"]![0]!["when"] = JsonNode.Parse("""{ "item": "a", "score": "total", "atLeast": 1 }""")), "rules[0].when", "a condition needs exactly one of" },
        { Mutate(r => r["rules"]![0]!["when"] = JsonNode.Parse("""{ "score": "mood", "atLeast": 1 }""")), "rules[0].when.score", "unknown score 'mood'" },
        { Mutate(r => r["rules"]![0]!["id"] = "c-never"), "rules[0].id", "duplicate id 'c-never' (also flags[0])" },
        { Mutate(r => Item(r, 0)["skip"] = JsonNode.Parse("""{ "when": { "item": "b", "equals": 0 }, "value": 0 }""")), "items[0].skip.when.item", "unknown item 'b' (a skip can only depend on earlier items)" },
        { Mutate(r => Item(r, 1)["skip"] = JsonNode.Parse("""{ "when": { "item": "a", "equals": 0 }, "value": 9 }""")), "items[1].skip.value", "9 is not one of this item's answers" },
        { Mutate(r => r["age"] = JsonNode.Parse("""{ "min": 18, "max": 16 }""")), "age.max", "16 is below min 18" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_is_refused_naming_the_file_the_field_and_the_problem(string json, string field, string problem)
    {
        var path = Write("bad.json", json);
        var catalogue = InstrumentCatalogue.Load(_folder);
        Assert.Null(catalogue.Find("test-scale"));
        var p = Assert.Single(catalogue.Problems, p => p.Field == field);
        Assert.Equal(path, p.File);
        Assert.Contains(problem, p.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_valid_test_file_loads()
    {
        Write("test.json", Valid);
        var catalogue = InstrumentCatalogue.Load(_folder);
        Assert.Empty(catalogue.Problems);
        Assert.NotNull(catalogue.Find("test-scale"));
    }

    [Fact]
    public void A_bad_file_beside_good_files_does_not_stop_them_loading()
    {
        Write("a-good.json", Valid);
        var bad = Write("b-bad.json", Mutate(r => { r["id"] = "other-scale"; r.Remove("licence"); }));
        Write("c-good.json", Mutate(r => r["id"] = "third-scale"));
        var catalogue = InstrumentCatalogue.Load(_folder);
        Assert.NotNull(catalogue.Find("test-scale"));
        Assert.NotNull(catalogue.Find("third-scale"));
        Assert.Null(catalogue.Find("other-scale"));
        Assert.NotNull(catalogue.Find("phq-9"));
        Assert.Equal(new InstrumentLoadProblem(bad, "licence", "required"), Assert.Single(catalogue.Problems));
    }

    [Fact]
    public void A_second_file_with_the_same_id_and_version_is_refused()
    {
        var first = Write("a.json", Valid);
        var second = Write("b.json", Valid);
        var catalogue = InstrumentCatalogue.Load(_folder);
        var p = Assert.Single(catalogue.Problems);
        Assert.Equal((second, "version"), (p.File, p.Field));
        Assert.Equal($"test-scale version 1.0 is already loaded from {first}", p.Problem);
        Assert.Single(catalogue.All, d => d.Id == "test-scale");
    }

    [Fact]
    public void A_folder_file_cannot_replace_a_built_in_version()
    {
        var path = Write("phq.json", Mutate(r => r["id"] = "phq-9"));
        var catalogue = InstrumentCatalogue.Load(_folder);
        var p = Assert.Single(catalogue.Problems);
        Assert.Equal(path, p.File);
        Assert.Equal("phq-9 version 1.0 is already loaded from built-in phq-9.json", p.Problem);
        Assert.Equal("Patient Health Questionnaire (PHQ-9)", catalogue.Find("phq-9")!.Title);
    }

    [Fact]
    public void Find_gives_the_newest_version_and_a_named_one_on_request()
    {
        Write("v1-2.json", Mutate(r => r["version"] = "1.2"));
        Write("v1-10.json", Mutate(r => { r["version"] = "1.10"; r["title"] = "Newest"; }));
        var catalogue = InstrumentCatalogue.Load(_folder);
        Assert.Equal("1.10", catalogue.Find("test-scale")!.Version);
        Assert.Equal("1.2", catalogue.Find("test-scale", "1.2")!.Version);
        Assert.Null(catalogue.Find("test-scale", "1.0"));
        Assert.Equal(["1.2", "1.10"], catalogue.All.Where(d => d.Id == "test-scale").Select(d => d.Version));
    }

    [Fact]
    public void A_custom_instrument_from_the_folder_scores_with_reverse_scoring()
    {
        Write("test.json", Valid);
        var def = InstrumentCatalogue.Load(_folder).Find("test-scale")!;
        // c answered 0 ("Never") scores 4 - 0 = 4: total 1 + 2 + 4.
        var r = InstrumentScorer.Score(def, new Dictionary<string, int?> { ["a"] = 1, ["b"] = 2, ["c"] = 0 });
        Assert.Equal(7, r.Total);
        Assert.Equal("High", r.Band?.Label);
        // Conditions read the answer as given, not the reversed score.
        Assert.Equal("c-never", Assert.Single(r.Flags).Id);
        // c answered 4 ("Always") scores 0.
        var low = InstrumentScorer.Score(def, new Dictionary<string, int?> { ["a"] = 0, ["b"] = 2, ["c"] = 4 });
        Assert.Equal(2, low.Total);
        Assert.Equal("Low", low.Band?.Label);
        Assert.Empty(low.Flags);
        Assert.Empty(low.Outcomes);
    }

    [Fact]
    public void Prorating_uses_reversed_scores()
    {
        Write("test.json", Valid);
        var def = InstrumentCatalogue.Load(_folder).Find("test-scale")!;
        // a missing; b 3, c 1 → scored 3 + 3 = 6 over 2 items, × 3 = 9.
        var r = InstrumentScorer.Score(def, new Dictionary<string, int?> { ["b"] = 3, ["c"] = 1 });
        Assert.Equal(9, r.Total);
        Assert.True(r.Prorated);
        Assert.Equal(["a"], r.Missing.ToArray());
    }

    [Fact]
    public void ForAge_hides_instruments_outside_their_validated_ages()
    {
        var catalogue = InstrumentCatalogue.BuiltIn();
        var at16 = catalogue.ForAge(16).Select(d => d.Id).ToList();
        Assert.Contains("audit", at16);
        Assert.Contains("audit-c", at16);
        Assert.DoesNotContain("phq-9", at16);
        Assert.DoesNotContain("tag", at16);
        Assert.Contains("phq-9", catalogue.ForAge(18).Select(d => d.Id));
        Assert.Equal(catalogue.Latest.Length, catalogue.ForAge(null).Length);
    }

    [Fact]
    public void A_missing_folder_is_reported_and_the_built_ins_still_load()
    {
        var missing = Path.Combine(_folder, "nope");
        var catalogue = InstrumentCatalogue.Load(missing);
        Assert.Equal(new InstrumentLoadProblem(missing, "", "folder not found"), Assert.Single(catalogue.Problems));
        Assert.Equal(6, catalogue.Latest.Length);
    }
}
