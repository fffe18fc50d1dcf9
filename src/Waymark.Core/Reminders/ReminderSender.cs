using Microsoft.EntityFrameworkCore;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.CriminalJustice;
using Waymark.Liaison;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Support;
using Waymark.Teams;

namespace Waymark.Reminders;

/// <summary>What one run of the sender did (counts only: this is what is logged).</summary>
public sealed record SendRun(int Sent, int Recovered, int Cancelled, int Refused, int Unavailable, int StatusesChecked, int Delivered, int Failed);

/// <summary>
/// Sends due reminders through Notify, at most once and never lost (docs/support.md, Reminders, "How sending works"):
/// <list type="number">
/// <item>Recover: a reminder claimed more than <see cref="NotifySettings.ClaimTimeoutSeconds"/> ago with no record of
/// sending (the app stopped between Notify accepting it and the record) is claimed again and Notify is asked for its
/// reference: found → recorded as sent; not found → sent now.</item>
/// <item>Claim due reminders (not in the team's quiet hours now) one by one with a conditional update (<c>SendingStartedAt</c>
/// null → now); only the sender whose update changed the row sends it.</item>
/// <item>Re-check at send time (still consented, appointment not rescheduled or with an outcome, hearing not adjourned,
/// vacated or corrected, at least an hour to go); else cancel with the reason.</item>
/// <item>Send, and record Notify's id, the message and when; Notify refusing it (400) records the failure.</item>
/// <item>Ask Notify for the status of sent reminders with no final status (bounded per run).</item>
/// </list>
/// Acts on every team's rows: give it a context acting as the system. Logs nothing itself.
/// </summary>
public class ReminderSender(WaymarkDbContext db, INotifyGateway notify, NotifySettings settings, TimeProvider clock, Auditor? audit = null)
{
    /// <summary>Reminders claimed and sent per batch (one save per batch).</summary>
    public const int BatchSize = 100;
    /// <summary>Sent reminders whose status is asked per run.</summary>
    public const int StatusChecksPerRun = 200;
    /// <summary>After this long with no final status, a reminder is recorded as failed (Notify keeps notifications 7 days).</summary>
    public static readonly TimeSpan StatusGiveUp = TimeSpan.FromDays(7);

    /// <summary>
    /// Test hook: called after Notify accepted a reminder and before it is recorded. A test that throws here simulates
    /// the app dying between the two (the batch is not recorded; recovery must find the messages by reference).
    /// </summary>
    public Action<Reminder>? AfterNotifyAccepted { get; set; }

    private DbSet<Reminder> Reminders => db.Set<Reminder>();

    /// <summary>Recovers, sends every due reminder (at most <paramref name="maxBatches"/> batches), then checks statuses.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (what was sent is recorded batch by batch; the rest is recovered).</exception>
    public async Task<SendRun> RunOnceAsync(int maxBatches = int.MaxValue, CancellationToken ct = default)
    {
        var total = new SendRun(0, 0, 0, 0, 0, 0, 0, 0);
        total = Add(total, await RecoverAsync(ct));
        for (var i = 0; i < maxBatches; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (claimed, run) = await SendDueBatchAsync(ct);
            total = Add(total, run);
            if (claimed == 0 || run.Unavailable > 0) break; // nothing due, or Notify is not answering: try again next run
        }
        return Add(total, await CheckStatusesAsync(ct));
    }

    /// <summary>Claims and sends one batch of due reminders; returns how many were claimed and what happened.</summary>
    public async Task<(int Claimed, SendRun Run)> SendDueBatchAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var teams = await Reminders.AsNoTracking().Where(r => r.SendingStartedAt == null && r.CancelledAt == null && r.DueAt <= now)
            .Select(r => r.TeamId).Distinct().OrderBy(t => t).Take(1000).ToListAsync(ct);
        if (teams.Count == 0) return (0, Empty);
        var quiet = (await SupportSettingsOf.TeamsAsync(db, teams, ct)).Values
            .Where(s => ReminderSchedule.IsQuiet(now, s.QuietHoursStart, s.QuietHoursEnd)).Select(s => s.TeamId).ToList();
        var candidates = await Reminders.AsNoTracking()
            .Where(r => r.SendingStartedAt == null && r.CancelledAt == null && r.DueAt <= now && !quiet.Contains(r.TeamId))
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id).Select(r => r.Id).Take(BatchSize).ToListAsync(ct);
        if (candidates.Count == 0) return (0, Empty);

        // The claim: one conditional update per reminder, in one transaction, in id order (no deadlocks between senders).
        var won = new List<Guid>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var id in candidates.Order())
                if (await Reminders.Where(r => r.Id == id && r.SendingStartedAt == null && r.CancelledAt == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.SendingStartedAt, now), ct) == 1)
                    won.Add(id);
            await tx.CommitAsync(ct);
        }
        if (won.Count == 0) return (candidates.Count, Empty); // another sender took them all: look again
        var run = await SendClaimedAsync(won, recovering: false, ct);
        return (won.Count, run);
    }

    /// <summary>Recovers reminders claimed longer ago than the claim timeout and never recorded as sent.</summary>
    public async Task<SendRun> RecoverAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var before = now - TimeSpan.FromSeconds(Math.Max(0, settings.ClaimTimeoutSeconds));
        var run = Empty;
        while (true)
        {
            var stale = await Reminders.AsNoTracking()
                .Where(r => r.SendingStartedAt != null && r.SendingStartedAt <= before && r.SentAt == null && r.FailedAt == null && r.CancelledAt == null)
                .OrderBy(r => r.Id).Select(r => new { r.Id, r.SendingStartedAt }).Take(BatchSize).ToListAsync(ct);
            if (stale.Count == 0) return run;
            var won = new List<Guid>();
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var s in stale)
                    if (await Reminders.Where(r => r.Id == s.Id && r.SendingStartedAt == s.SendingStartedAt && r.SentAt == null)
                            .ExecuteUpdateAsync(u => u.SetProperty(r => r.SendingStartedAt, now), ct) == 1)
                        won.Add(s.Id);
                await tx.CommitAsync(ct);
            }
            var batch = await SendClaimedAsync(won, recovering: true, ct);
            run = Add(run, batch);
            if (batch.Unavailable > 0) return run; // Notify is not answering: the rest wait for the next run
        }
    }

    private static readonly SendRun Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    private static SendRun Add(SendRun a, SendRun b) => new(a.Sent + b.Sent, a.Recovered + b.Recovered, a.Cancelled + b.Cancelled,
        a.Refused + b.Refused, a.Unavailable + b.Unavailable, a.StatusesChecked + b.StatusesChecked, a.Delivered + b.Delivered, a.Failed + b.Failed);

    // Sends (or, recovering, first looks up) the claimed reminders and records them in one save.
    private async Task<SendRun> SendClaimedAsync(List<Guid> ids, bool recovering, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var reminders = await Reminders.Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var personIds = reminders.Select(r => r.PersonId).Distinct().ToList();
        var people = await db.Set<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.ConsentToText, p.Phone, p.ConsentToEmail, p.Email }).ToDictionaryAsync(p => p.Id, ct);
        var appointmentIds = reminders.Where(r => r.AppointmentId != null).Select(r => r.AppointmentId!.Value).ToList();
        var appointments = await db.Set<Appointment>().AsNoTracking().Where(a => appointmentIds.Contains(a.Id))
            .Select(a => new { a.Id, a.StartsAt, a.Location, a.Outcome, Rescheduled = db.Set<Appointment>().Any(n => n.SupersedesId == a.Id) })
            .ToDictionaryAsync(a => a.Id, ct);
        var hearingIds = reminders.Where(r => r.HearingEventId != null).Select(r => r.HearingEventId!.Value).ToList();
        var events = db.Set<CriminalJusticeEvent>();
        var hearings = await events.AsNoTracking().Where(h => hearingIds.Contains(h.Id))
            .Select(h => new
            {
                h.Id, h.HearingAt, h.AgencyId,
                Corrected = events.Any(x => x.SupersedesId == h.Id),
                Ended = events.Where(x => x.HearingId == h.Id && x.SupersedesId == null).Select(x => (CriminalJusticeEventKind?)x.Kind).FirstOrDefault(),
            }).ToDictionaryAsync(h => h.Id, ct);
        var agencyIds = hearings.Values.Where(h => h.AgencyId != null).Select(h => h.AgencyId!.Value).Distinct().ToList();
        var courts = await db.Set<CriminalJusticeAgency>().AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var teamIds = reminders.Select(r => r.TeamId).Distinct().ToList();
        var teamNames = await db.Set<Team>().AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var teamSettings = await SupportSettingsOf.TeamsAsync(db, teamIds, ct);

        var now = clock.GetUtcNow();
        var run = Empty;
        var notifyDown = false;
        foreach (var r in reminders.OrderBy(r => r.DueAt))
        {
            ct.ThrowIfCancellationRequested();
            var reference = r.Id.ToString();
            if (notifyDown)
            {
                // Notify stopped answering in this batch: a fresh claim is released untried (it was never sent); a
                // recovered one stays claimed, so it is looked up by reference again after the timeout.
                if (!recovering) r.SendingStartedAt = null;
                continue;
            }
            if (recovering)
            {
                NotifyNotification? found;
                try { found = await notify.FindByReferenceAsync(reference, ct); }
                catch (NotifyUnavailableException)
                {
                    // Unknown whether it went: never send without the answer.
                    notifyDown = true;
                    run = run with { Unavailable = run.Unavailable + 1 };
                    continue;
                }
                if (found is { } f)
                {
                    RecordSent(r, f.Id, Compose(r), now);
                    run = run with { Recovered = run.Recovered + 1 };
                    continue;
                }
            }
            people.TryGetValue(r.PersonId, out var p);
            var ap = r.AppointmentId is { } aid && appointments.TryGetValue(aid, out var a) ? a : null;
            var he = r.HearingEventId is { } hid && hearings.TryGetValue(hid, out var h) ? h : null;
            var why =
                p is null ? "The person's record is no longer available"
                : r.Channel == ReminderChannel.Text && !ReminderConsent.CanText(p.ConsentToText, p.Phone) ? "Consent to texts withdrawn, or no mobile number"
                : r.Channel == ReminderChannel.Email && !ReminderConsent.CanEmail(p.ConsentToEmail, p.Email) ? "Consent to email withdrawn, or no email address"
                : r.AppointmentId is not null && ap is null ? "The appointment is no longer available"
                : ap is { Rescheduled: true } ? "Appointment rescheduled"
                : ap is { Outcome: not null } ? "The appointment's outcome was recorded"
                : ap is not null && ap.StartsAt != r.EventAt ? "The appointment's time changed"
                : r.HearingEventId is not null && he is null ? "The hearing is no longer available"
                : he is { Corrected: true } ? "The hearing was corrected"
                : he?.Ended == CriminalJusticeEventKind.HearingAdjourned ? "Hearing adjourned"
                : he?.Ended == CriminalJusticeEventKind.HearingVacated ? "Hearing vacated"
                : he is not null && he.HearingAt != r.EventAt ? "The hearing's time changed"
                : now > r.EventAt - ReminderSchedule.MinimumNotice ? "Too late: less than an hour before"
                : null;
            if (why is not null)
            {
                r.CancelledAt = now;
                r.CancelReason = why;
                audit?.Add(AuditAction.Updated, nameof(Reminder), reference, r.PersonId, $"Not sent: {why}");
                run = run with { Cancelled = run.Cancelled + 1 };
                continue;
            }
            var s = teamSettings[r.TeamId];
            var sender = string.IsNullOrWhiteSpace(s.SenderName) ? teamNames.GetValueOrDefault(r.TeamId) : s.SenderName;
            var body = he is not null
                ? ReminderMessages.Hearing(sender, r.EventAt, he.AgencyId is { } c ? courts.GetValueOrDefault(c) : null, s.ReplyTelephone)
                : ReminderMessages.Appointment(sender, r.EventAt, ap?.Location, s.ReplyTelephone);
            NotifySendResult result;
            try
            {
                result = r.Channel == ReminderChannel.Text
                    ? await notify.SendSmsAsync(p!.Phone!.Trim(), body, reference, ct)
                    : await notify.SendEmailAsync(p!.Email!.Trim(), ReminderMessages.Subject(he is not null, r.EventAt), body, reference, ct);
            }
            catch (NotifyUnavailableException)
            {
                // Unknown whether it went: left claimed, recovered by reference after the claim timeout.
                notifyDown = true;
                run = run with { Unavailable = run.Unavailable + 1 };
                continue;
            }
            if (result.Accepted)
            {
                AfterNotifyAccepted?.Invoke(r);
                RecordSent(r, result.NotificationId!, body, now);
                run = run with { Sent = run.Sent + 1 };
            }
            else
            {
                r.FailedAt = now;
                r.Body = Trim(body, 918);
                r.FailureReason = Trim(ReminderStatus.RefusedPrefix + result.Refusal, 500);
                audit?.Add(AuditAction.Updated, nameof(Reminder), reference, r.PersonId, "Refused by Notify");
                run = run with { Refused = run.Refused + 1 };
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return run;

        string Compose(Reminder r)
        {
            var s = teamSettings[r.TeamId];
            var sender = string.IsNullOrWhiteSpace(s.SenderName) ? teamNames.GetValueOrDefault(r.TeamId) : s.SenderName;
            return r.HearingEventId is { } hid && hearings.TryGetValue(hid, out var h)
                ? ReminderMessages.Hearing(sender, r.EventAt, h.AgencyId is { } c ? courts.GetValueOrDefault(c) : null, s.ReplyTelephone)
                : ReminderMessages.Appointment(sender, r.EventAt, r.AppointmentId is { } aid && appointments.TryGetValue(aid, out var a) ? a.Location : null, s.ReplyTelephone);
        }
    }

    private void RecordSent(Reminder r, string notificationId, string body, DateTimeOffset now)
    {
        r.SentAt = now;
        r.NotifyNotificationId = Trim(notificationId, 64);
        r.Body = Trim(body, 918);
        r.DeliveryStatus = "created";
        audit?.Add(AuditAction.Updated, nameof(Reminder), r.Id.ToString(), r.PersonId, r.Channel == ReminderChannel.Text ? "Sent by text" : "Sent by email");
    }

    /// <summary>Asks Notify for the status of up to <see cref="StatusChecksPerRun"/> sent reminders with no final status; records delivered or failed.</summary>
    public async Task<SendRun> CheckStatusesAsync(CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        var recheck = now - TimeSpan.FromSeconds(settings.StatusRecheckSeconds);
        var open = await Reminders.Where(r => r.SentAt != null && r.NotifyNotificationId != null && r.DeliveredAt == null && r.FailedAt == null
                && (r.StatusCheckedAt == null || r.StatusCheckedAt <= recheck))
            .OrderBy(r => r.SentAt).Take(StatusChecksPerRun).ToListAsync(ct);
        var run = Empty;
        foreach (var r in open)
        {
            ct.ThrowIfCancellationRequested();
            NotifyNotification? n;
            try { n = await notify.GetStatusAsync(r.NotifyNotificationId!, ct); }
            catch (NotifyUnavailableException) { run = run with { Unavailable = run.Unavailable + 1 }; break; }
            r.StatusCheckedAt = now;
            run = run with { StatusesChecked = run.StatusesChecked + 1 };
            if (n is null)
            {
                if (now - r.SentAt!.Value > StatusGiveUp) Fail(r, "not-found", "Notify has no record of it after 7 days: it may not have been delivered");
                continue;
            }
            r.DeliveryStatus = Trim(n.Status, 40);
            if (n.Status == "delivered")
            {
                r.DeliveredAt = now;
                audit?.Add(AuditAction.Updated, nameof(Reminder), r.Id.ToString(), r.PersonId, "Delivered");
                run = run with { Delivered = run.Delivered + 1 };
            }
            else if (FailureReason(n.Status) is { } reason) { Fail(r, n.Status, reason); run = run with { Failed = run.Failed + 1 }; }
            else if (now - r.SentAt!.Value > StatusGiveUp) { Fail(r, n.Status, "No delivery report from Notify after 7 days"); run = run with { Failed = run.Failed + 1 }; }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return run;

        void Fail(Reminder r, string status, string reason)
        {
            r.DeliveryStatus = Trim(status, 40);
            r.FailedAt = now;
            r.FailureReason = reason;
            audit?.Add(AuditAction.Updated, nameof(Reminder), r.Id.ToString(), r.PersonId, $"Failed: {status}");
        }
    }

    /// <summary>A Notify failure status in words for the key worker (Notify's documented meanings), or null when not a failure.</summary>
    /// <param name="status">Notify's status.</param>
    public static string? FailureReason(string? status) => status switch
    {
        "permanent-failure" => "The number or address does not exist or cannot receive messages (Notify: permanent failure). Check it with the person.",
        "temporary-failure" => "The phone was off or the inbox full for 3 days (Notify: temporary failure). Try to reach them another way.",
        "technical-failure" => "Notify could not send it because of a technical problem (Notify: technical failure).",
        "validation-failed" or "virus-scan-failed" => "Notify could not send it (Notify: " + status + ").",
        _ => null,
    };

    private static string Trim(string s, int max) => s.Length > max ? s[..max] : s;
}
