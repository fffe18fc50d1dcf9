using System.Globalization;
using AngleSharp.Html.Parser;
using Waymark.Figures;
using Waymark.Web.Figures;

namespace Waymark.Web.Tests.Figures;

/// <summary>The server-rendered charts: an element per bar or point, the labels, nulls drawn as gaps, the text alternative, contrast.</summary>
public class SvgChartTests
{
    private static readonly IReadOnlyList<Month> Months = [new(2026, 1), new(2026, 2), new(2026, 3)];

    private static DisplayedTable Counts() => DisplayedTable.Plain(CountTable.From("Setting", ["Police custody", "Magistrates' court"], Months,
        [("Police custody", Months[0], 3), ("Police custody", Months[1], 1), ("Magistrates' court", Months[1], 2), ("Magistrates' court", Months[2], 4)]));

    private static AngleSharp.Dom.IElement Svg(string markup) =>
        new HtmlParser().ParseDocument("<body>" + markup + "</body>").QuerySelector("svg") ?? throw new InvalidOperationException("No svg");

    [Fact]
    public void Stacked_bars_draw_one_bar_per_non_zero_cell_of_the_months_with_month_labels_and_a_legend_but_not_the_totals()
    {
        var svg = Svg(SvgChart.Render("Identifications by setting", FigureChart.StackedBars, Counts(), "figure-demand-setting"));
        var bars = svg.QuerySelectorAll("rect.waymark-chart__bar").Select(b => b.QuerySelector("title")!.TextContent).ToList();
        Assert.Equal(["Police custody, Jan 2026: 3", "Police custody, Feb 2026: 1", "Magistrates' court, Feb 2026: 2", "Magistrates' court, Mar 2026: 4"], bars);
        var texts = svg.QuerySelectorAll("text").Select(t => t.TextContent).ToList();
        Assert.Contains("Jan 2026", texts);
        Assert.Contains("Mar 2026", texts);
        Assert.DoesNotContain("Total", texts);
        Assert.Equal(["Police custody", "Magistrates' court"], svg.QuerySelectorAll(".waymark-chart__legend text").Select(t => t.TextContent));
    }

    [Fact]
    public void Stacked_bars_stack_upwards_in_proportion()
    {
        var svg = Svg(SvgChart.Render("Identifications by setting", FigureChart.StackedBars, Counts(), "f"));
        double H(int i) => double.Parse(svg.QuerySelectorAll("rect.waymark-chart__bar")[i].GetAttribute("height")!, CultureInfo.InvariantCulture);
        Assert.Equal(H(0), 3 * H(1), 3); // Jan's 3 is three times Feb's 1
        Assert.Equal(H(2), 2 * H(1), 3);
    }

    [Fact]
    public void Bars_draw_the_whole_periods_value_of_each_row_labelled()
    {
        var svg = Svg(SvgChart.Render("Needs found", FigureChart.Bars, Counts(), "f"));
        var bars = svg.QuerySelectorAll("rect.waymark-chart__bar").Select(b => b.QuerySelector("title")!.TextContent).ToList();
        Assert.Equal(["Police custody, Total: 4", "Magistrates' court, Total: 6"], bars);
        var texts = svg.QuerySelectorAll("text").Select(t => t.TextContent).ToList();
        Assert.Contains("Police custody", texts);
        Assert.Contains("6", texts);
    }

    [Fact]
    public void Null_values_are_skipped_so_a_line_breaks_and_a_bar_is_missing()
    {
        var months = new List<Month> { new(2026, 1), new(2026, 2), new(2026, 3), new(2026, 4) };
        var table = new MeasureTable("Stage", "hours", ["Identification to screening"], months);
        (table[0, 0], table[0, 1], table[0, 2], table[0, 3]) = (new Measure(2, 3), new Measure(4, 1), new Measure(null, 0), new Measure(1, 2));
        var shown = DisplayedTable.Plain(table);
        var svg = Svg(SvgChart.Render("Median time between steps", FigureChart.Lines, shown, "f"));
        Assert.Equal(["Identification to screening, Jan 2026: 2 hours", "Identification to screening, Feb 2026: 4 hours", "Identification to screening, Apr 2026: 1 hours"],
            svg.QuerySelectorAll("circle.waymark-chart__point").Select(c => c.QuerySelector("title")!.TextContent));
        // Jan–Feb joined; April alone after the gap, so one line of two points.
        var lines = svg.QuerySelectorAll("polyline.waymark-chart__line").ToList();
        Assert.Single(lines);
        Assert.Equal(2, lines[0].GetAttribute("points")!.Split(' ').Length);

        var suppressed = Counts() with { Values = new double?[,] { { 3, null, 0, 4 }, { 0, 2, 4, 6 }, { 3, 3, 4, 10 } } };
        var bars = Svg(SvgChart.Render("x", FigureChart.StackedBars, suppressed, "f")).QuerySelectorAll("rect.waymark-chart__bar");
        Assert.Equal(3, bars.Length);
        Assert.DoesNotContain(bars, b => b.QuerySelector("title")!.TextContent.StartsWith("Police custody, Feb", StringComparison.Ordinal));
    }

    [Fact]
    public void The_chart_is_an_image_with_a_text_alternative_and_no_style_attributes_for_the_CSP()
    {
        var markup = SvgChart.Render("Identifications by setting", FigureChart.StackedBars, Counts(), "f");
        var svg = Svg(markup);
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("Stacked bar chart of identifications by setting by month from Jan 2026 to Mar 2026, stacked by setting. The same figures are in the table that follows.", svg.GetAttribute("aria-label"));
        Assert.DoesNotContain("style=", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Twelve_months_are_labelled_by_month_with_the_year_under_the_first_and_each_January()
    {
        var months = Month.Between(new DateOnly(2025, 11, 1), new DateOnly(2026, 10, 31));
        var table = DisplayedTable.Plain(CountTable.From("Setting", ["Police custody"], months, [("Police custody", months[0], 1)]));
        var texts = Svg(SvgChart.Render("x", FigureChart.StackedBars, table, "f")).QuerySelectorAll("text").Select(t => t.TextContent).ToList();
        Assert.Contains("Nov", texts);
        Assert.Contains("Jan", texts);
        Assert.Equal(["2025", "2026"], texts.Where(t => t is "2025" or "2026"));
        Assert.DoesNotContain("Nov 2025", texts);
    }

    [Theory]
    [InlineData(1, "0 1 2 3 4")]
    [InlineData(13, "0 5 10 15 20")]
    [InlineData(90, "0 25 50 75 100")]
    public void Count_axes_have_whole_number_ticks(int count, string ticks)
    {
        var table = DisplayedTable.Plain(CountTable.From("Setting", ["Police custody"], Months, [("Police custody", Months[0], count)]));
        var svg = Svg(SvgChart.Render("x", FigureChart.StackedBars, table, "f"));
        var axis = svg.QuerySelectorAll("text[text-anchor='end']").Select(t => t.TextContent);
        Assert.Equal(ticks, string.Join(' ', axis));
    }

    [Fact]
    public void Labels_are_encoded()
    {
        var table = DisplayedTable.Plain(CountTable.From("Need", ["<b>Other</b> & more"], Months, []));
        var markup = SvgChart.Render("A & B", FigureChart.Bars, table, "f");
        Assert.DoesNotContain("<b>", markup, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Other&lt;/b&gt; &amp; more", markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_palette_colour_has_at_least_3_to_1_contrast_against_white()
    {
        foreach (var colour in SvgChart.Palette)
            Assert.True(Contrast(colour) >= 3.0, $"{colour} has contrast {Contrast(colour):0.00} against white");
    }

    private static double Contrast(string hex)
    {
        static double Channel(int v) { var c = v / 255.0; return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4); }
        var rgb = Convert.FromHexString(hex[1..]);
        var l = 0.2126 * Channel(rgb[0]) + 0.7152 * Channel(rgb[1]) + 0.0722 * Channel(rgb[2]);
        return 1.05 / (l + 0.05);
    }
}
