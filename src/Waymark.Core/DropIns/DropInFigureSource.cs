using Microsoft.EntityFrameworkCore;
using Waymark.Episodes;
using Waymark.Figures;
using Waymark.Persistence;

namespace Waymark.DropIns;

/// <summary>
/// Section "Drop-ins and re-presentations": drop-ins by reason and month (<see cref="DropIn"/>; one drop-in may give
/// several reasons), episodes that reopened support (<see cref="Episode.ReopenedFromEpisodeId"/>), and re-presentations:
/// new episodes of a person whose previous episode with the scope's teams closed within the 12 months before.
/// </summary>
public sealed class DropInFigureSource : IFigureSource
{
    /// <summary>How far back an ending makes a new episode a re-presentation, in months.</summary>
    public const int RepresentationMonths = 12;

    /// <summary>The rows of the returns figure.</summary>
    public static readonly IReadOnlyList<string> ReturnRows = ["Drop-ins", "Support reopened (from a drop-in)", $"Re-presentations within {RepresentationMonths} months of an ending"];

    /// <inheritdoc />
    public string Section => "Drop-ins and re-presentations";

    /// <inheritdoc />
    public int Order => 70;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
    {
        var dropIns = db.Set<DropIn>().IgnoreQueryFilters().AsNoTracking().Where(d => scope.TeamIds.Contains(d.TeamId));
        // One row per (month, combination of reasons): a few dozen at most; each combination's flags are counted here.
        var combinations = await MonthBuckets.CountAsync(dropIns, scope, d => d.ArrivedAt, d => d.Reasons, ct);
        var reasonCells = combinations.SelectMany(c => DropInReasonList.Of(c.Key).Select(r => (DropInReasonList.Display(r), scope.Months[c.Month], c.Count)));
        var reasons = CountTable.From("Reason", DropInReasonList.All.Select(DropInReasonList.Display).ToList(), scope.Months, reasonCells, rowsAreExclusive: false);

        var episodes = db.Episodes.IgnoreQueryFilters().AsNoTracking().Where(e => scope.TeamIds.Contains(e.TeamId));
        var reopened = await MonthBuckets.CountAsync(episodes.Where(e => e.ReopenedFromEpisodeId != null), scope, e => e.IdentifiedAt, e => e.TeamId, ct);

        // Re-presentations: each new episode of the period with the endings of the person's other episodes in the year
        // before the period's start or since (one small tuple per pair, bounded by a team's year).
        var (start, end, earliest) = (scope.Start, scope.End, scope.Start.AddMonths(-RepresentationMonths));
        var pairs = await (
            from e in episodes
            where e.IdentifiedAt >= start && e.IdentifiedAt < end
            from p in episodes
            where p.PersonId == e.PersonId && p.Id != e.Id && p.ClosedAt != null && p.ClosedAt >= earliest && p.ClosedAt <= e.IdentifiedAt
            select new { e.Id, e.IdentifiedAt, ClosedAt = p.ClosedAt!.Value }).ToListAsync(ct);
        var representations = pairs.GroupBy(x => x.Id)
            .Where(g => g.Any(x => x.ClosedAt >= x.IdentifiedAt.AddMonths(-RepresentationMonths)))
            .Select(g => (ReturnRows[2], scope.MonthOf(g.First().IdentifiedAt)!.Value, 1L));

        var totals = combinations.Select(c => (ReturnRows[0], scope.Months[c.Month], c.Count))
            .Concat(reopened.Select(c => (ReturnRows[1], scope.Months[c.Month], c.Count)))
            .Concat(representations);
        return
        [
            new CountFigure("dropins.reason", Section, "Why people dropped in",
                "Drop-ins recorded (people who came to the team without an appointment), by the reasons given and the month they came; one drop-in may give several reasons.",
                reasons, FigureChart.Bars),
            new CountFigure("dropins.returns", Section, "Drop-ins, reopened support and re-presentations",
                $"Drop-ins by month; episodes that reopened support after an ending (from a drop-in), by the month reopened; and new episodes of a person whose previous episode with the team ended in the {RepresentationMonths} months before.",
                CountTable.From("Count", ReturnRows, scope.Months, totals, rowsAreExclusive: false), FigureChart.Bars),
        ];
    }
}

