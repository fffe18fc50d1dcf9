using Microsoft.EntityFrameworkCore;

namespace Waymark.Persistence;

/// <summary>
/// Optimistic-concurrency saves (ADR 0007) written once: a save applies only over the version the user
/// loaded, and a lost race becomes a <see cref="ConcurrencyConflictException"/> whose message tells the
/// user what to do. Nothing is written when it is refused.
/// </summary>
public static class ConcurrentSaves
{
    /// <summary>
    /// Makes the next save of <paramref name="entity"/> apply only if its stored <see cref="IVersioned.Version"/>
    /// is still <paramref name="expectedVersion"/>, and gives it a new version. The entity must be tracked.
    /// </summary>
    /// <remarks>The new version also marks the row changed, so its version check runs even if nothing else changed.</remarks>
    public static void ExpectVersion<T>(this DbContext db, T entity, Guid expectedVersion) where T : class, IVersioned
    {
        db.Entry(entity).Property(x => x.Version).OriginalValue = expectedVersion;
        entity.Version = Guid.NewGuid();
    }

    /// <summary>Saves; if a version check fails (someone else saved first), nothing is written.</summary>
    /// <param name="conflictMessage">What the user is told, e.g. "Someone else changed this service… try again."</param>
    /// <exception cref="ConcurrencyConflictException">A row's stored version was not the one expected.</exception>
    public static Task SaveOrConflictAsync(this DbContext db, string conflictMessage, CancellationToken ct = default) =>
        db.SaveOrConflictAsync(conflictMessage, uniqueNumberIsConflict: false, ct);

    /// <summary>
    /// Saves; if a version check fails, or (when <paramref name="uniqueNumberIsConflict"/>) a unique index refuses
    /// the row, nothing is written. For records numbered 1, 2, 3… a unique violation means someone else saved the
    /// same next number first (<see cref="DbErrors.IsUniqueViolation"/>).
    /// </summary>
    /// <param name="conflictMessage">What the user is told.</param>
    /// <param name="uniqueNumberIsConflict">Treat a unique-index violation as the same conflict.</param>
    /// <param name="ct">Cancels the save.</param>
    /// <exception cref="ConcurrencyConflictException">Someone else saved first.</exception>
    public static async Task SaveOrConflictAsync(this DbContext db, string conflictMessage, bool uniqueNumberIsConflict, CancellationToken ct = default)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(conflictMessage);
        }
        catch (DbUpdateException e) when (uniqueNumberIsConflict && DbErrors.IsUniqueViolation(e))
        {
            throw new ConcurrencyConflictException(conflictMessage);
        }
    }
}
