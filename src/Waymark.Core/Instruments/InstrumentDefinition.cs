using System.Collections.Immutable;

namespace Waymark.Instruments;

/// <summary>
/// A screening or assessment instrument as loaded from its JSON definition (docs/instruments.md).
/// Immutable; item and score references inside conditions are resolved to indexes when it is loaded.
/// </summary>
public sealed record InstrumentDefinition(
    string Id,
    string Version,
    string Title,
    string Description,
    AgeRange? Age,
    string Source,
    string Licence,
    ImmutableArray<InstrumentItem> Items,
    InstrumentScoring Scoring,
    ImmutableArray<InstrumentFlag> Flags,
    ImmutableArray<InstrumentRule> Rules)
{
    /// <summary>Where the definition came from: a built-in resource name or a file path.</summary>
    public string Origin { get; init; } = "";

    /// <summary>Index of the item with this id, or -1.</summary>
    public int IndexOf(string itemId)
    {
        for (var i = 0; i < Items.Length; i++)
            if (string.Equals(Items[i].Id, itemId, StringComparison.Ordinal)) return i;
        return -1;
    }

    public bool SuitsAge(int? ageYears) => Age is null || ageYears is null || Age.Contains(ageYears.Value);

    /// <summary>Settings (names of <see cref="Waymark.Episodes.Setting"/>) the instrument is meant for; empty means any.</summary>
    public ImmutableArray<string> Settings { get; init; } = [];

    public bool SuitsSetting(string setting) => Settings.IsDefaultOrEmpty || Settings.Contains(setting);

    /// <summary>The lowest and highest possible totals, or null when the instrument has no total.</summary>
    public (int Min, int Max)? TotalRange() =>
        Scoring.HasTotal
            ? (Scoring.TotalIndexes.Sum(i => Items[i].MinScored), Scoring.TotalIndexes.Sum(i => Items[i].MaxScored))
            : null;
}

/// <summary>Ages (whole years) the instrument is validated for; either end may be open.</summary>
public sealed record AgeRange(int? Min, int? Max)
{
    public bool Contains(int age) => (Min is null || age >= Min) && (Max is null || age <= Max);

    public override string ToString() => (Min, Max) switch
    {
        (null, null) => "any age",
        ({ } min, null) => $"{min}+",
        (null, { } max) => $"up to {max}",
        ({ } min, { } max) => $"{min}–{max}",
    };
}

/// <summary>One answer a person can give, with the number it scores.</summary>
public sealed record AnswerOption(string Label, int Value);

/// <summary>Reverse scoring: an answer v scores Min + Max − v.</summary>
public sealed record ReverseScoring(int Min, int Max);

/// <summary>
/// An item that is not asked when an earlier answer makes it pointless (the AUDIT's "skip to questions 9 and 10"),
/// and then scores <see cref="Value"/>.
/// </summary>
public sealed record ItemSkip(Condition When, int Value);

public sealed record InstrumentItem(
    string Id,
    string Text,
    ImmutableArray<AnswerOption> Options,
    bool Required = false,
    ReverseScoring? ReverseScored = null,
    ItemSkip? Skip = null)
{
    public bool IsAnswer(int value)
    {
        foreach (var o in Options)
            if (o.Value == value) return true;
        return false;
    }

    /// <summary>The number an answer contributes to scores (reversed if the item is reverse-scored).</summary>
    public int Scored(int answer) => ReverseScored is { } r ? r.Min + r.Max - answer : answer;

    public AnswerOption? Option(int value)
    {
        foreach (var o in Options)
            if (o.Value == value) return o;
        return null;
    }

    public int MinScored => Options.Min(o => Scored(o.Value));
    public int MaxScored => Options.Max(o => Scored(o.Value));
}

public enum MissingMethod
{
    /// <summary>No score unless every scored item is answered (then <c>MaxMissing</c> is 0).</summary>
    None,
    /// <summary>Total = round(mean of answered items × number of items), half away from zero.</summary>
    Prorate,
}

/// <summary>How many scored items may be missing, and what is done about it.</summary>
public sealed record MissingPolicy(int MaxMissing, MissingMethod Method)
{
    public static readonly MissingPolicy NoneMissing = new(0, MissingMethod.None);
}

public sealed record Subscale(string Id, string Label, ImmutableArray<string> Items)
{
    internal ImmutableArray<int> ItemIndexes { get; init; } = [];
}

/// <summary>An inclusive range of the total with its interpretation.</summary>
public sealed record ScoreBand(int Min, int Max, string Label);

/// <summary>The total is optional: the Brief Jail Mental Health Screen has rules but no score.</summary>
public sealed record InstrumentScoring(
    ImmutableArray<string>? TotalItems,
    MissingPolicy Missing,
    ImmutableArray<Subscale> Subscales,
    ImmutableArray<ScoreBand> Bands)
{
    public bool HasTotal => TotalItems is not null;
    internal ImmutableArray<int> TotalIndexes { get; init; } = [];
}

public enum FlagSeverity { Info, Warning, Urgent }

/// <summary>An answer pattern that demands an immediate response, whatever the total.</summary>
public sealed record InstrumentFlag(string Id, Condition When, string Message, FlagSeverity Severity);

/// <summary>A published decision rule, e.g. "refer for further mental health evaluation".</summary>
public sealed record InstrumentRule(string Id, Condition When, string Label);
