namespace Waymark.Figures;

/// <summary>
/// A figure's table as shown: the text of every cell (a count, "*", "12.5 hours", "80%") and the value a chart draws
/// (null when suppressed or not known). Built plainly for a team manager (<see cref="Plain(CountTable)"/>) or under
/// disclosure control for a commissioner (<see cref="Commissioning.DisclosureControl"/>). Columns are the months, then
/// "Total" when the table has totals; <see cref="TotalRow"/> is the last row's label when it is a total.
/// </summary>
public sealed record DisplayedTable(
    string RowHeading,
    IReadOnlyList<string> Rows,
    IReadOnlyList<string> Columns,
    string[,] Text,
    double?[,] Values,
    string? TotalRow,
    string? Unit,
    IReadOnlyList<string> Notes)
{
    /// <summary>A figure's table as it is (<see cref="Plain(CountTable)"/> or <see cref="Plain(MeasureTable)"/>).</summary>
    /// <exception cref="InvalidOperationException">A kind of figure with no table.</exception>
    public static DisplayedTable Plain(Figure figure) => figure switch
    {
        CountFigure c => Plain(c.Table),
        MeasureFigure m => Plain(m.Table),
        _ => throw new InvalidOperationException($"No table for figure {figure.Key}."),
    };

    /// <summary>A count table as it is, with a "Total" column and (for exclusive rows) a "Total" row.</summary>
    public static DisplayedTable Plain(CountTable table)
    {
        var withTotalRow = table.RowsAreExclusive && table.Rows.Count > 1;
        var rows = withTotalRow ? [.. table.Rows, "Total"] : table.Rows.ToList();
        var columns = table.Months.Select(m => m.Label).Append(table.TotalColumn).ToList();
        var text = new string[rows.Count, columns.Count];
        var values = new double?[rows.Count, columns.Count];
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < columns.Count; c++)
            {
                var isTotalRow = withTotalRow && r == rows.Count - 1;
                var isTotalColumn = c == columns.Count - 1;
                long v = (isTotalRow, isTotalColumn) switch
                {
                    (true, true) => table.Total,
                    (true, false) => table.MonthTotal(c),
                    (false, true) => table.RowTotal(r),
                    _ => table[r, c],
                };
                text[r, c] = v.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
                values[r, c] = v;
            }
        return new DisplayedTable(table.RowHeading, rows, columns, text, values, withTotalRow ? "Total" : null, null, []);
    }

    /// <summary>A measure table as it is, with a "Whole period" column.</summary>
    public static DisplayedTable Plain(MeasureTable table) =>
        OfMeasures(table, m => (Format(m.Value, table.Unit), m.Value), []);

    /// <summary>
    /// A measure table with every cell shown by <paramref name="show"/> (its text and chart value: plainly, or under
    /// disclosure control); columns the months then "Whole period" (each row's <see cref="MeasureTable.Totals"/>).
    /// </summary>
    public static DisplayedTable OfMeasures(MeasureTable table, Func<Measure, (string Text, double? Value)> show, IReadOnlyList<string> notes)
    {
        var columns = table.Months.Select(m => m.Label).Append("Whole period").ToList();
        var text = new string[table.Rows.Count, columns.Count];
        var values = new double?[table.Rows.Count, columns.Count];
        for (var r = 0; r < table.Rows.Count; r++)
            for (var c = 0; c < columns.Count; c++)
                (text[r, c], values[r, c]) = show(c == columns.Count - 1 ? table.Totals[r] : table[r, c]);
        return new DisplayedTable(table.RowHeading, table.Rows, columns, text, values, null, table.Unit, notes);
    }

    /// <summary>"–" for no value; "80%" for unit "%" (a fraction); otherwise one decimal place and the unit ("12.5 hours").</summary>
    public static string Format(double? value, string unit) => value switch
    {
        null => "–",
        { } v when unit == "%" => v.ToString("P0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")),
        { } v => $"{v:0.#} {unit}",
    };
}
