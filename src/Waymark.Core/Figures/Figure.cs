namespace Waymark.Figures;

/// <summary>How a figure's chart draws its table.</summary>
public enum FigureChart
{
    /// <summary>One bar per month, stacked by row (exclusive rows).</summary>
    StackedBars,
    /// <summary>One bar per row over the whole period (rows that overlap, or a breakdown).</summary>
    Bars,
    /// <summary>One line per row over the months (measures).</summary>
    Lines,
}

/// <summary>
/// One figure of the team's performance: a heading, a sentence saying exactly what is counted (and from which record),
/// and either counts or measures by month. <see cref="Key"/> is stable ("demand.setting") for anchors, tests and the
/// chart's address.
/// </summary>
public abstract record Figure(string Key, string Section, string Title, string Description, FigureChart Chart);

/// <summary>A figure of counts.</summary>
public sealed record CountFigure(string Key, string Section, string Title, string Description, CountTable Table, FigureChart Chart = FigureChart.StackedBars)
    : Figure(Key, Section, Title, Description, Chart);

/// <summary>A figure of measures (medians, percentages).</summary>
public sealed record MeasureFigure(string Key, string Section, string Title, string Description, MeasureTable Table, FigureChart Chart = FigureChart.Lines)
    : Figure(Key, Section, Title, Description, Chart);
