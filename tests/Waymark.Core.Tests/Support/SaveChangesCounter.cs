using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Waymark.Core.Tests.Support;

/// <summary>Counts the SaveChanges calls that reach the database, to check a unit of work saves once.</summary>
public sealed class SaveChangesCounter : SaveChangesInterceptor
{
    public int Saves { get; private set; }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saves++;
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saves++;
        return ValueTask.FromResult(result);
    }
}
