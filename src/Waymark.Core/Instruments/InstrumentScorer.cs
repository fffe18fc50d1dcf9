using System.Collections.Immutable;
using System.Globalization;

namespace Waymark.Instruments;

/// <summary>A subscale's score; null when one of its items is missing.</summary>
public sealed record SubscaleScore(string Id, string Label, int? Score);

/// <summary>An answer that cannot be scored: not one of the item's options, or not an item of the instrument.</summary>
public sealed record AnswerError(string ItemId, string? ItemText, int? Value, string Problem)
{
    /// <summary>e.g. <c>item 9 ("Thoughts that you would be better off dead…"): 4 is not an answer; expected 0, 1, 2 or 3</c></summary>
    public override string ToString() =>
        ItemText is null ? $"item {ItemId}: {Problem}" : $"item {ItemId} (\"{Shorten(ItemText)}\"): {Problem}";

    // Enough of the question to recognise it on one line of a message.
    private static string Shorten(string text)
    {
        if (text.Length <= 50) return text;
        var cut = text.LastIndexOf(' ', 44);
        return text[..(cut > 0 ? cut : 44)].TrimEnd(',', ';', '?', ' ') + "…";
    }
}

/// <summary>
/// The result of scoring one set of answers. When <see cref="Errors"/> is not empty nothing is scored: an
/// impossible answer means the record is wrong, and no score, flag or outcome is guessed from it.
/// </summary>
public sealed record InstrumentResult(
    string InstrumentId,
    string Version,
    int? Total,
    bool Prorated,
    ImmutableArray<SubscaleScore> Subscales,
    ScoreBand? Band,
    ImmutableArray<InstrumentFlag> Flags,
    ImmutableArray<InstrumentRule> Outcomes,
    ImmutableArray<string> Missing,
    ImmutableArray<string> Undecided,
    ImmutableArray<AnswerError> Errors)
{
    public bool IsValid => Errors.IsEmpty;
    public bool IsComplete => Missing.IsEmpty;

    /// <summary>
    /// Ids of the items the instrument's own skip rules left out for these answers (the AUDIT's "Never" on question 1
    /// skips questions 2–8), in item order. They are not missing: each scores its skip value, and an answer given to
    /// one anyway is ignored, as the instrument says the question is not asked.
    /// </summary>
    public ImmutableArray<string> Skipped { get; init; } = [];
}

/// <summary>Scores answers against a definition. Pure and thread-safe; allocates only the result.</summary>
public static class InstrumentScorer
{
    // Instruments are short; longer ones fall back to the heap.
    private const int StackLimit = 128;

    /// <summary>
    /// Scores <paramref name="answers"/> (item id → answer value, null or absent = not answered).
    /// Flags and rules are evaluated as far as the answered items decide them, even when the total
    /// cannot be computed; those still undecided are listed in <see cref="InstrumentResult.Undecided"/>.
    /// </summary>
    public static InstrumentResult Score(InstrumentDefinition def, IReadOnlyDictionary<string, int?> answers)
    {
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(answers);
        var items = def.Items;
        var errors = FindErrors(def, answers);
        if (!errors.IsEmpty)
            return new InstrumentResult(def.Id, def.Version, null, false, [], null, [], [], [], [], errors);

        Span<int> values = items.Length <= StackLimit ? stackalloc int[items.Length] : new int[items.Length];
        var missingCount = 0;
        ImmutableArray<string>.Builder? skipped = null;
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            // Skips read only earlier items, which are already filled in (a skipped item with its skip value).
            // A skip that holds wins over an answer: the instrument says the question is not asked.
            if (item.Skip is { } skip && skip.When.Evaluate(new ConditionContext(values, null, default)) == Truth.True)
            {
                values[i] = skip.Value;
                (skipped ??= ImmutableArray.CreateBuilder<string>()).Add(item.Id);
            }
            else if (answers.TryGetValue(item.Id, out var a) && a is { } v) values[i] = v;
            else
            {
                values[i] = ConditionContext.Missing;
                missingCount++;
            }
        }

        var scoring = def.Scoring;
        int? total = null;
        var prorated = false;
        if (scoring.HasTotal) (total, prorated) = Total(items, scoring, values);

        var subscaleCount = scoring.Subscales.Length;
        Span<int> subscaleValues = subscaleCount <= StackLimit ? stackalloc int[subscaleCount] : new int[subscaleCount];
        var subscales = subscaleCount == 0 ? [] : ScoreSubscales(items, scoring.Subscales, values, subscaleValues);

        ScoreBand? band = null;
        if (total is { } t)
            foreach (var b in scoring.Bands)
                if (t >= b.Min && t <= b.Max) { band = b; break; }

        var context = new ConditionContext(values, total, subscaleValues);
        ImmutableArray<InstrumentFlag>.Builder? flags = null;
        ImmutableArray<InstrumentRule>.Builder? outcomes = null;
        ImmutableArray<string>.Builder? undecided = null;
        foreach (var flag in def.Flags)
        {
            var truth = flag.When.Evaluate(context);
            if (truth == Truth.True) (flags ??= ImmutableArray.CreateBuilder<InstrumentFlag>()).Add(flag);
            else if (truth == Truth.Unknown) (undecided ??= ImmutableArray.CreateBuilder<string>()).Add(flag.Id);
        }
        foreach (var rule in def.Rules)
        {
            var truth = rule.When.Evaluate(context);
            if (truth == Truth.True) (outcomes ??= ImmutableArray.CreateBuilder<InstrumentRule>()).Add(rule);
            else if (truth == Truth.Unknown) (undecided ??= ImmutableArray.CreateBuilder<string>()).Add(rule.Id);
        }

        var missing = ImmutableArray<string>.Empty;
        if (missingCount > 0)
        {
            var m = ImmutableArray.CreateBuilder<string>(missingCount);
            for (var i = 0; i < items.Length; i++)
                if (values[i] == ConditionContext.Missing) m.Add(items[i].Id);
            missing = m.MoveToImmutable();
        }

        return new InstrumentResult(def.Id, def.Version, total, prorated, subscales, band,
            flags?.ToImmutable() ?? [], outcomes?.ToImmutable() ?? [], missing, undecided?.ToImmutable() ?? [], [])
        {
            Skipped = skipped?.ToImmutable() ?? [],
        };
    }

    /// <summary>
    /// The items skipped for these answers (see <see cref="InstrumentResult.Skipped"/>), whether or not the answers
    /// can be scored; answers that are not among an item's options count as not given.
    /// </summary>
    public static ImmutableArray<string> SkippedItems(InstrumentDefinition def, IReadOnlyDictionary<string, int?> answers)
    {
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(answers);
        var items = def.Items;
        Span<int> values = items.Length <= StackLimit ? stackalloc int[items.Length] : new int[items.Length];
        ImmutableArray<string>.Builder? skipped = null;
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (item.Skip is { } skip && skip.When.Evaluate(new ConditionContext(values, null, default)) == Truth.True)
            {
                values[i] = skip.Value;
                (skipped ??= ImmutableArray.CreateBuilder<string>()).Add(item.Id);
            }
            else values[i] = answers.TryGetValue(item.Id, out var a) && a is { } v && item.IsAnswer(v) ? v : ConditionContext.Missing;
        }
        return skipped?.ToImmutable() ?? [];
    }

    private static (int? Total, bool Prorated) Total(ImmutableArray<InstrumentItem> items, InstrumentScoring scoring, ReadOnlySpan<int> values)
    {
        int sum = 0, answered = 0;
        var indexes = scoring.TotalIndexes;
        foreach (var i in indexes)
        {
            var v = values[i];
            if (v == ConditionContext.Missing)
            {
                if (items[i].Required) return (null, false);
                continue;
            }
            sum += items[i].Scored(v);
            answered++;
        }
        var missing = indexes.Length - answered;
        if (missing == 0) return (sum, false);
        if (missing > scoring.Missing.MaxMissing || answered == 0 || scoring.Missing.Method != MissingMethod.Prorate) return (null, false);
        // Mean of the answered items times the item count, as the published guidance words it.
        return ((int)Math.Round((double)sum * indexes.Length / answered, MidpointRounding.AwayFromZero), true);
    }

    private static ImmutableArray<SubscaleScore> ScoreSubscales(ImmutableArray<InstrumentItem> items, ImmutableArray<Subscale> defs, ReadOnlySpan<int> values, Span<int> scores)
    {
        var result = ImmutableArray.CreateBuilder<SubscaleScore>(defs.Length);
        for (var s = 0; s < defs.Length; s++)
        {
            int? score = 0;
            foreach (var i in defs[s].ItemIndexes)
            {
                var v = values[i];
                if (v == ConditionContext.Missing) { score = null; break; }
                score += items[i].Scored(v);
            }
            scores[s] = score ?? ConditionContext.Missing;
            result.Add(new SubscaleScore(defs[s].Id, defs[s].Label, score));
        }
        return result.MoveToImmutable();
    }

    /// <summary>Answers that are not among the item's options, and answers to items the instrument does not have.</summary>
    public static ImmutableArray<AnswerError> FindErrors(InstrumentDefinition def, IReadOnlyDictionary<string, int?> answers)
    {
        ImmutableArray<AnswerError>.Builder? errors = null;
        var known = 0;
        foreach (var item in def.Items)
        {
            if (!answers.TryGetValue(item.Id, out var a)) continue;
            known++;
            if (a is { } v && !item.IsAnswer(v))
                (errors ??= ImmutableArray.CreateBuilder<AnswerError>()).Add(new AnswerError(item.Id, item.Text, v,
                    $"{v.ToString(CultureInfo.InvariantCulture)} is not an answer; expected {Expected(item)}"));
        }
        if (known < answers.Count)
            foreach (var key in answers.Keys)
                if (def.IndexOf(key) < 0)
                    (errors ??= ImmutableArray.CreateBuilder<AnswerError>()).Add(new AnswerError(key, null, answers[key], $"not an item of {def.Id}"));
        return errors?.ToImmutable() ?? [];
    }

    /// <summary>"0, 1, 2 or 3".</summary>
    public static string Expected(InstrumentItem item)
    {
        var values = item.Options.Select(o => o.Value.ToString(CultureInfo.InvariantCulture)).ToList();
        return values.Count == 1 ? values[0] : string.Join(", ", values.Take(values.Count - 1)) + " or " + values[^1];
    }
}
