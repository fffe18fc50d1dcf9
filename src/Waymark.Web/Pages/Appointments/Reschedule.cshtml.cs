using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Appointments;

/// <summary>
/// Reschedule an appointment (<c>/appointments/{id}/reschedule</c>): a new appointment, starting from the old one's
/// answers, that supersedes it. Another team's, one with an outcome or one already rescheduled is not found here.
/// </summary>
public class RescheduleModel(AppointmentService service, ICurrentUser user, WaymarkDbContext db) : AppointmentFormPage(service), IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Details is null ? [] : [PersonView.Record(nameof(Appointment), Id.ToString(), Details.Appointment.PersonId, "Rescheduling")];

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Guid Version { get; set; }
    public AppointmentDetails? Details { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Fill(Details!.Appointment);
        Version = Details.Appointment.Version;
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var input = Read();
        try
        {
            var next = await Service.RescheduleAsync(Id, ModelState.IsValid ? input : input with { Date = null }, Reason, Version, ct);
            TempData["Success"] = "Appointment rescheduled";
            return Redirect($"/appointments/{next.Id}");
        }
        catch (ValidationFailedException e)
        {
            Show(e);
            return Page();
        }
        catch (AppointmentRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            Version = Details!.Appointment.Version;
            ModelState.Remove(nameof(Version));
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Details = await Service.DetailsAsync(Id, ct);
        if (Details is null || Details.Appointment.TeamId != user.TeamId) return false;
        if (AppointmentRules.RescheduleRefusal(Details.Appointment, Details.RescheduledTo is not null) is not null) return false;
        Person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Details.Appointment.PersonId, ct);
        if (Person is null) return false;
        await LoadChoicesAsync(ct);
        return true;
    }
}
