using Microsoft.EntityFrameworkCore;
using Waymark.Episodes;
using Waymark.Figures;
using Waymark.Persistence;

namespace Waymark.Caseload;

/// <summary>
/// Section "Caseload, capacity and endings": episodes open at each month's end against the teams' caseload capacity,
/// allocated or not at each month's end, episodes closed by reason and month, and the median length of the episodes
/// closed. Open and allocated counts are one COUNT query per month; lengths read one small tuple per episode closed in
/// the period (bounded by a team's year). Open and allocated episodes are COUNT figures (month-end counts, <see cref="CountTable.AtMonthEnd"/>)
/// so a commissioner sees them rounded and suppressed like every count; only medians and percentages are measures.
/// </summary>
public sealed class CaseloadFigureSource : IFigureSource
{
    /// <inheritdoc />
    public string Section => "Caseload, capacity and endings";

    /// <inheritdoc />
    public int Order => 80;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
    {
        var episodes = db.Episodes.IgnoreQueryFilters().AsNoTracking().Where(e => scope.TeamIds.Contains(e.TeamId));
        var capacities = await db.Teams.AsNoTracking().Where(t => scope.TeamIds.Contains(t.Id)).Select(t => t.CaseloadCapacity).ToListAsync(ct);
        long? capacity = capacities.Count > 0 && capacities.All(c => c is not null) ? capacities.Sum(c => (long)c!.Value) : null;

        // Counts of episodes, not measures, so a commissioner sees them rounded and small ones suppressed (issue 15).
        string[] openRows = capacity is null ? ["Open episodes"] : ["Open episodes", "Caseload capacity"];
        var open = new CountTable("At month end", openRows, scope.Months) { RowsAreExclusive = false, AtMonthEnd = true };
        var allocation = new CountTable("At month end", ["Allocated to a key worker", "Not allocated"], scope.Months) { AtMonthEnd = true };
        var boundaries = scope.MonthBoundaries;
        for (var m = 0; m < scope.Months.Count; m++)
        {
            // The end of the month (or of the period, for its last month): open then if identified before it and not closed by it.
            var monthEnd = boundaries[m + 1];
            var counts = await episodes.Where(e => e.IdentifiedAt < monthEnd && (e.ClosedAt == null || e.ClosedAt >= monthEnd))
                .GroupBy(e => e.KeyWorkerId != null && e.AllocatedAt < monthEnd)
                .Select(g => new { Allocated = g.Key, Count = g.LongCount() }).ToListAsync(ct);
            long allocated = counts.Where(c => c.Allocated).Sum(c => c.Count), total = counts.Sum(c => c.Count);
            open[0, m] = total;
            if (capacity is { } cap) open[1, m] = cap;
            allocation[0, m] = allocated;
            allocation[1, m] = total - allocated;
        }

        var closed = episodes.Where(e => e.ClosedAt != null).Select(e => new { At = e.ClosedAt!.Value, e.ClosureReason });
        var byReason = await MonthBuckets.CountAsync(closed, scope, e => e.At, e => e.ClosureReason, ct);
        var reasonRows = Enum.GetValues<ClosureReason>().Select(ClosureReasons.Display).Append("Not recorded").ToList();

        var (start, end) = (scope.Start, scope.End);
        var lengths = (await episodes.Where(e => e.ClosedAt != null && e.ClosedAt >= start && e.ClosedAt < end)
                .Select(e => new { ClosedAt = e.ClosedAt!.Value, e.IdentifiedAt }).ToListAsync(ct))
            .Select(e => (Month: scope.MonthOf(e.ClosedAt)!.Value, Days: (e.ClosedAt - e.IdentifiedAt).TotalDays)).ToList();
        var length = new MeasureTable("Episodes closed", "days", ["Identification to closure"], scope.Months);
        for (var m = 0; m < scope.Months.Count; m++)
        {
            var days = lengths.Where(l => l.Month == scope.Months[m]).Select(l => l.Days).ToList();
            length[0, m] = new Measure(FigureMath.Median(days), days.Count);
        }
        length.Totals[0] = new Measure(FigureMath.Median(lengths.Select(l => l.Days)), lengths.Count);

        return
        [
            new CountFigure("caseload.open", Section, "Open episodes against capacity",
                "Episodes open at the end of each month (identified before it and not closed by then), against the team's caseload capacity as set now (shown when every team has one); the end of the period is its last day.",
                open, FigureChart.Lines),
            new CountFigure("caseload.allocation", Section, "Allocated and unallocated episodes",
                "Episodes open at the end of each month with their current key worker allocated by then, and those without one.",
                allocation, FigureChart.StackedBars),
            new CountFigure("caseload.closure-reason", Section, "Episodes closed, by reason",
                "Episodes closed in each month, by the closure reason recorded.",
                CountTable.From("Reason", reasonRows, scope.Months, MonthBuckets.Cells(byReason, scope, r => r is { } x ? ClosureReasons.Display(x) : "Not recorded"))),
            new MeasureFigure("caseload.length", Section, "Length of episodes closed",
                "For episodes closed in each month: the median number of days from identification to closure.",
                length),
        ];
    }
}
