using Waymark.Commissioning;
using Waymark.Figures;

namespace Waymark.Core.Tests.Commissioning;

/// <summary>
/// Every rule of <see cref="DisclosureControl"/>: primary suppression of 1 to 4, rounding to the nearest 5, totals from
/// the true counts, secondary suppression in rows and columns and its cascade, and measures of suppressed counts.
/// </summary>
public class DisclosureControlTests
{
    private static readonly Month Jan = new(2026, 1), Feb = new(2026, 2), Mar = new(2026, 3);

    /// <summary>A table of <paramref name="counts"/> (rows × months), rows "A", "B", … and months from January 2026.</summary>
    private static CountTable Table(long[][] counts, bool exclusive = true)
    {
        var months = Enumerable.Range(0, counts[0].Length).Select(i => Month.Of(new DateOnly(2026, 1, 1).AddMonths(i))).ToList();
        var rows = Enumerable.Range(0, counts.Length).Select(i => ((char)('A' + i)).ToString()).ToList();
        var table = new CountTable("Category", rows, months) { RowsAreExclusive = exclusive };
        for (var r = 0; r < counts.Length; r++)
            for (var c = 0; c < counts[r].Length; c++) table[r, c] = counts[r][c];
        return table;
    }

    private static string[][] Texts(DisplayedTable t) =>
        Enumerable.Range(0, t.Rows.Count).Select(r => Enumerable.Range(0, t.Columns.Count).Select(c => t.Text[r, c]).ToArray()).ToArray();

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "*")]
    [InlineData(2, "*")]
    [InlineData(3, "*")]
    [InlineData(4, "*")]
    [InlineData(5, "5")]
    [InlineData(7, "5")]
    [InlineData(8, "10")]
    [InlineData(12, "10")]
    [InlineData(13, "15")]
    [InlineData(22, "20")]
    [InlineData(23, "25")]
    [InlineData(1_234_567, "1,234,565")]
    [InlineData(1_234_568, "1,234,570")]
    public void A_single_count_is_zero_suppressed_or_rounded_to_the_nearest_5(long count, string shown)
    {
        var t = DisclosureControl.Apply(Table([[count]]));
        Assert.Equal(shown, t.Text[0, 0]);
        Assert.Equal(shown, t.Text[0, 1]); // the row's total is the same count, controlled the same way
        Assert.Equal(shown == "*" ? null : double.Parse(shown, System.Globalization.CultureInfo.GetCultureInfo("en-GB")), t.Values[0, 0]);
    }

    [Fact]
    public void A_one_row_table_has_no_total_row_and_its_total_column_is_controlled()
    {
        var t = DisclosureControl.Apply(Table([[10, 0, 12]]));
        Assert.Equal(["A"], t.Rows);
        Assert.Null(t.TotalRow);
        Assert.Equal(["Jan 2026", "Feb 2026", "Mar 2026", "Total"], t.Columns);
        Assert.Equal([["10", "0", "10", "20"]], Texts(t)); // 22 → 20
        Assert.Equal([DisclosureControl.CountNote], t.Notes);
    }

    [Fact]
    public void Totals_are_worked_out_from_the_true_counts_not_the_rounded_ones()
    {
        // 7 + 7 + 7 = 21: rounded parts 5 + 5 + 5 = 15, but the total shown is 21 rounded, 20.
        var t = DisclosureControl.Apply(Table([[7, 7, 7]]));
        Assert.Equal([["5", "5", "5", "20"]], Texts(t));
        // Exclusive rows: the Total row from the true counts too: 8 + 8 = 16 → 15, while 10 + 10 would say 20.
        var u = DisclosureControl.Apply(Table([[8], [8]]));
        Assert.Equal([["10", "10"], ["10", "10"], ["15", "15"]], Texts(u));
    }

    [Fact]
    public void A_total_of_1_to_4_is_suppressed_and_so_is_a_total_made_of_suppressed_cells()
    {
        // Row A: 2 + 0 + 0 = 2 (total suppressed too, so the row has two and needs no more).
        var t = DisclosureControl.Apply(Table([[2, 0, 0], [20, 30, 40]]));
        Assert.Equal(["*", "0", "0", "*"], Texts(t)[0]);
        Assert.Null(t.Values[0, 3]);
    }

    [Fact]
    public void A_row_with_one_suppressed_cell_gets_a_second_the_smallest_other_non_zero_cell()
    {
        // Non-exclusive, so only rows are lines: 3 in Jan would be 43 − 20 − 20... hidden with the smallest other, 15 (Feb).
        var t = DisclosureControl.Apply(Table([[3, 15, 25]], exclusive: false));
        Assert.Equal([["*", "*", "25", "45"]], Texts(t));
        Assert.Null(t.Values[0, 1]);
    }

    [Fact]
    public void The_second_suppression_prefers_a_part_to_the_total_and_skips_zeros()
    {
        var t = DisclosureControl.Apply(Table([[0, 3, 0, 50]], exclusive: false));
        Assert.Equal([["0", "*", "0", "*", "55"]], Texts(t));
        // Only the total is left to hide: the row then reads "* 0 *" and nothing can be subtracted.
        var u = DisclosureControl.Apply(Table([[3, 0]], exclusive: false));
        Assert.Equal([["*", "0", "*"]], Texts(u));
    }

    [Fact]
    public void A_column_with_one_suppressed_cell_gets_a_second()
    {
        // Jan: 2 in A; row A also has its total 2+… Use a column whose rows are otherwise fine.
        // A: 2, 30 (total 32); B: 20, 30 (50); C: 40, 30 (70). Row A: 2 and the smallest other in the row, 30 (Feb).
        // Column Jan: 2 alone → the smallest other non-zero, B's 20. Then row B has one (20) → B's smallest other, Feb 30.
        // Column Feb: A and B hidden — two, stable.
        var t = DisclosureControl.Apply(Table([[2, 30], [20, 30], [40, 30]]));
        var x = Texts(t);
        Assert.Equal(["*", "*", "30"], x[0]);
        Assert.Equal(["*", "*", "50"], x[1]);
        Assert.Equal(["40", "30", "70"], x[2]);
        Assert.Equal(["60", "90", "150"], x[3]);
        Assert.Equal("Total", t.TotalRow);
    }

    [Fact]
    public void In_a_column_the_total_row_is_hidden_only_when_no_part_can_be()
    {
        // Column Jan: A 3, B 0 → the only non-zero unsuppressed other is the Total row's 3? No: the total is 3, suppressed.
        // Column Feb: A 10, B 3 → B's 3 and the smallest other part, A's 10, never the column total 13.
        var t = DisclosureControl.Apply(Table([[10, 10], [0, 3]]));
        var x = Texts(t);
        Assert.Equal("*", x[1][1]);
        Assert.Equal("*", x[0][1]);
        Assert.NotEqual("*", x[2][1]);
    }

    [Fact]
    public void Secondary_suppression_cascades_until_no_line_has_a_single_hidden_cell()
    {
        var t = DisclosureControl.Apply(Table([[1, 50, 60], [20, 30, 70], [40, 80, 90]]));
        var x = Texts(t);
        var hidden = new bool[x.Length, x[0].Length];
        for (var r = 0; r < x.Length; r++) for (var c = 0; c < x[0].Length; c++) hidden[r, c] = x[r][c] == "*";
        // Every row and every column has 0 or at least 2 hidden cells.
        for (var r = 0; r < x.Length; r++) Assert.NotEqual(1, Enumerable.Range(0, x[0].Length).Count(c => hidden[r, c]));
        for (var c = 0; c < x[0].Length; c++) Assert.NotEqual(1, Enumerable.Range(0, x.Length).Count(r => hidden[r, c]));
        // The chain: A Jan (1) → A Feb (50, row A's smallest) and B Jan (20, Jan's smallest) → B's smallest other, Feb 30.
        Assert.Equal(["*", "*", "60", "110"], x[0]);
        Assert.Equal(["*", "*", "70", "120"], x[1]);
        Assert.Equal(["40", "80", "90", "210"], x[2]);
        Assert.Equal(["60", "160", "220", "440"], x[3]);
    }

    [Fact]
    public void A_hidden_cell_in_the_total_row_gets_a_second_in_that_row()
    {
        // Grid with totals: A 1 40 | 41; B 0 40 | 40; Total 1 80 | 81. Primary: A Jan and the Total row's Jan (both 1).
        // Row A: 1 alone → its smallest other part, Feb 40. Total row: Jan alone → its smallest other part, Feb 80.
        // Then every column has two hidden (Jan: A and Total; Feb: A and Total) and row B needs nothing.
        var t = DisclosureControl.Apply(Table([[1, 40], [0, 40]]));
        var x = Texts(t);
        Assert.Equal(["*", "*", "40"], x[0]);
        Assert.Equal(["0", "40", "40"], x[1]);
        Assert.Equal(["*", "*", "80"], x[2]);
        for (var r = 0; r < 3; r++) Assert.NotEqual(1, x[r].Count(s => s == "*"));
        for (var c = 0; c < 3; c++) Assert.NotEqual(1, Enumerable.Range(0, 3).Count(r => x[r][c] == "*"));
    }

    [Fact]
    public void A_non_exclusive_table_has_no_total_row_and_its_columns_are_not_lines()
    {
        var t = DisclosureControl.Apply(Table([[2, 0], [30, 40]], exclusive: false));
        Assert.Null(t.TotalRow);
        Assert.Equal(["A", "B"], t.Rows);
        var x = Texts(t);
        Assert.Equal(["*", "0", "*"], x[0]);
        Assert.Equal(["30", "40", "70"], x[1]); // nothing adds the column up, so B's 30 need not hide
    }

    [Fact]
    public void Measures_from_fewer_than_5_records_are_suppressed_and_others_shown()
    {
        var table = new MeasureTable("Stage", "hours", ["Identification to screening"], [Jan, Feb, Mar]);
        table[0, 0] = new Measure(2.5, 4);
        table[0, 1] = new Measure(3.25, 5);
        table[0, 2] = new Measure(null, 0);
        table.Totals[0] = new Measure(3, 9);
        var t = DisclosureControl.Apply(table);
        Assert.Equal(["*", "3.3 hours", "–", "3 hours"], Enumerable.Range(0, 4).Select(c => t.Text[0, c]));
        Assert.Null(t.Values[0, 0]);
        Assert.Equal(3.25, t.Values[0, 1]);
        Assert.Equal([DisclosureControl.MeasureNote], t.Notes);
        Assert.Equal(["Jan 2026", "Feb 2026", "Mar 2026", "Whole period"], t.Columns);
    }

    [Theory]
    [InlineData(4, 4, false)]    // denominator 1 to 4
    [InlineData(50, 3, false)]   // numerator 1 to 4 (a suppressed count)
    [InlineData(50, 47, false)]  // the rest 1 to 4: 94% of 50 says 3 were not
    [InlineData(50, 0, true)]    // 0% is a zero count, shown
    [InlineData(50, 50, true)]   // 100%: the rest is 0
    [InlineData(50, 25, true)]
    [InlineData(5, 5, true)]
    public void A_percentage_is_suppressed_when_its_numerator_denominator_or_rest_is_1_to_4(long count, long numerator, bool shown)
    {
        var table = new MeasureTable("Stage", "%", ["Screened within target"], [Jan]);
        table[0, 0] = new Measure(numerator / (double)count, count, numerator);
        table.Totals[0] = table[0, 0];
        var t = DisclosureControl.Apply(table);
        Assert.Equal(shown, t.Text[0, 0] != "*");
        Assert.Equal(shown, t.Values[0, 0] is not null);
        Assert.Equal(shown, DisclosureControl.ShowsMeasure(table[0, 0]));
    }
}
