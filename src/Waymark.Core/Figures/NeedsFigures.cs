using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Persistence;

namespace Waymark.Figures;

/// <summary>
/// Needs: the assessment domains found to be a need (<see cref="AssessedNeed.Finding"/> = Need) in the psychosocial
/// assessments completed in the period (by UK month of <see cref="PsychosocialAssessment.CompletedAt"/>), and the domains
/// the person ranked among their own top three priorities (<see cref="AssessedNeed.PersonPriority"/> 1–3). An
/// assessment can find several needs, so the rows are not exclusive. One small tuple per need of the teams' period is
/// fetched (indexed on Assessments (TeamId, CompletedAt)).
/// </summary>
public sealed class NeedsFigures : IFigureSource
{
    /// <summary>"Needs".</summary>
    public const string SectionName = "Needs";

    /// <summary>A person's priorities ranked this high or higher (1 = most important) count as their top priorities.</summary>
    public const int TopPriorities = 3;

    /// <summary>The row for a domain code that is not one of <see cref="AssessmentDomains.All"/> (never the stored text).</summary>
    public const string OtherRow = "Other";

    /// <inheritdoc />
    public string Section => SectionName;

    /// <inheritdoc />
    public int Order => 30;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
    {
        var (start, end, teams) = (scope.Start, scope.End, scope.TeamIds.ToList());
        var rows = await db.Assessments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => teams.Contains(a.TeamId) && a.CompletedAt != null && a.CompletedAt >= start && a.CompletedAt < end)
            .SelectMany(a => a.Needs.Where(n => n.Finding == NeedFinding.Need || (n.PersonPriority != null && n.PersonPriority <= TopPriorities)),
                (a, n) => new { At = a.CompletedAt!.Value, n.Domain, IsNeed = n.Finding == NeedFinding.Need, n.PersonPriority })
            .ToListAsync(ct);

        var names = AssessmentDomains.All.Select(d => d.Name).ToList();
        string RowOf(string code) => AssessmentDomains.Find(code)?.Name ?? OtherRow;
        IReadOnlyList<string> RowsFor(IEnumerable<string> codes) =>
            codes.Any(c => !AssessmentDomains.IsKnown(c)) ? [.. names, OtherRow] : names;

        var found = rows.Where(r => r.IsNeed).ToList();
        var priorities = rows.Where(r => r.PersonPriority is >= 1 and <= TopPriorities).ToList();
        return
        [
            new CountFigure("needs.found", SectionName, "Needs found at assessment",
                "Needs found in the psychosocial assessments completed in the month, by assessment domain; one assessment can find several needs.",
                CountTable.From("Need", RowsFor(found.Select(r => r.Domain)), scope.Months, FigureMath.Cells(scope, found, r => r.At, r => RowOf(r.Domain)), rowsAreExclusive: false),
                FigureChart.Bars),
            new CountFigure("needs.priorities", SectionName, "The person's own top priorities",
                $"Assessment domains the person ranked among their top {TopPriorities} priorities in the psychosocial assessments completed in the month; one person can rank several.",
                CountTable.From("Priority", RowsFor(priorities.Select(r => r.Domain)), scope.Months, FigureMath.Cells(scope, priorities, r => r.At, r => RowOf(r.Domain)), rowsAreExclusive: false),
                FigureChart.Bars),
        ];
    }
}
