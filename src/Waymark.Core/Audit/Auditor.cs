using Waymark.Access;
using Waymark.Persistence;

namespace Waymark.Audit;

/// <summary>
/// Adds audit events to the unit of work, so a change and its audit event commit in one
/// transaction. For views and searches, <see cref="RecordNowAsync"/> saves at once.
/// </summary>
public class Auditor(WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
{
    public void Add(AuditAction action, string recordType, string? recordId, Guid? personId = null,
        string? detail = null, string? purpose = null)
    {
        db.AuditEvents.Add(new AuditEvent
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
        });
    }

    public async Task RecordNowAsync(AuditAction action, string recordType, string? recordId, Guid? personId = null,
        string? detail = null, string? purpose = null, CancellationToken ct = default)
    {
        Add(action, recordType, recordId, personId, detail, purpose);
        await db.SaveChangesAsync(ct);
    }

    private static string? Trim(string? s) => s is { Length: > 2000 } ? s[..2000] : s;
}
