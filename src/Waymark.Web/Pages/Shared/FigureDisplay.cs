using Waymark.Figures;

namespace Waymark.Web.Pages.Shared;

/// <summary>
/// The model of <c>_Figure.cshtml</c>: a figure with its table as shown (plain for a team manager, under disclosure
/// control for a commissioner). The partial renders the heading, the sentence saying what is counted, an accessible
/// chart and the same data as a table, and works without JavaScript.
/// </summary>
public sealed record FigureDisplay(Figure Figure, DisplayedTable Table);
