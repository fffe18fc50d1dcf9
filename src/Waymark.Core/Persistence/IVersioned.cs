namespace Waymark.Persistence;

/// <summary>
/// A record two people may edit at once. <see cref="Version"/> is the optimistic concurrency token:
/// it changes on every save, and a save based on an older version is refused.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}

/// <summary>Someone else saved the record first; nothing was overwritten.</summary>
public class ConcurrencyConflictException(string message) : Exception(message);
