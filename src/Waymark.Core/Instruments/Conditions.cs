using System.Collections.Immutable;

namespace Waymark.Instruments;

/// <summary>
/// A comparison with a number: every bound given must hold. Used on an answer (as recorded, before any
/// reverse scoring) or on a score.
/// </summary>
public sealed record ValueTest(int? AtLeast = null, int? AtMost = null, int? EqualTo = null)
{
    public bool Matches(int value) =>
        (AtLeast is not { } lo || value >= lo) && (AtMost is not { } hi || value <= hi) && (EqualTo is not { } eq || value == eq);

    public override string ToString() => string.Join(" and ", new[]
    {
        EqualTo is { } e ? $"= {e}" : null,
        AtLeast is { } l ? $">= {l}" : null,
        AtMost is { } h ? $"<= {h}" : null,
    }.Where(s => s is not null));
}

/// <summary>The answer to a condition when some answers are missing: decided either way, or not yet.</summary>
public enum Truth : byte { False, True, Unknown }

/// <summary>
/// The declarative condition language of flags, rules and skips (docs/instruments.md). Evaluated with
/// three values so a missing answer only matters when it could change the result.
/// </summary>
public abstract record Condition
{
    internal abstract Truth Evaluate(in ConditionContext context);

    /// <summary>Every item id the condition reads, for validation.</summary>
    public abstract IEnumerable<string> ItemIds();

    /// <summary>
    /// The condition in words, naming answers by their labels, e.g. <c>question 1 was "Never"</c> or
    /// <c>question 2 was "1 or 2" and question 3 was "Never"</c>: used to say why a question was not asked.
    /// </summary>
    public abstract string Describe(InstrumentDefinition definition);

    /// <summary>The labels of an item's answers that meet <paramref name="test"/>, quoted and joined with "or".</summary>
    private protected static string Answers(InstrumentDefinition definition, string itemId, ValueTest test)
    {
        var index = definition.IndexOf(itemId);
        if (index < 0) return test.ToString();
        var labels = definition.Items[index].Options.Where(o => test.Matches(o.Value)).Select(o => $"\"{o.Label}\"").ToList();
        return labels.Count switch
        {
            0 => test.ToString(),
            1 => labels[0],
            _ => string.Join(", ", labels.Take(labels.Count - 1)) + " or " + labels[^1],
        };
    }
}

/// <summary>What conditions read: effective answers (<see cref="ConditionContext.Missing"/> when absent) and scores.</summary>
internal readonly ref struct ConditionContext(ReadOnlySpan<int> answers, int? total, ReadOnlySpan<int> subscales)
{
    public const int Missing = int.MinValue;
    public readonly ReadOnlySpan<int> Answers = answers;
    public readonly int? Total = total;
    public readonly ReadOnlySpan<int> Subscales = subscales;
}

/// <summary><c>{"item": "9", "atLeast": 1}</c></summary>
public sealed record ItemCondition(string Item, ValueTest Test) : Condition
{
    internal int ItemIndex { get; init; } = -1;

    internal override Truth Evaluate(in ConditionContext c)
    {
        var v = c.Answers[ItemIndex];
        if (v == ConditionContext.Missing) return Truth.Unknown;
        return Test.Matches(v) ? Truth.True : Truth.False;
    }

    public override IEnumerable<string> ItemIds() => [Item];

    /// <inheritdoc />
    public override string Describe(InstrumentDefinition definition) => $"question {Item} was {Answers(definition, Item, Test)}";
}

/// <summary><c>{"score": "total", "atLeast": 5}</c> or a subscale id instead of "total".</summary>
public sealed record ScoreCondition(string Score, ValueTest Test) : Condition
{
    public const string TotalName = "total";

    /// <summary>-1 for the total, otherwise the subscale's index.</summary>
    internal int SubscaleIndex { get; init; } = -1;

    internal override Truth Evaluate(in ConditionContext c)
    {
        int value;
        if (SubscaleIndex < 0)
        {
            if (c.Total is not { } t) return Truth.Unknown;
            value = t;
        }
        else
        {
            value = c.Subscales[SubscaleIndex];
            if (value == ConditionContext.Missing) return Truth.Unknown;
        }
        return Test.Matches(value) ? Truth.True : Truth.False;
    }

    public override IEnumerable<string> ItemIds() => [];

    /// <inheritdoc />
    public override string Describe(InstrumentDefinition definition) => $"the {Score} score was {Test}";
}

/// <summary><c>{"countOf": ["1", "2", "3"], "where": {"equals": 1}, "atLeast": 2}</c></summary>
public sealed record CountCondition(ImmutableArray<string> Items, ValueTest Where, int AtLeast) : Condition
{
    internal ImmutableArray<int> ItemIndexes { get; init; } = [];

    internal override Truth Evaluate(in ConditionContext c)
    {
        int met = 0, unknown = 0;
        foreach (var i in ItemIndexes)
        {
            var v = c.Answers[i];
            if (v == ConditionContext.Missing) unknown++;
            else if (Where.Matches(v)) met++;
        }
        if (met >= AtLeast) return Truth.True;
        return met + unknown >= AtLeast ? Truth.Unknown : Truth.False;
    }

    public override IEnumerable<string> ItemIds() => Items;

    /// <inheritdoc />
    public override string Describe(InstrumentDefinition definition) =>
        $"at least {AtLeast} of questions {string.Join(", ", Items)} were answered {Answers(definition, Items[0], Where)}";
}

/// <summary><c>{"any": [ ... ]}</c>: true as soon as one part is true, false only when all are false.</summary>
public sealed record AnyCondition(ImmutableArray<Condition> Conditions) : Condition
{
    internal override Truth Evaluate(in ConditionContext c)
    {
        var result = Truth.False;
        foreach (var part in Conditions)
        {
            var t = part.Evaluate(c);
            if (t == Truth.True) return Truth.True;
            if (t == Truth.Unknown) result = Truth.Unknown;
        }
        return result;
    }

    public override IEnumerable<string> ItemIds() => Conditions.SelectMany(p => p.ItemIds());

    /// <inheritdoc />
    public override string Describe(InstrumentDefinition definition) => string.Join(" or ", Conditions.Select(c => c.Describe(definition)));
}

/// <summary><c>{"all": [ ... ]}</c>: false as soon as one part is false, true only when all are true.</summary>
public sealed record AllCondition(ImmutableArray<Condition> Conditions) : Condition
{
    internal override Truth Evaluate(in ConditionContext c)
    {
        var result = Truth.True;
        foreach (var part in Conditions)
        {
            var t = part.Evaluate(c);
            if (t == Truth.False) return Truth.False;
            if (t == Truth.Unknown) result = Truth.Unknown;
        }
        return result;
    }

    public override IEnumerable<string> ItemIds() => Conditions.SelectMany(p => p.ItemIds());

    /// <inheritdoc />
    public override string Describe(InstrumentDefinition definition) => string.Join(" and ", Conditions.Select(c => c.Describe(definition)));
}
