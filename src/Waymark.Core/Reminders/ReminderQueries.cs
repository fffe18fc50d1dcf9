using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Reminders;

/// <summary>A reminder as the person's reminders list and the failures section show it (no message body: it is on the row's page only).</summary>
public sealed record ReminderRow(Guid Id, Guid PersonId, ReminderChannel Channel, bool ForHearing, DateTimeOffset EventAt, DateTimeOffset DueAt,
    DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt, DateTimeOffset? FailedAt, string? FailureReason, DateTimeOffset? CancelledAt,
    string? CancelReason, string? DeliveryStatus, DateTimeOffset? FailureSeenAt, string? Body)
{
    /// <summary>"Text" or "Email".</summary>
    public string ChannelName => Channel == ReminderChannel.Text ? "Text" : "Email";
    /// <summary>"Appointment" or "Court hearing".</summary>
    public string Of => ForHearing ? "Court hearing" : "Appointment";
    /// <summary>Where it is, in words (<see cref="ReminderStatus.Describe(DateTimeOffset?, string?, DateTimeOffset?, string?, DateTimeOffset?, DateTimeOffset?, string?)"/>).</summary>
    public ReminderStatusWords Status => ReminderStatus.Describe(FailedAt, FailureReason, CancelledAt, CancelReason, DeliveredAt, SentAt, DeliveryStatus);
    /// <summary>Where it is, in words: "Delivered", "Sent", "Sending", "Waiting to send", "Not sent" or "Failed".</summary>
    public string State => Status.Label;
}

/// <summary>A failed reminder on "My tasks", with the person's name.</summary>
public sealed record FailedReminderTask(Guid ReminderId, Guid PersonId, string GivenName, string FamilyName, ReminderChannel Channel, bool ForHearing,
    DateTimeOffset EventAt, DateTimeOffset FailedAt, string? FailureReason);

/// <summary>One page of a person's reminders, newest event first.</summary>
public sealed record ReminderPage(IReadOnlyList<ReminderRow> Rows, int PageNumber, bool HasNext);

/// <summary>
/// Reads reminders for the key worker (failures not yet dealt with, a person's reminders) and records that a failure was
/// dealt with. Only the user's team's reminders: the team that sent them deals with them.
/// </summary>
public class ReminderQueries(WaymarkDbContext db, ICurrentUser user, TimeProvider clock, Auditor audit)
{
    /// <summary>Reminders per page on a person's reminders page.</summary>
    public const int PageSize = 20;
    /// <summary>At most this many failures are listed in the person page's section and on "My tasks".</summary>
    public const int FailuresShown = 20;

    private IQueryable<Reminder> Mine => db.Set<Reminder>().AsNoTracking().Where(r => r.TeamId == user.TeamId);

    private static IQueryable<ReminderRow> Rows(IQueryable<Reminder> q) => q.Select(r => new ReminderRow(r.Id, r.PersonId, r.Channel, r.HearingEventId != null,
        r.EventAt, r.DueAt, r.SentAt, r.DeliveredAt, r.FailedAt, r.FailureReason, r.CancelledAt, r.CancelReason, r.DeliveryStatus, r.FailureSeenAt, r.Body));

    /// <summary>The person's failed reminders not yet dealt with (newest first, at most <see cref="FailuresShown"/>); on an episode's page only that episode's appointments and hearings.</summary>
    public async Task<IReadOnlyList<ReminderRow>> FailuresOfPersonAsync(Guid personId, Guid? episodeId = null, CancellationToken ct = default)
    {
        var q = Mine.Where(r => r.PersonId == personId && r.FailedAt != null && r.FailureSeenAt == null);
        if (episodeId is { } e)
            q = q.Where(r => db.Set<Appointments.Appointment>().Any(a => a.Id == r.AppointmentId && a.EpisodeId == e)
                || db.Set<CriminalJustice.CriminalJusticeEvent>().Any(h => h.Id == r.HearingEventId && h.EpisodeId == e));
        return await Rows(q.OrderByDescending(r => r.FailedAt).Take(FailuresShown)).ToListAsync(ct);
    }

    /// <summary>One page (1-based) of the person's reminders by the user's team, latest event first.</summary>
    public async Task<ReminderPage> OfPersonAsync(Guid personId, int page, CancellationToken ct = default)
    {
        page = Math.Clamp(page, 1, 100_000);
        var rows = await Rows(Mine.Where(r => r.PersonId == personId).OrderByDescending(r => r.EventAt).ThenBy(r => r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)).ToListAsync(ct);
        return new ReminderPage(rows.Take(PageSize).ToList(), page, rows.Count > PageSize);
    }

    /// <summary>Failed reminders not dealt with, to people with an open episode of the user's team where the user is the key worker (newest first, at most <see cref="FailuresShown"/>).</summary>
    public async Task<IReadOnlyList<FailedReminderTask>> MyFailuresAsync(CancellationToken ct = default)
    {
        var me = user.UserId;
        var rows = await (from r in Mine
                          where r.FailedAt != null && r.FailureSeenAt == null
                                && db.Set<Episode>().Any(e => e.PersonId == r.PersonId && e.TeamId == r.TeamId && e.KeyWorkerId == me && e.ClosedAt == null)
                          join p in db.Set<Person>() on r.PersonId equals p.Id
                          orderby r.FailedAt descending
                          select new FailedReminderTask(r.Id, r.PersonId, p.GivenName, p.FamilyName, r.Channel, r.HearingEventId != null, r.EventAt, r.FailedAt!.Value, r.FailureReason))
            .Take(FailuresShown).ToListAsync(ct);
        return rows;
    }

    /// <summary>Records that the user dealt with a failed reminder (who and when; audited). False when there is no such failed reminder of the person held by the user's team.</summary>
    public async Task<bool> MarkDealtWithAsync(Guid personId, Guid reminderId, CancellationToken ct = default)
    {
        var r = await db.Set<Reminder>().FirstOrDefaultAsync(x => x.Id == reminderId && x.PersonId == personId && x.TeamId == user.TeamId && x.FailedAt != null, ct);
        if (r is null) return false;
        if (r.FailureSeenAt is not null) return true; // already dealt with: nothing to change
        r.FailureSeenAt = clock.GetUtcNow();
        r.FailureSeenByUserId = user.UserId;
        audit.Add(AuditAction.Updated, nameof(Reminder), r.Id.ToString(), r.PersonId, "Failure marked as dealt with");
        await db.SaveChangesAsync(ct);
        return true;
    }
}
