using System.Text.Json.Nodes;
using Waymark.Instruments;

namespace Waymark.Web.Pages.Screening;

/// <summary>Why each skipped question of an instrument was not asked, and the skip rules as JSON for the page's script.</summary>
public static class SkipReasons
{
    /// <summary>
    /// Skipped item id → the reason in words. When a skip reads a question that was itself skipped, the reason is that
    /// question's (the AUDIT's questions 4–8 after "Never" on question 1 say <c>question 1 was "Never"</c>, not that
    /// questions 2 and 3 scored 0).
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(InstrumentDefinition def, IReadOnlyDictionary<string, int?> answers)
    {
        var skipped = InstrumentScorer.SkippedItems(def, answers);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in skipped)
        {
            var when = def.Items[def.IndexOf(id)].Skip!.When;
            var inherited = when.ItemIds().Where(reasons.ContainsKey).Select(i => reasons[i]).Distinct().ToList();
            reasons[id] = inherited.Count > 0 && when.ItemIds().All(reasons.ContainsKey) ? string.Join(" and ", inherited) : when.Describe(def);
        }
        return reasons;
    }

    /// <summary>The first sentence shown on a skipped question, e.g. <c>Not asked: question 1 was "Never". Scores 0.</c></summary>
    public static string Sentence(InstrumentDefinition def, string itemId, string reason)
    {
        var item = def.Items[def.IndexOf(itemId)];
        return $"Not asked: {reason}. Scores {item.Scored(item.Skip!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture)}.";
    }

    /// <summary>The skip condition in the definition format (docs/instruments.md), for <c>data-skip-when</c>.</summary>
    public static string Json(Condition c) => Node(c).ToJsonString();

    private static JsonObject Node(Condition c) => c switch
    {
        ItemCondition i => Test(new JsonObject { ["item"] = i.Item }, i.Test),
        CountCondition n => new JsonObject
        {
            ["countOf"] = new JsonArray([.. n.Items.Select(x => (JsonNode)JsonValue.Create(x)!)]),
            ["where"] = Test(new JsonObject(), n.Where),
            ["atLeast"] = n.AtLeast,
        },
        AnyCondition any => new JsonObject { ["any"] = new JsonArray([.. any.Conditions.Select(x => (JsonNode)Node(x))]) },
        AllCondition all => new JsonObject { ["all"] = new JsonArray([.. all.Conditions.Select(x => (JsonNode)Node(x))]) },
        _ => new JsonObject { ["never"] = true }, // skips read answers only; the script treats anything else as not skipping
    };

    private static JsonObject Test(JsonObject o, ValueTest t)
    {
        if (t.AtLeast is { } l) o["atLeast"] = l;
        if (t.AtMost is { } m) o["atMost"] = m;
        if (t.EqualTo is { } e) o["equals"] = e;
        return o;
    }
}
