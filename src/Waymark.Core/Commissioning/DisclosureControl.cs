using System.Globalization;
using Waymark.Figures;

namespace Waymark.Commissioning;

/// <summary>
/// Statistical disclosure control for figures shown to commissioners, as NHS statistics publish them (NHS England /
/// NHS Digital, "Statistical disclosure control" guidance for published statistics, e.g. the Mental Health Services
/// Monthly Statistics: small numbers suppressed, other counts rounded to the nearest 5; and issue 15's rule):
/// <list type="bullet">
/// <item>a count of 0 is shown as 0; a count of 1 to 4 as "*" (primary suppression); any other count rounded to the
/// nearest 5 (half away from zero, which for whole numbers never arises: 12 → 10, 13 → 15);</item>
/// <item>totals (each row's "Total" column, and the "Total" row when the rows are exclusive) are worked out from the TRUE
/// counts, then controlled the same way;</item>
/// <item>secondary suppression: in every line (a row with its total; a month column, or the Total column, with the
/// Total row when there is one), when exactly one cell is suppressed, the smallest other non-zero unsuppressed cell of
/// that line is suppressed too (a non-total cell rather than the total), repeated until no line has a single suppressed
/// cell, so no suppressed figure can be worked out by subtraction;</item>
/// <item>a measure (a median, a percentage) is shown only when made from 5 or more records and, for a percentage, when
/// neither the records it counts (<see cref="Measure.Numerator"/>) nor the rest (Count − Numerator) are 1 to 4: a
/// percentage of a suppressed count would reveal it.</item>
/// </list>
/// Suppressed cells have the text "*" and the value null (so a chart draws nothing). The rules and their sources are
/// in docs/figures.md.
/// </summary>
public static class DisclosureControl
{
    /// <summary>The text of a suppressed cell.</summary>
    public const string Suppressed = "*";

    /// <summary>The smallest count shown (smaller non-zero counts are suppressed); also the fewest records a measure is shown for.</summary>
    public const int Threshold = 5;

    /// <summary>The note under every controlled count table.</summary>
    public const string CountNote = "* 1 to 4, or hidden so that a hidden figure cannot be worked out from the totals. Other counts are rounded to the nearest 5, so totals may not equal the sum of their parts.";

    /// <summary>The note under every controlled measure table.</summary>
    public const string MeasureNote = "* worked out from fewer than 5 records, or a percentage of 1 to 4 records (or all but 1 to 4), so hidden.";

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>True for a count that is suppressed on its own: 1 to 4 (0 is shown).</summary>
    public static bool IsSmall(long count) => count is >= 1 and < Threshold;

    /// <summary>A count rounded to the nearest 5, halves away from zero (12 → 10, 13 → 15, 5 → 5, 7 → 5, 8 → 10).</summary>
    public static long Round(long count) =>
        (long)Math.Round(count / (double)Threshold, MidpointRounding.AwayFromZero) * Threshold;

    /// <summary>A figure's table as a commissioner sees it (<see cref="Apply(CountTable)"/> or <see cref="Apply(MeasureTable)"/>).</summary>
    /// <exception cref="InvalidOperationException">A kind of figure with no disclosure control: never shown rather than shown uncontrolled.</exception>
    public static DisplayedTable Apply(Figure figure) => figure switch
    {
        CountFigure c => Apply(c.Table),
        MeasureFigure m => Apply(m.Table),
        _ => throw new InvalidOperationException($"No disclosure control for a {figure.GetType().Name}."),
    };

    /// <summary>
    /// A count table as a commissioner sees it: columns the months then "Total"; a "Total" row when the rows are exclusive
    /// and there is more than one (as <see cref="DisplayedTable.Plain(CountTable)"/>); every cell controlled as this
    /// class describes, with <see cref="CountNote"/>.
    /// </summary>
    public static DisplayedTable Apply(CountTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var withTotalRow = table.RowsAreExclusive && table.Rows.Count > 1;
        var rows = withTotalRow ? [.. table.Rows, "Total"] : table.Rows.ToList();
        var columns = table.Months.Select(m => m.Label).Append(table.TotalColumn).ToList();
        int nr = rows.Count, nc = columns.Count;
        var totalRow = withTotalRow ? nr - 1 : -1;
        var totalColumn = nc - 1;

        // The true counts, totals from the true counts.
        var counts = new long[nr, nc];
        for (var r = 0; r < nr; r++)
            for (var c = 0; c < nc; c++)
                counts[r, c] = (r == totalRow, c == totalColumn) switch
                {
                    (true, true) => table.Total,
                    (true, false) => table.MonthTotal(c),
                    (false, true) => table.RowTotal(r),
                    _ => table[r, c],
                };

        var hidden = Suppress(counts, totalRow, totalColumn);

        var text = new string[nr, nc];
        var values = new double?[nr, nc];
        for (var r = 0; r < nr; r++)
            for (var c = 0; c < nc; c++)
            {
                if (hidden[r, c])
                {
                    text[r, c] = Suppressed;
                    values[r, c] = null;
                    continue;
                }
                var shown = Round(counts[r, c]);
                text[r, c] = shown.ToString("N0", EnGb);
                values[r, c] = shown;
            }
        return new DisplayedTable(table.RowHeading, rows, columns, text, values, withTotalRow ? "Total" : null, null, [CountNote]);
    }

    /// <summary>
    /// Which cells of a grid of true counts (totals included) are hidden: primary suppression of 1 to 4, then secondary
    /// suppression line by line until stable. <paramref name="totalRow"/> is -1 when there is no total row, and then the
    /// columns are not lines (nothing adds them up).
    /// </summary>
    internal static bool[,] Suppress(long[,] counts, int totalRow, int totalColumn)
    {
        int nr = counts.GetLength(0), nc = counts.GetLength(1);
        var hidden = new bool[nr, nc];
        for (var r = 0; r < nr; r++)
            for (var c = 0; c < nc; c++)
                hidden[r, c] = IsSmall(counts[r, c]);

        var lines = new List<(int R, int C)[]>();
        for (var r = 0; r < nr; r++) lines.Add(Enumerable.Range(0, nc).Select(c => (r, c)).ToArray());
        if (totalRow >= 0)
            for (var c = 0; c < nc; c++) lines.Add(Enumerable.Range(0, nr).Select(r => (r, c)).ToArray());

        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                if (line.Count(x => hidden[x.R, x.C]) != 1) continue;
                var candidates = line.Where(x => !hidden[x.R, x.C] && counts[x.R, x.C] != 0).ToList();
                if (candidates.Count == 0) continue; // cannot arise when the totals add up; nothing to hide
                var parts = candidates.Where(x => x.R != totalRow && x.C != totalColumn).ToList();
                var pool = parts.Count > 0 ? parts : candidates;
                var (pr, pc) = pool.MinBy(x => counts[x.R, x.C]);
                hidden[pr, pc] = true;
                changed = true;
            }
        } while (changed);
        return hidden;
    }

    /// <summary>
    /// A measure table as a commissioner sees it: columns the months then "Whole period"; a measure is shown only when
    /// <see cref="ShowsMeasure"/> allows it, otherwise "*" (value null), with <see cref="MeasureNote"/>. Measures are not
    /// rounded (they are not counts); a measure with no value shows "–".
    /// </summary>
    public static DisplayedTable Apply(MeasureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return DisplayedTable.OfMeasures(table, m =>
            m.Value is null ? (DisplayedTable.Format(null, table.Unit), null)
            : !ShowsMeasure(m) ? (Suppressed, null)
            : (DisplayedTable.Format(m.Value, table.Unit), m.Value), [MeasureNote]);
    }

    /// <summary>
    /// True when a measure may be shown: made from at least <see cref="Threshold"/> records, and for a percentage
    /// (<see cref="Measure.Numerator"/> set) neither the numerator nor the rest (Count − Numerator) is 1 to 4. NHS
    /// publications suppress a percentage whose numerator or denominator is suppressed; the rest is suppressed too because
    /// "96% of a known total" reveals the 1 to 4 who were not counted.
    /// </summary>
    public static bool ShowsMeasure(Measure measure) =>
        measure.Count >= Threshold
        && (measure.Numerator is not { } n || (!IsSmall(n) && !IsSmall(measure.Count - n)));
}
