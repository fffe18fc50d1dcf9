using Waymark.Persistence;

namespace Waymark.Figures;

/// <summary>
/// Computes one section's figures (demand, timeliness, referrals…) for a scope. A new kind of event adds a source (or a
/// figure to one) and one <c>AddFigureSource&lt;T&gt;()</c> line; the team's and the commissioner's pages show every
/// registered source in <see cref="Order"/> without change. Sources use aggregate queries (GROUP BY in the database,
/// over indexed columns), never loading the period's rows, so a team's year renders in under 2 s at national scale.
/// </summary>
public interface IFigureSource
{
    /// <summary>The section heading ("Demand").</summary>
    string Section { get; }

    /// <summary>Where the section comes on the page (ascending).</summary>
    int Order { get; }

    /// <summary>The section's figures for <paramref name="scope"/>; reads with <c>IgnoreQueryFilters()</c> and <see cref="FigureScope.TeamIds"/>.</summary>
    Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct);
}
