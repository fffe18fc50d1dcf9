using Waymark.Access;
using Waymark.Persistence;

namespace Waymark.Audit;

/// <summary>
/// Adds audit events to the unit of work, so a change and its audit event commit in one
/// transaction. For views and searches, <see cref="RecordNowAsync"/> writes at once: through the
/// <see cref="AuditTrailWriter"/> (group commit) when there is one and nothing else is pending in the unit of work.
/// </summary>
public class Auditor(WaymarkDbContext db, ICurrentUser user, TimeProvider clock, AuditTrailWriter? writer = null)
{
    /// <summary>Adds an event to the unit of work: it commits with the change it describes, or not at all.</summary>
    public void Add(AuditAction action, string recordType, string? recordId, Guid? personId = null,
        string? detail = null, string? purpose = null) =>
        db.AuditEvents.Add(New(action, recordType, recordId, personId, detail, purpose));

    private AuditEvent New(AuditAction action, string recordType, string? recordId, Guid? personId, string? detail, string? purpose) =>
        new()
        {
            At = clock.GetUtcNow(),
            UserId = user.UserId,
            Role = user.Role,
            TeamId = user.TeamId,
            Action = action,
            RecordType = recordType,
            RecordId = recordId,
            PersonId = personId,
            Detail = Trim(detail),
            Purpose = Trim(purpose),
        };

    /// <summary>
    /// Writes a stand-alone event (a view, a search, a sign-in) and returns once it is committed. Anything else
    /// pending in the unit of work is saved with it, as before; otherwise the event goes through the shared writer.
    /// </summary>
    public Task RecordNowAsync(AuditAction action, string recordType, string? recordId, Guid? personId = null,
        string? detail = null, string? purpose = null, CancellationToken ct = default) =>
        RecordNowAsync([new AuditEntry(action, recordType, recordId, personId, detail, purpose)], ct);

    /// <summary>As the single-event overload, for what one page showed: the events are written together (one commit).</summary>
    public async Task RecordNowAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0) return;
        var events = entries.Select(e => New(e.Action, e.RecordType, e.RecordId, e.PersonId, e.Detail, e.Purpose)).ToList();
        if (writer is not null && !db.ChangeTracker.HasChanges())
        {
            await Task.WhenAll(events.Select(writer.WriteAsync)).WaitAsync(ct);
            return;
        }
        db.AuditEvents.AddRange(events);
        await db.SaveChangesAsync(ct);
    }

    private static string? Trim(string? s) => s is { Length: > 2000 } ? s[..2000] : s;
}

/// <summary>One audit event to write: what was done (<paramref name="Action"/>) to which record, about whom, and why.</summary>
public sealed record AuditEntry(AuditAction Action, string RecordType, string? RecordId, Guid? PersonId = null, string? Detail = null, string? Purpose = null);
