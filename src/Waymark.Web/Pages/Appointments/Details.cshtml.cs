using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Appointments;

/// <summary>One appointment (<c>/appointments/{id}</c>): when, where, with whom, its outcome, reminders and history.</summary>
public class DetailsModel(AppointmentService service, ICurrentUser user, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Details is null ? [] : [PersonView.Record(nameof(Appointment), Id.ToString(), Details.Appointment.PersonId)];

    [FromRoute] public Guid Id { get; set; }
    public AppointmentDetails? Details { get; private set; }
    public Appointment A => Details!.Appointment;
    /// <summary>Whether this user's team holds it and their role records contacts.</summary>
    public bool CanChange => Details is not null && A.TeamId == user.TeamId && User.Can(Permission.RecordContacts);
    public bool CanReschedule => CanChange && AppointmentRules.RescheduleRefusal(A, Details!.RescheduledTo is not null) is null;
    public bool CanRecordOutcome => CanChange && Details!.RescheduledTo is null;
    public bool CanCancel => CanRecordOutcome && A.Outcome is null;
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Details = await service.DetailsAsync(Id, ct);
        return Details is null ? NotFound() : Page();
    }
}
