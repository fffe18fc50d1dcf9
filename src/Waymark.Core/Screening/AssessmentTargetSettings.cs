using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Screening;

/// <summary>Reads and changes a team's assessment-due targets; a save applies only over the targets the manager loaded.</summary>
public class AssessmentTargetSettings(WaymarkDbContext db, Auditor audit)
{
    public Task<AssessmentTargets> LoadAsync(Guid teamId, CancellationToken ct = default) => Of(db, teamId, ct);

    /// <summary>The team's targets, for anyone who reads them (recording an outcome, showing the form).</summary>
    public static Task<AssessmentTargets> Of(WaymarkDbContext db, Guid teamId, CancellationToken ct = default) =>
        db.Teams.AsNoTracking().Where(t => t.Id == teamId)
            .Select(t => new AssessmentTargets(t.ImmediateAssessmentMinutes, t.TodayAssessmentMinutes, t.RoutineAssessmentMinutes))
            .FirstAsync(ct);

    public async Task SaveAsync(Guid teamId, AssessmentTargets loaded, AssessmentTargets wanted, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(wanted.Validate());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Teams
            .Where(t => t.Id == teamId && t.ImmediateAssessmentMinutes == loaded.ImmediateMinutes
                && t.TodayAssessmentMinutes == loaded.TodayMinutes && t.RoutineAssessmentMinutes == loaded.RoutineMinutes)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ImmediateAssessmentMinutes, wanted.ImmediateMinutes)
                .SetProperty(t => t.TodayAssessmentMinutes, wanted.TodayMinutes)
                .SetProperty(t => t.RoutineAssessmentMinutes, wanted.RoutineMinutes), ct);
        if (changed != 1)
            throw new ConcurrencyConflictException(
                "Someone else changed the assessment targets while you were editing. Your changes have not been saved. Check the targets as they are now and try again.");
        audit.Add(AuditAction.Updated, "AssessmentTargets", teamId.ToString(),
            detail: $"immediate={wanted.ImmediateMinutes}min today={wanted.TodayMinutes}min routine={wanted.RoutineMinutes}min");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
