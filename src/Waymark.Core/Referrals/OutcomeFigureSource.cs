using Microsoft.EntityFrameworkCore;
using Waymark.Figures;
using Waymark.Persistence;

namespace Waymark.Referrals;

/// <summary>Section "Outcomes": outcomes recorded (<see cref="Outcome"/>) by what changed and the month it happened (its UK date), in one GROUP BY.</summary>
public sealed class OutcomeFigureSource : IFigureSource
{
    /// <inheritdoc />
    public string Section => "Outcomes";

    /// <inheritdoc />
    public int Order => 50;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
    {
        var outcomes = db.Outcomes.IgnoreQueryFilters().AsNoTracking().Where(o => scope.TeamIds.Contains(o.TeamId));
        var counts = await MonthBuckets.CountByDayAsync(outcomes, scope, o => o.On, o => o.Code, ct);
        var rows = Enum.GetValues<OutcomeCode>().Select(Outcome.Display).ToList();
        return
        [
            new CountFigure("outcomes.kind", Section, "Outcomes recorded",
                "Outcomes recorded for episodes (what changed for the person), by kind and the month the outcome happened.",
                CountTable.From("Outcome", rows, scope.Months, MonthBuckets.Cells(counts, scope, Outcome.Display))),
        ];
    }
}
