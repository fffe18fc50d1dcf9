using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Assessment;

public sealed record FormulationInput(string? CoreProblems, string? HowTheyRelate, string? WhatMaintainsThem, string? Plan, string? ChangeNote)
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        foreach (var (field, value, name) in new[]
        {
            (nameof(CoreProblems), CoreProblems, "the core problems"),
            (nameof(HowTheyRelate), HowTheyRelate, "how the problems relate"),
            (nameof(WhatMaintainsThem), WhatMaintainsThem, "what keeps the problems going"),
            (nameof(Plan), Plan, "the plan"),
        })
        {
            if (string.IsNullOrWhiteSpace(value)) yield return (field, $"Enter {name}");
            else if (value.Length > 8000) yield return (field, $"{char.ToUpperInvariant(name[0])}{name[1..]} must be 8,000 characters or fewer");
        }
        if (ChangeNote is { Length: > 1000 }) yield return (nameof(ChangeNote), "What changed must be 1,000 characters or fewer");
    }
}

/// <summary>
/// A person's formulation, kept by the team as numbered revisions. Revising adds the next number
/// only if the practitioner started from the latest one, so nobody's revision is silently replaced.
/// </summary>
public class Formulations(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>This team's revisions for the person, newest first.</summary>
    public async Task<IReadOnlyList<FormulationRevision>> HistoryAsync(Guid personId, CancellationToken ct = default) =>
        await Team(personId).OrderByDescending(r => r.Number).ToListAsync(ct);

    public Task<FormulationRevision?> CurrentAsync(Guid personId, CancellationToken ct = default) =>
        Team(personId).OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);

    public Task<FormulationRevision?> RevisionAsync(Guid personId, int number, CancellationToken ct = default) =>
        Team(personId).FirstOrDefaultAsync(r => r.Number == number, ct);

    public async Task<FormulationRevision> ReviseAsync(Guid personId, int basedOnNumber, FormulationInput input, Guid? episodeId = null, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(input.Validate());
        if (user.TeamId is not { } teamId) throw new InvalidOperationException("A formulation is written by a team.");
        if (!await db.People.AnyAsync(p => p.Id == personId, ct)) throw new KeyNotFoundException("Person not found.");
        var latest = await Team(personId).MaxAsync(r => (int?)r.Number, ct) ?? 0;
        if (latest != basedOnNumber) throw new ConcurrencyConflictException(Conflict);
        var revision = new FormulationRevision
        {
            TeamId = teamId,
            PersonId = personId,
            EpisodeId = episodeId,
            Number = basedOnNumber + 1,
            CoreProblems = input.CoreProblems!.Trim(),
            HowTheyRelate = input.HowTheyRelate!.Trim(),
            WhatMaintainsThem = input.WhatMaintainsThem!.Trim(),
            Plan = input.Plan!.Trim(),
            ChangeNote = string.IsNullOrWhiteSpace(input.ChangeNote) ? null : input.ChangeNote.Trim(),
            WrittenAt = clock.GetUtcNow(),
            WrittenByUserId = user.UserId!,
        };
        db.FormulationRevisions.Add(revision);
        audit.Add(AuditAction.Created, "Formulation", revision.Id.ToString(), personId, $"Version {revision.Number}");
        // Revisions are numbered 1, 2, 3…: someone else's revision with our number is the same race.
        await db.SaveOrConflictAsync(Conflict, uniqueNumberIsConflict: true, ct);
        return revision;
    }

    private IQueryable<FormulationRevision> Team(Guid personId) =>
        db.FormulationRevisions.AsNoTracking().Where(r => r.PersonId == personId && r.TeamId == user.TeamId);

    private const string Conflict =
        "Someone else revised this formulation while you were writing. Your version has not been saved. Their version is now the latest; read it, then save yours again if it still needs saying.";
}
