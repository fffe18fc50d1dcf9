using Waymark.Appointments;
using Waymark.Persistence;

namespace Waymark.Reminders;

/// <summary>
/// Plans and cancels the reminders of an appointment (ADR 20). Called by the appointment services in the same unit of
/// work: it adds or changes rows on <paramref name="db"/> and never saves, so the booking and its reminders commit together.
/// </summary>
public class ReminderPlanner(WaymarkDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Adds a reminder for each channel <paramref name="appointment"/> asks for (<see cref="Appointment.RemindByText"/>,
    /// <see cref="Appointment.RemindByEmail"/>) that the person has consented to, due at the team's lead time before it,
    /// out of quiet hours. Channels without consent are skipped (the booking page refuses them first).
    /// </summary>
    public Task PlanForAppointmentAsync(Appointment appointment, string byUserId, CancellationToken ct = default)
    {
        _ = (db, clock, appointment, byUserId, ct);
        return Task.CompletedTask;
    }

    /// <summary>Cancels the appointment's reminders not yet sent, with <paramref name="reason"/> (e.g. "Appointment rescheduled").</summary>
    public Task CancelForAppointmentAsync(Guid appointmentId, string reason, CancellationToken ct = default)
    {
        _ = (appointmentId, reason, ct);
        return Task.CompletedTask;
    }
}
