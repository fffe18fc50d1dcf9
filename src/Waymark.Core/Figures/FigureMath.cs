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
}
