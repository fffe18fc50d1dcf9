using Waymark.Instruments;

namespace Waymark.Core.Tests.Unit.Instruments;

internal static class Answers
{
    public static readonly InstrumentCatalogue BuiltIn = InstrumentCatalogue.BuiltIn();

    public static InstrumentDefinition Get(string id) => BuiltIn.Find(id) ?? throw new InvalidOperationException($"no built-in {id}");

    /// <summary>Answers in item order; null = not answered.</summary>
    public static Dictionary<string, int?> For(InstrumentDefinition def, params int?[] values)
    {
        if (values.Length != def.Items.Length) throw new ArgumentException($"{def.Id} has {def.Items.Length} items, not {values.Length}");
        return def.Items.Select((item, i) => (item.Id, values[i])).ToDictionary(x => x.Id, x => x.Item2);
    }

    /// <summary>
    /// Answers every item, highest answers first, so they add up to <paramref name="total"/> (the instruments'
    /// answer values leave no gaps a greedy fill cannot reach).
    /// </summary>
    public static Dictionary<string, int?> Totalling(InstrumentDefinition def, int total)
    {
        var remaining = total;
        var result = new Dictionary<string, int?>();
        foreach (var item in def.Items)
        {
            var value = item.Options.Select(o => o.Value).Where(v => v <= remaining).Max();
            result[item.Id] = value;
            remaining -= value;
        }
        if (remaining != 0) throw new ArgumentException($"{def.Id} cannot total {total}");
        return result;
    }
}
