using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Persistence;
using Waymark.Screening;

namespace Waymark.People;

/// <summary>What the person page shows first: the latest screening outcome and what matters most to them.</summary>
public sealed record AtAGlanceSummary(
    ScreeningOutcome? LatestScreening,
    int ScreeningCount,
    IReadOnlyList<AssessedNeed> TopPriorities,
    Guid? PrioritiesEpisodeId,
    string? WhatMattersToMe,
    FormulationRevision? Formulation);

public class AtAGlance(WaymarkDbContext db)
{
    public const int PrioritiesShown = 3;

    public async Task<AtAGlanceSummary> ForPersonAsync(Guid personId, Guid? teamId, CancellationToken ct = default)
    {
        var outcomes = db.ScreeningOutcomes.AsNoTracking().Where(o => o.PersonId == personId);
        var latest = await outcomes.OrderByDescending(o => o.RecordedAt).ThenByDescending(o => o.Sequence).FirstOrDefaultAsync(ct);
        var count = latest is null ? 0 : await outcomes.CountAsync(ct);
        // The most recent assessment in which the person said what matters to them.
        var assessment = await db.Assessments.AsNoTracking()
            .Where(a => a.PersonId == personId && (a.WhatMattersToMe != null || a.Needs.Any(n => n.PersonPriority != null)))
            .OrderByDescending(a => a.UpdatedAt)
            .Select(a => new { a.EpisodeId, a.WhatMattersToMe, Top = a.Needs.Where(n => n.PersonPriority != null).OrderBy(n => n.PersonPriority).Take(PrioritiesShown).ToList() })
            .FirstOrDefaultAsync(ct);
        var formulation = await db.FormulationRevisions.AsNoTracking()
            .Where(r => r.PersonId == personId && r.TeamId == teamId)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        return new AtAGlanceSummary(latest, count, assessment?.Top ?? [], assessment?.EpisodeId, assessment?.WhatMattersToMe, formulation);
    }
}
