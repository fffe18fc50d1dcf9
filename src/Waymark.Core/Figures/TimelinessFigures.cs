using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;

namespace Waymark.Figures;

/// <summary>
/// Timeliness: for the episodes identified in the period (by UK month of <c>Episode.IdentifiedAt</c>), the median hours
/// from identification to screening, screening to assessment, identification to assessment and identification to the
/// first liaison report sent; and the share of assessments done by the time the team's target made them due
/// (<c>Episode.AssessmentDueAt</c>, set at screening from the team's <c>AssessmentTargets</c>). Durations are fetched
/// (one small tuple per episode of the teams' period, indexed on Episodes (TeamId, IdentifiedAt)) and medians worked
/// out in memory, so both providers give identical results. Milestones recorded after the period still count: the
/// figure is of the episodes identified in it.
/// </summary>
public sealed class TimelinessFigures(TimeProvider clock) : IFigureSource
{
    /// <summary>"Timeliness".</summary>
    public const string SectionName = "Timeliness";

    /// <inheritdoc />
    public string Section => SectionName;

    /// <inheritdoc />
    public int Order => 20;

    /// <summary>The rows of the median-hours figure, in order.</summary>
    public static readonly IReadOnlyList<string> Stages =
        ["Identification to screening", "Screening to assessment", "Identification to assessment", "Identification to liaison report sent"];

    private sealed record Row(Guid Id, DateTimeOffset IdentifiedAt, DateTimeOffset? ScreenedAt, DateTimeOffset? AssessedAt, DateTimeOffset? DueAt);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
    {
        var (start, end, teams) = (scope.Start, scope.End, scope.TeamIds.ToList());
        var inPeriod = db.Episodes.IgnoreQueryFilters().AsNoTracking()
            .Where(e => teams.Contains(e.TeamId) && e.IdentifiedAt >= start && e.IdentifiedAt < end);
        var rows = await inPeriod
            .Select(e => new Row(e.Id, e.IdentifiedAt, e.ScreenedAt, e.AssessedAt, e.AssessmentDueAt))
            .ToListAsync(ct);
        // The sent versions of these episodes' liaison reports (indexed on LiaisonReports (EpisodeId, SentAt)).
        var sent = await inPeriod
            .Join(db.Set<Waymark.LiaisonReports.LiaisonReport>().IgnoreQueryFilters().Where(r => r.SentAt != null), e => e.Id, r => r.EpisodeId, (e, r) => new { r.EpisodeId, r.SentAt })
            .ToListAsync(ct);
        var firstSent = sent.GroupBy(r => r.EpisodeId).ToDictionary(g => g.Key, g => g.Min(r => r.SentAt!.Value));

        static double? Hours(DateTimeOffset from, DateTimeOffset? to) =>
            to is { } t && t >= from ? (t - from).TotalHours : null;
        var stages = new Func<Row, double?>[]
        {
            r => Hours(r.IdentifiedAt, r.ScreenedAt),
            r => r.ScreenedAt is { } s ? Hours(s, r.AssessedAt) : null,
            r => Hours(r.IdentifiedAt, r.AssessedAt),
            r => Hours(r.IdentifiedAt, firstSent.TryGetValue(r.Id, out var at) ? at : null),
        };

        var months = scope.Months;
        var byMonth = rows.GroupBy(r => scope.MonthOf(r.IdentifiedAt)!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var hours = new MeasureTable("Stage", "hours", Stages, months);
        for (var s = 0; s < stages.Length; s++)
        {
            for (var m = 0; m < months.Count; m++)
                hours[s, m] = MedianOf(byMonth.GetValueOrDefault(months[m]) ?? [], stages[s]);
            hours.Totals[s] = MedianOf(rows, stages[s]);
        }

        var now = clock.GetUtcNow();
        var targets = new MeasureTable("Assessments", "%", ["Assessed within the team's target"], months);
        for (var m = 0; m < months.Count; m++)
            targets[0, m] = WithinTarget(byMonth.GetValueOrDefault(months[m]) ?? [], now);
        targets.Totals[0] = WithinTarget(rows, now);

        return
        [
            new MeasureFigure("timeliness.hours", SectionName, "Median time between steps", "For episodes identified in the month: the median hours from identification to screening, screening to assessment, identification to assessment, and identification to the first liaison report sent, from the times recorded on the episode and its liaison reports; steps not yet recorded are left out.", hours),
            new MeasureFigure("timeliness.target", SectionName, "Assessments within the team's target", "For episodes identified in the month whose screening set an assessment due time from the team's targets: the share assessed by that time, out of those assessed or already past it.", targets),
        ];
    }

    private static Measure MedianOf(IReadOnlyList<Row> rows, Func<Row, double?> stage)
    {
        var values = rows.Select(stage).OfType<double>().ToList();
        return new Measure(FigureMath.Median(values), values.Count);
    }

    private static Measure WithinTarget(IReadOnlyList<Row> rows, DateTimeOffset now)
    {
        var due = rows.Where(r => r.DueAt is { } d && (r.AssessedAt is not null || d < now)).ToList();
        var within = due.Count(r => r.AssessedAt <= r.DueAt);
        return new Measure(due.Count == 0 ? null : (double)within / due.Count, due.Count, within);
    }
}
