namespace Waymark.Figures;

/// <summary>
/// A value worked out from several records (a median time, a percentage), with how many records it was worked out
/// from: <see cref="Count"/> is the denominator (records measured), <see cref="Numerator"/> the records a percentage
/// counts (null for a median). Disclosure control hides a measure made from too few records.
/// </summary>
public readonly record struct Measure(double? Value, long Count, long? Numerator = null);

/// <summary>
/// Measures by row and month: e.g. timeliness, rows the stages ("Identification to screening"), value the median in
/// <see cref="Unit"/>. <see cref="Totals"/> holds each row's measure over the whole period (a median of all, not of the months).
/// </summary>
public sealed class MeasureTable(string rowHeading, string unit, IReadOnlyList<string> rows, IReadOnlyList<Month> months)
{
    private readonly Measure[,] _cells = new Measure[rows.Count, months.Count];
    private readonly Measure[] _totals = new Measure[rows.Count];

    /// <summary>What the rows are.</summary>
    public string RowHeading { get; } = rowHeading;
    /// <summary>The unit of <see cref="Measure.Value"/>: "hours", "days", "%" (a fraction 0–1 shown as a percentage).</summary>
    public string Unit { get; } = unit;
    /// <summary>The rows, in display order.</summary>
    public IReadOnlyList<string> Rows { get; } = rows;
    /// <summary>The months, in order.</summary>
    public IReadOnlyList<Month> Months { get; } = months;

    /// <summary>The measure for a row and month (indexes).</summary>
    public Measure this[int row, int month] { get => _cells[row, month]; set => _cells[row, month] = value; }

    /// <summary>Each row's measure over the whole period, by row index.</summary>
    public Measure[] Totals => _totals;
}
