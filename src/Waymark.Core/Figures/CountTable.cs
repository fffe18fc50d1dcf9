namespace Waymark.Figures;

/// <summary>
/// Counts of something (people identified, referrals declined…) by category (rows) and month (columns): the shape of
/// every count figure, before any disclosure control. Rows are coded categories, never free text or anything that
/// names a person, so the same table can be shown to a commissioner once controlled (<see cref="Commissioning.DisclosureControl"/>).
/// </summary>
public sealed class CountTable
{
    private readonly long[,] _counts;

    /// <summary>A table with every cell zero.</summary>
    /// <param name="rowHeading">What the rows are ("Setting", "Need").</param>
    /// <param name="rows">The categories in display order (include a category with no counts so it shows as 0).</param>
    /// <param name="months">The columns.</param>
    public CountTable(string rowHeading, IReadOnlyList<string> rows, IReadOnlyList<Month> months)
    {
        RowHeading = rowHeading;
        Rows = rows;
        Months = months;
        _counts = new long[rows.Count, months.Count];
    }

    /// <summary>What the rows are ("Setting").</summary>
    public string RowHeading { get; }
    /// <summary>The categories, in display order.</summary>
    public IReadOnlyList<string> Rows { get; }
    /// <summary>The months, in order.</summary>
    public IReadOnlyList<Month> Months { get; }

    /// <summary>The count for row <paramref name="row"/> and month <paramref name="month"/> (indexes).</summary>
    public long this[int row, int month] { get => _counts[row, month]; set => _counts[row, month] = value; }

    /// <summary>
    /// A row's total over the months; for a table of counts at each month's end (<see cref="AtMonthEnd"/>), the last
    /// month's count (what was open at the period's end), since adding month-end counts counts the same thing many times.
    /// </summary>
    public long RowTotal(int row) => AtMonthEnd
        ? (Months.Count == 0 ? 0 : _counts[row, Months.Count - 1])
        : Enumerable.Range(0, Months.Count).Sum(m => _counts[row, m]);
    /// <summary>A month's total over the rows (meaningful when each thing counted is in one row only; see <see cref="RowsAreExclusive"/>).</summary>
    public long MonthTotal(int month) => Enumerable.Range(0, Rows.Count).Sum(r => _counts[r, month]);
    /// <summary>Every cell's total.</summary>
    public long Total => Enumerable.Range(0, Rows.Count).Sum(RowTotal);

    /// <summary>
    /// True when each thing counted falls in exactly one row (settings, age groups), so a month's column adds up to a
    /// meaningful total and the table shows a "Total" row; false when a thing can be in several (needs found), so none.
    /// </summary>
    public bool RowsAreExclusive { get; init; } = true;

    /// <summary>
    /// True when each cell counts what stood at the end of its month (episodes open at the month's end) rather than what
    /// happened during it; then the last column is the count at the period's end (<see cref="TotalColumn"/>), not a sum.
    /// </summary>
    public bool AtMonthEnd { get; init; }

    /// <summary>The heading of the last column: "Total", or "End of period" for a table of month-end counts.</summary>
    public string TotalColumn => AtMonthEnd ? "End of period" : "Total";

    /// <summary>
    /// Builds a table from (row, month, count) cells, as an aggregate query returns them. Cells of a row or month not in
    /// <paramref name="rows"/>/<paramref name="months"/> are refused, so a category missing from the order is a bug, not lost.
    /// </summary>
    /// <param name="rowsAreExclusive"><see cref="RowsAreExclusive"/>: false when a thing counted can be in several rows.</param>
    /// <exception cref="ArgumentException">A cell names a row or month the table does not have.</exception>
    public static CountTable From(string rowHeading, IReadOnlyList<string> rows, IReadOnlyList<Month> months, IEnumerable<(string Row, Month Month, long Count)> cells,
        bool rowsAreExclusive = true)
    {
        var table = new CountTable(rowHeading, rows, months) { RowsAreExclusive = rowsAreExclusive };
        var rowIndex = rows.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i, StringComparer.Ordinal);
        var monthIndex = months.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
        foreach (var (row, month, count) in cells)
        {
            if (!rowIndex.TryGetValue(row, out var r)) throw new ArgumentException($"No row \"{row}\" in the table.", nameof(cells));
            if (!monthIndex.TryGetValue(month, out var m)) throw new ArgumentException($"No month {month} in the table.", nameof(cells));
            table[r, m] += count;
        }
        return table;
    }
}
