using Hl7.Fhir.Model;
using AppointmentOutcome = Waymark.Appointments.AppointmentOutcome;
using Appointment = Hl7.Fhir.Model.Appointment;

namespace Waymark.Fhir;

/// <summary>
/// An appointment as a UK Core Appointment: status (<c>booked</c> until an outcome is recorded; then <c>fulfilled</c>,
/// <c>noshow</c> or <c>cancelled</c>), start and end, length in minutes, and the patient as participant. Left out:
/// where, what for, who else, and outcome notes (free text typed by workers; docs/fhir.md).
/// </summary>
public static class FhirAppointment
{
    /// <summary>The FHIR status of an appointment with <paramref name="outcome"/> (null: none recorded yet).</summary>
    public static Appointment.AppointmentStatus StatusOf(AppointmentOutcome? outcome) => outcome switch
    {
        null => Appointment.AppointmentStatus.Booked,
        AppointmentOutcome.Attended or AppointmentOutcome.AttendedLate => Appointment.AppointmentStatus.Fulfilled,
        AppointmentOutcome.DidNotAttend => Appointment.AppointmentStatus.Noshow,
        _ => Appointment.AppointmentStatus.Cancelled,
    };

    /// <summary>The Appointment for <paramref name="appointment"/>.</summary>
    public static Appointment From(Waymark.Appointments.Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var a = new Appointment
        {
            Id = appointment.Id.ToString(),
            Status = StatusOf(appointment.Outcome),
            StartElement = new Instant(appointment.StartsAt),
            EndElement = new Instant(appointment.EndsAt),
            MinutesDuration = appointment.DurationMinutes,
            CreatedElement = UkCore.DateTime(appointment.BookedAt),
            Participant =
            [
                new Appointment.ParticipantComponent
                {
                    Actor = UkCore.PatientReference(appointment.PersonId),
                    Status = ParticipationStatus.Accepted,
                },
            ],
        };
        return UkCore.Claim(a);
    }
}
