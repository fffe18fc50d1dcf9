using Microsoft.EntityFrameworkCore;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.CriminalJustice;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Support;

namespace Waymark.Reminders;

/// <summary>What planning reminders did, for the booking or hearing page to show.</summary>
/// <param name="Planned">The reminders added (not yet saved), with when each is due.</param>
/// <param name="NotPlanned">Why a requested reminder was not added, in words for the page, e.g. "No text reminder: it is too late to send one at least an hour before, outside quiet hours".</param>
public sealed record ReminderPlan(IReadOnlyList<Reminder> Planned, IReadOnlyList<string> NotPlanned);

/// <summary>
/// Plans and cancels the reminders of an appointment or a court hearing (ADR 20; docs/support.md, "Reminders"). Called by
/// the appointment and criminal justice services in the same unit of work: it adds or changes rows on <paramref name="db"/>
/// (with their audit events) and never saves, so the booking and its reminders commit together.
/// </summary>
public class ReminderPlanner(WaymarkDbContext db, TimeProvider clock, Auditor? audit = null)
{
    /// <summary>
    /// Adds a reminder for each channel <paramref name="appointment"/> asks for (<see cref="Appointment.RemindByText"/>,
    /// <see cref="Appointment.RemindByEmail"/>) that the person has consented to (text: consent and a phone number; email:
    /// consent and an address), due at the team's lead time before it, out of quiet hours (<see cref="ReminderSchedule.DueAt"/>).
    /// A channel without consent, or with no allowed moment left, is not planned and is named in <see cref="ReminderPlan.NotPlanned"/>.
    /// </summary>
    public async Task<ReminderPlan> PlanForAppointmentAsync(Appointment appointment, string byUserId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return await PlanAsync(appointment.TeamId, appointment.PersonId, appointment.StartsAt, appointment.RemindByText, appointment.RemindByEmail,
            r => r.AppointmentId = appointment.Id, "appointment", byUserId, ct);
    }

    /// <summary>Cancels the appointment's reminders not yet claimed for sending, with <paramref name="reason"/> (e.g. "Appointment rescheduled"; up to 200 characters).</summary>
    public Task CancelForAppointmentAsync(Guid appointmentId, string reason, CancellationToken ct = default) =>
        CancelForAppointmentsAsync([appointmentId], reason, ct);

    /// <summary>
    /// As <see cref="CancelForAppointmentAsync"/>, for several appointments in one query (e.g. every meeting cancelled when
    /// mentoring ends). Nothing is read when <paramref name="appointmentIds"/> is empty.
    /// </summary>
    public async Task CancelForAppointmentsAsync(IReadOnlyCollection<Guid> appointmentIds, string reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(appointmentIds);
        if (appointmentIds.Count == 0) return;
        Cancel(await db.Set<Reminder>().Where(r => r.AppointmentId != null && appointmentIds.Contains(r.AppointmentId.Value)
            && r.SendingStartedAt == null && r.CancelledAt == null).ToListAsync(ct), reason);
    }

    /// <summary>
    /// As <see cref="PlanForAppointmentAsync"/>, for a court hearing (a criminal justice event of kind Hearing, with its
    /// <see cref="CriminalJusticeEvent.HearingAt"/>): a text and/or email reminder with consent.
    /// </summary>
    /// <exception cref="ArgumentException">The event is not a hearing with a date and time.</exception>
    public async Task<ReminderPlan> PlanForHearingAsync(CriminalJusticeEvent hearing, bool byText, bool byEmail, string byUserId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(hearing);
        if (hearing.Kind != CriminalJusticeEventKind.Hearing || hearing.HearingAt is not { } at)
            throw new ArgumentException("Only a court hearing with a date and time has reminders", nameof(hearing));
        return await PlanAsync(hearing.TeamId, hearing.PersonId, at, byText, byEmail, r => r.HearingEventId = hearing.Id, "hearing", byUserId, ct);
    }

    /// <summary>Cancels the hearing's reminders not yet claimed for sending (adjourned, vacated, corrected), with <paramref name="reason"/>.</summary>
    public async Task CancelForHearingAsync(Guid hearingId, string reason, CancellationToken ct = default) =>
        Cancel(await db.Set<Reminder>().Where(r => r.HearingEventId == hearingId && r.SendingStartedAt == null && r.CancelledAt == null).ToListAsync(ct), reason);

    /// <summary>
    /// The problems with asking for reminders by <paramref name="byText"/> / <paramref name="byEmail"/> for the person:
    /// (field, message) with fields "RemindByText" and "RemindByEmail", for a form's error summary. Empty when none.
    /// </summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> ConsentProblemsAsync(Guid personId, bool byText, bool byEmail, CancellationToken ct = default)
    {
        if (!byText && !byEmail) return [];
        var p = await db.Set<Person>().AsNoTracking().Where(x => x.Id == personId)
            .Select(x => new { x.ConsentToText, x.Phone, x.ConsentToEmail, x.Email }).FirstOrDefaultAsync(ct);
        var problems = new List<(string, string)>();
        if (byText && (p is null || !ReminderConsent.CanText(p.ConsentToText, p.Phone)))
            problems.Add(("RemindByText", "They have not consented to text messages, or have no mobile number: record both on their details first, or untick the text reminder"));
        if (byEmail && (p is null || !ReminderConsent.CanEmail(p.ConsentToEmail, p.Email)))
            problems.Add(("RemindByEmail", "They have not consented to email, or have no email address: record both on their details first, or untick the email reminder"));
        return problems;
    }

    private async Task<ReminderPlan> PlanAsync(Guid teamId, Guid personId, DateTimeOffset eventAt, bool byText, bool byEmail,
        Action<Reminder> link, string what, string byUserId, CancellationToken ct)
    {
        var planned = new List<Reminder>();
        var notPlanned = new List<string>();
        if (!byText && !byEmail) return new ReminderPlan(planned, notPlanned);
        var p = await db.Set<Person>().AsNoTracking().Where(x => x.Id == personId)
            .Select(x => new { x.ConsentToText, x.Phone, x.ConsentToEmail, x.Email }).FirstOrDefaultAsync(ct);
        var settings = await SupportSettingsOf.TeamAsync(db, teamId, ct);
        var now = clock.GetUtcNow();
        var due = ReminderSchedule.DueAt(eventAt, settings.ReminderLeadHours, settings.QuietHoursStart, settings.QuietHoursEnd, now);
        foreach (var (channel, asked, consented, words) in new[]
        {
            (ReminderChannel.Text, byText, p is not null && ReminderConsent.CanText(p.ConsentToText, p.Phone), "text"),
            (ReminderChannel.Email, byEmail, p is not null && ReminderConsent.CanEmail(p.ConsentToEmail, p.Email), "email"),
        })
        {
            if (!asked) continue;
            if (!consented) { notPlanned.Add($"No {words} reminder: they have not consented to {(channel == ReminderChannel.Text ? "texts or have no mobile number" : "email or have no email address")}"); continue; }
            if (due is not { } dueAt) { notPlanned.Add($"No {words} reminder: it is too late to send one at least an hour before the {what}, outside the team's quiet hours"); continue; }
            var r = new Reminder
            {
                TeamId = teamId, PersonId = personId, Channel = channel, EventAt = eventAt, DueAt = dueAt,
                CreatedAt = now, CreatedByUserId = byUserId,
            };
            link(r);
            db.Set<Reminder>().Add(r);
            audit?.Add(AuditAction.Created, nameof(Reminder), r.Id.ToString(), personId, $"{(channel == ReminderChannel.Text ? "Text" : "Email")} reminder of the {what}");
            planned.Add(r);
        }
        return new ReminderPlan(planned, notPlanned);
    }

    private void Cancel(List<Reminder> reminders, string reason)
    {
        var now = clock.GetUtcNow();
        foreach (var r in reminders)
        {
            r.CancelledAt = now;
            r.CancelReason = reason.Length > 200 ? reason[..200] : reason;
            audit?.Add(AuditAction.Updated, nameof(Reminder), r.Id.ToString(), r.PersonId, $"Cancelled: {r.CancelReason}");
        }
    }
}
