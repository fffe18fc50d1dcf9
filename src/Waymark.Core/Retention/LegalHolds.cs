using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Retention;

/// <summary>Places and lifts legal holds on a person of the current team (audited, with the reason).</summary>
public class LegalHolds(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The longest reason, in characters.</summary>
    public const int MaxReason = 500;

    /// <summary>The person's holds placed by the current team, newest first; null when the team does not know the person.</summary>
    public async Task<IReadOnlyList<LegalHold>?> OfAsync(Guid personId, CancellationToken ct = default)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct)) return null;
        return await db.Set<LegalHold>().Where(h => h.PersonId == personId).OrderByDescending(h => h.PlacedAt).ToListAsync(ct);
    }

    /// <summary>Whether any team's hold on the person stands (what retention reads).</summary>
    public Task<bool> StandsAsync(Guid personId, CancellationToken ct = default) =>
        db.Set<LegalHold>().IgnoreQueryFilters().AnyAsync(h => h.PersonId == personId && h.LiftedAt == null, ct);

    /// <summary>Places a hold on a person the current team knows; returns it, or null when the team does not know the person.</summary>
    /// <exception cref="ValidationFailedException">No reason, or longer than <see cref="MaxReason"/>.</exception>
    /// <exception cref="LegalHoldRuleException">The team's hold on them already stands.</exception>
    public async Task<LegalHold?> PlaceAsync(Guid personId, string? reason, CancellationToken ct = default)
    {
        var checkedReason = CheckReason(reason, "Reason", "Enter why the records must be kept");
        if (!await db.People.AnyAsync(p => p.Id == personId, ct)) return null;
        if (await db.Set<LegalHold>().AnyAsync(h => h.PersonId == personId && h.LiftedAt == null, ct))
            throw new LegalHoldRuleException("Your team's legal hold on this person already stands.");
        var hold = new LegalHold
        {
            PersonId = personId,
            TeamId = user.TeamId ?? throw new InvalidOperationException("A legal hold is placed by a team's manager."),
            Reason = checkedReason,
            PlacedAt = clock.GetUtcNow(),
            PlacedByUserId = user.UserId ?? "system",
        };
        db.Add(hold);
        audit.Add(AuditAction.Created, nameof(LegalHold), hold.Id.ToString(), personId, purpose: checkedReason);
        await db.SaveChangesAsync(ct);
        return hold;
    }

    /// <summary>Lifts the team's hold <paramref name="holdId"/> on the person; false when there is no such hold of the team.</summary>
    /// <exception cref="ValidationFailedException">No reason, or too long.</exception>
    /// <exception cref="LegalHoldRuleException">Already lifted.</exception>
    public async Task<bool> LiftAsync(Guid personId, Guid holdId, string? reason, CancellationToken ct = default)
    {
        var hold = await db.Set<LegalHold>().SingleOrDefaultAsync(h => h.Id == holdId && h.PersonId == personId, ct);
        if (hold is null) return false;
        hold.Lift(user.UserId ?? "system", reason, clock.GetUtcNow());
        audit.Add(AuditAction.Closed, nameof(LegalHold), hold.Id.ToString(), personId, purpose: hold.LiftReason);
        await db.SaveChangesAsync(ct);
        return true;
    }

    internal static string CheckReason(string? reason, string field, string whenEmpty)
    {
        var r = reason?.Trim();
        if (string.IsNullOrEmpty(r)) throw ValidationFailedException.For(field, whenEmpty);
        if (r.Length > MaxReason) throw ValidationFailedException.For(field, $"The reason must be {MaxReason} characters or fewer");
        return r;
    }
}
