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
    /// <summary>The appointment that replaced this one when it was already rescheduled: the page then says so, with a link, and offers no form.</summary>
    public Appointment? RescheduledTo => Details?.RescheduledTo;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (RescheduledTo is not null) return Page();
        Fill(Details!.Appointment);
        Version = Details.Appointment.Version;
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (RescheduledTo is not null) return Page();
        var input = Read();
        try
        {
            var next = await Service.RescheduleAsync(Id, ModelState.IsValid ? input : input with { Date = null }, Reason, Version, ct);
            TempData["Success"] = "Appointment rescheduled";
            if (Service.LastReminderPlan is { NotPlanned.Count: > 0 } plan) TempData["RemindersNotPlanned"] = string.Join("\n", plan.NotPlanned);
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
        // One already rescheduled shows the page with a link to the new one (change that instead); one with an outcome is not found.
        if (RescheduledTo is null && AppointmentRules.RescheduleRefusal(Details.Appointment, false) is not null) return false;
        Person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Details.Appointment.PersonId, ct);
        if (Person is null) return false;
        if (RescheduledTo is not null) return true;
        await LoadChoicesAsync(ct);
        return true;
    }
}
