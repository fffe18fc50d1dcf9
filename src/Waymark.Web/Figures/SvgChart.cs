using System.Globalization;
using System.Net;
using System.Text;
using Waymark.Figures;

namespace Waymark.Web.Figures;

/// <summary>
/// Draws a figure's table as a small server-rendered SVG chart, placed inline in the page before the same data as a
/// table (docs/figures.md says why not ScottPlot). The chart is decorative beside its table: the root has
/// <c>role="img"</c> and an <c>aria-label</c> summarising it. Only presentation attributes are used (no <c>style=</c>),
/// so it passes the Content-Security-Policy's <c>style-src 'self'</c>. Colours are from the NHS palette, each at least
/// 3:1 against white (WCAG 1.4.11, non-text contrast); a value that is null (suppressed or not known) draws nothing, so
/// it shows as a gap rather than as zero.
/// </summary>
public static class SvgChart
{
    /// <summary>
    /// The series colours, in order (NHS identity palette): blue, purple, dark green, pink, dark red, dark grey, dark blue,
    /// dark pink, green, mid grey. Each has a contrast ratio of at least 3:1 against white.
    /// </summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#005EB8", "#330072", "#006747", "#AE2573", "#8A1538", "#425563", "#003087", "#7C2855", "#009639", "#768692"];

    private const string TextColour = "#212B32";
    private const string AxisColour = "#4C6272";
    private const string Font = "Frutiger W01, Arial, Helvetica, sans-serif";
    private const int Width = 720;
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// The chart's SVG markup for <paramref name="table"/> drawn as <paramref name="chart"/>: stacked bars by month
    /// (<see cref="FigureChart.StackedBars"/>), horizontal bars of the whole period's values (<see cref="FigureChart.Bars"/>,
    /// the last column), or one line per row over the months (<see cref="FigureChart.Lines"/>). The total row and the last
    /// (total) column are not drawn as data of the months. Every bar is a <c>rect class="waymark-chart__bar"</c> and every
    /// line point a <c>circle class="waymark-chart__point"</c>, each with a <c>title</c> giving its row, column and text.
    /// </summary>
    /// <param name="title">The figure's title, for the text alternative.</param>
    /// <param name="chart">How to draw it.</param>
    /// <param name="table">The table as shown (plain or under disclosure control).</param>
    /// <param name="id">A document-unique id prefix (for the legend's label ids).</param>
    public static string Render(string title, FigureChart chart, DisplayedTable table, string id)
    {
        var dataRows = Enumerable.Range(0, table.Rows.Count).Where(r => table.Rows[r] != table.TotalRow).ToList();
        var months = Math.Max(0, table.Columns.Count - 1);
        return chart switch
        {
            FigureChart.Bars => Bars(title, table, dataRows, id),
            FigureChart.Lines => Lines(title, table, dataRows, months, id),
            _ => Stacked(title, table, dataRows, months, id),
        };
    }

    /// <summary>The text alternative: what the chart shows, and that the table beside it has the same figures.</summary>
    public static string Summary(string title, FigureChart chart, DisplayedTable table)
    {
        var months = table.Columns.Count - 1;
        var span = months <= 0 ? "" : months == 1 ? $" for {table.Columns[0]}" : $" from {table.Columns[0]} to {table.Columns[months - 1]}";
        var how = chart switch
        {
            FigureChart.Bars => $"Bar chart of {title.ToLowerInvariant()} over the whole period, one bar per {table.RowHeading.ToLowerInvariant()}",
            FigureChart.Lines => $"Line chart of {title.ToLowerInvariant()} by month{span}, one line per {table.RowHeading.ToLowerInvariant()}",
            _ => $"Stacked bar chart of {title.ToLowerInvariant()} by month{span}, stacked by {table.RowHeading.ToLowerInvariant()}",
        };
        return how + ". The same figures are in the table that follows.";
    }

    private static string Stacked(string title, DisplayedTable t, List<int> rows, int months, string id)
    {
        const int left = 56, top = 24, plotHeight = 200;
        var legendTop = top + plotHeight + 48;
        var height = legendTop + Legend(rows.Count) + 8;
        var plotWidth = Width - left - 16;
        var totals = Enumerable.Range(0, months).Select(c => rows.Sum(r => Math.Max(0, t.Values[r, c] ?? 0))).ToList();
        // Counts: at least 4, so the quarter ticks are whole numbers.
        var max = NiceMax(Math.Max(4, totals.DefaultIfEmpty(0).Max()), whole: true);
        var sb = Open(title, FigureChart.StackedBars, t, height);
        YAxis(sb, left, top, plotWidth, plotHeight, max, t.Unit);
        var slot = months == 0 ? plotWidth : (double)plotWidth / months;
        var barWidth = Math.Max(4, slot * 0.6);
        for (var c = 0; c < months; c++)
        {
            var x = left + slot * c + (slot - barWidth) / 2;
            var y = (double)(top + plotHeight);
            for (var i = 0; i < rows.Count; i++)
            {
                var v = t.Values[rows[i], c];
                if (v is not { } value || value <= 0) continue;
                var h = value / max * plotHeight;
                y -= h;
                Bar(sb, x, y, barWidth, h, Palette[i % Palette.Count], $"{t.Rows[rows[i]]}, {t.Columns[c]}: {t.Text[rows[i], c]}");
            }
            MonthLabel(sb, left + slot * c + slot / 2, top + plotHeight + 18, t.Columns, c, months);
        }
        LegendItems(sb, t, rows, legendTop, id);
        return Close(sb);
    }

    private static string Bars(string title, DisplayedTable t, List<int> rows, string id)
    {
        const int left = 300, top = 8, rowHeight = 26;
        var plotWidth = Width - left - 80;
        var total = t.Columns.Count - 1;
        var max = NiceMax(rows.Select(r => t.Values[r, total] ?? 0).DefaultIfEmpty(0).Max());
        var height = top + rowHeight * Math.Max(1, rows.Count) + 8;
        var sb = Open(title, FigureChart.Bars, t, height);
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + rowHeight * rows.Count}\" stroke=\"{AxisColour}\" stroke-width=\"1\"/>");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = top + rowHeight * i;
            Text(sb, left - 8, y + rowHeight / 2 + 4, Shorten(t.Rows[r], 46), "end");
            if (t.Values[r, total] is { } v && v > 0)
            {
                var w = v / max * plotWidth;
                Bar(sb, left, y + 4, w, rowHeight - 8, Palette[0], $"{t.Rows[r]}, {t.Columns[total]}: {t.Text[r, total]}");
                Text(sb, left + w + 6, y + rowHeight / 2 + 4, t.Text[r, total], "start");
            }
            else Text(sb, left + 6, y + rowHeight / 2 + 4, t.Text[r, total], "start");
        }
        _ = id;
        return Close(sb);
    }

    private static string Lines(string title, DisplayedTable t, List<int> rows, int months, string id)
    {
        const int left = 56, top = 24, plotHeight = 200;
        var legendTop = top + plotHeight + 48;
        var height = legendTop + Legend(rows.Count) + 8;
        var plotWidth = Width - left - 16;
        var max = NiceMax(rows.SelectMany(r => Enumerable.Range(0, months).Select(c => t.Values[r, c] ?? 0)).DefaultIfEmpty(0).Max(), t.Unit == "%" ? 1 : null);
        var sb = Open(title, FigureChart.Lines, t, height);
        YAxis(sb, left, top, plotWidth, plotHeight, max, t.Unit);
        var slot = months == 0 ? plotWidth : (double)plotWidth / months;
        for (var c = 0; c < months; c++) MonthLabel(sb, left + slot * c + slot / 2, top + plotHeight + 18, t.Columns, c, months);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var colour = Palette[i % Palette.Count];
            // A null (suppressed or not known) ends the line: the next value starts a new one, so a gap shows.
            var run = new List<(double X, double Y)>();
            void Flush()
            {
                if (run.Count > 1)
                    sb.Append(CultureInfo.InvariantCulture, $"<polyline class=\"waymark-chart__line\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', run.Select(p => F(p.X) + "," + F(p.Y)))}\"/>");
                run.Clear();
            }
            for (var c = 0; c < months; c++)
            {
                if (t.Values[r, c] is not { } v) { Flush(); continue; }
                var (x, y) = (left + slot * c + slot / 2, top + plotHeight - v / max * plotHeight);
                run.Add((x, y));
                sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"waymark-chart__point\" cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"4\" fill=\"{colour}\"><title>{E($"{t.Rows[r]}, {t.Columns[c]}: {t.Text[r, c]}")}</title></circle>");
            }
            Flush();
        }
        LegendItems(sb, t, rows, legendTop, id);
        return Close(sb);
    }

    private static StringBuilder Open(string title, FigureChart chart, DisplayedTable t, int height) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"waymark-chart\" role=\"img\" aria-label=\"{E(Summary(title, chart, t))}\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" font-family=\"{Font}\" font-size=\"13\" fill=\"{TextColour}\">");

    private static string Close(StringBuilder sb) => sb.Append("</svg>").ToString();

    private static void YAxis(StringBuilder sb, int left, int top, int plotWidth, int plotHeight, double max, string? unit)
    {
        if (unit is { Length: > 0 } && unit != "%") Text(sb, 4, top - 4, unit, "start");
        for (var k = 0; k <= 4; k++)
        {
            var y = top + plotHeight - plotHeight * k / 4.0;
            var value = max * k / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{F(y)}\" x2=\"{left + plotWidth}\" y2=\"{F(y)}\" stroke=\"{(k == 0 ? AxisColour : "#D8DDE0")}\" stroke-width=\"1\"/>");
            Text(sb, left - 6, y + 4, unit == "%" ? value.ToString("P0", Uk) : value.ToString("0.#", Uk), "end");
        }
    }

    /// <summary>
    /// A month's label under its bar or point: "Jan 2026" for up to six months; beyond that "Jan" with the year on a second
    /// line only under the first month and each January, so twelve labels do not run into each other.
    /// </summary>
    private static void MonthLabel(StringBuilder sb, double x, double y, IReadOnlyList<string> columns, int c, int months)
    {
        if (months <= 6) { Text(sb, x, y, columns[c], "middle"); return; }
        var parts = columns[c].Split(' ', 2);
        Text(sb, x, y, parts[0], "middle");
        if (parts.Length == 2 && (c == 0 || parts[0] == "Jan")) Text(sb, x, y + 15, parts[1], "middle");
    }

    private static int Legend(int rows) => 22 * ((rows + 2) / 3);

    private static void LegendItems(StringBuilder sb, DisplayedTable t, List<int> rows, int top, string id)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var (x, y) = (56 + 220 * (i % 3), top + 22 * (i / 3));
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"waymark-chart__legend\" id=\"{E(id)}-legend-{i}\"><rect x=\"{x}\" y=\"{y}\" width=\"14\" height=\"14\" fill=\"{Palette[i % Palette.Count]}\"/>");
            Text(sb, x + 20, y + 12, Shorten(t.Rows[rows[i]], 30), "start");
            sb.Append("</g>");
        }
    }

    private static void Bar(StringBuilder sb, double x, double y, double w, double h, string colour, string title) =>
        sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"waymark-chart__bar\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(w)}\" height=\"{F(h)}\" fill=\"{colour}\" stroke=\"#FFFFFF\" stroke-width=\"1\"><title>{E(title)}</title></rect>");

    private static void Text(StringBuilder sb, double x, double y, string text, string anchor) =>
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\">{E(text)}</text>");

    /// <summary>
    /// A round axis maximum at or above <paramref name="max"/>: four times a round step (1, 2, 2.5 or 5 times a power of
    /// ten), so the quarter ticks are round; with <paramref name="whole"/> the step is a whole number (counts);
    /// <paramref name="atLeast"/> when <paramref name="max"/> is no more than it.
    /// </summary>
    private static double NiceMax(double max, double? atLeast = null, bool whole = false)
    {
        if (atLeast is { } floor && max <= floor) return floor;
        if (max <= 0) return whole ? 4 : 1;
        var step = max / 4;
        var p = Math.Pow(10, Math.Floor(Math.Log10(step)));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (whole && (m * p) % 1 != 0) continue;
            if (m * p >= step) return 4 * m * p;
        }
        return 40 * p;
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
