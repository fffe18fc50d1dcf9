using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Appointments;

/// <summary>Book an appointment with a person (<c>/people/{personId}/appointments/new</c>, <c>?episode=</c> to choose the episode).</summary>
public class BookModel(AppointmentService service, WaymarkDbContext db) : AppointmentFormPage(service), IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Person is null ? [] : [PersonView.Record(nameof(Appointment), null, Person.Id, "Booking an appointment (consent to texts and email shown)")];

    [FromRoute] public Guid PersonId { get; set; }
    [FromQuery(Name = "episode")] public Guid? Episode { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        EpisodeId = Episode?.ToString();
        WorkerUserId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        Accompanied = "no";
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var input = Read();
        try
        {
            // A date the form could not read goes to the service as none, so every other problem is listed at once.
            var a = await Service.BookAsync(PersonId, ModelState.IsValid ? input : input with { Date = null }, ct);
            TempData["Success"] = "Appointment booked";
            if (Service.LastReminderPlan is { NotPlanned.Count: > 0 } plan) TempData["RemindersNotPlanned"] = string.Join("\n", plan.NotPlanned);
            return Redirect($"/appointments/{a.Id}");
        }
        catch (ValidationFailedException e)
        {
            Show(e);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == PersonId, ct);
        if (Person is null) return false;
        await LoadChoicesAsync(ct);
        return true;
    }
}
