namespace Waymark.Figures;

/// <summary>Small helpers the figure sources share: medians, month bucketing of fetched instants.</summary>
public static class FigureMath
{
    /// <summary>
    /// The median of <paramref name="values"/> (the mean of the middle two for an even count), or null when there are
    /// none. Worked out in memory so SQLite and PostgreSQL give the same answer (SQL has no portable median).
    /// </summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// Counts (row, month) pairs into cells for <see cref="CountTable.From"/>: each item's instant is put in its UK month
    /// (<see cref="FigureScope.MonthOf"/>); items outside the period are dropped.
    /// </summary>
    public static IEnumerable<(string Row, Month Month, long Count)> Cells<T>(FigureScope scope, IEnumerable<T> items, Func<T, DateTimeOffset> at, Func<T, string> row) =>
        items.Select(i => (Row: row(i), Month: scope.MonthOf(at(i))))
            .Where(x => x.Month is not null)
            .GroupBy(x => (x.Row, Month: x.Month!.Value))
            .Select(g => (g.Key.Row, g.Key.Month, (long)g.Count()));

    /// <summary>
    /// As <see cref="CountTable.From"/> for rows that are not exclusive (a thing counted can be in several rows, so no
    /// "Total" row): the table with <see cref="CountTable.RowsAreExclusive"/> false.
    /// </summary>
    /// <exception cref="ArgumentException">A cell names a row or month the table does not have.</exception>
    public static CountTable Overlapping(string rowHeading, IReadOnlyList<string> rows, IReadOnlyList<Month> months, IEnumerable<(string Row, Month Month, long Count)> cells)
    {
        var from = CountTable.From(rowHeading, rows, months, cells);
        var table = new CountTable(rowHeading, rows, months) { RowsAreExclusive = false };
        for (var r = 0; r < rows.Count; r++)
            for (var m = 0; m < months.Count; m++)
                table[r, m] = from[r, m];
        return table;
    }
}
