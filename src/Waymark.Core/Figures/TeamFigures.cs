using Waymark.Persistence;

namespace Waymark.Figures;

/// <summary>Every registered <see cref="IFigureSource"/>'s figures for a scope, section by section in order.</summary>
public class TeamFigures(WaymarkDbContext db, IEnumerable<IFigureSource> sources)
{
    /// <summary>The sections in order, each with its figures. Sources run one after another on the request's context.</summary>
    public async Task<IReadOnlyList<(string Section, IReadOnlyList<Figure> Figures)>> ComputeAsync(FigureScope scope, CancellationToken ct = default)
    {
        var sections = new List<(string, IReadOnlyList<Figure>)>();
        foreach (var source in sources.OrderBy(s => s.Order))
            sections.Add((source.Section, await source.ComputeAsync(db, scope, ct)));
        return sections;
    }
}
