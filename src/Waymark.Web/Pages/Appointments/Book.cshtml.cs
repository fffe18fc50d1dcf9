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

/// <summary>
/// Book an appointment with a person (<c>/people/{personId}/appointments/new</c>, <c>?episode=</c> to choose the episode;
/// <c>?release={planId}&amp;purpose=GP</c> for a release-day appointment from their release plan: the purpose and the release
/// date are filled in and the appointment is linked to the plan).
/// </summary>
public class BookModel(AppointmentService service, WaymarkDbContext db, TimeProvider clock) : AppointmentFormPage(service), IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Person is null ? [] : [PersonView.Record(nameof(Appointment), null, Person.Id, "Booking an appointment (consent to texts and email shown)")];

    [FromRoute] public Guid PersonId { get; set; }
    [FromQuery(Name = "episode")] public Guid? Episode { get; set; }
    /// <summary>The release plan a release-day appointment is for (from <c>?release=</c>, then a hidden field).</summary>
    [BindProperty(SupportsGet = true, Name = "release")] public Guid? Release { get; set; }
    /// <summary>Which release-day appointment (<c>?purpose=GP</c>, Housing, Probation, Benefits, Pharmacy, Other).</summary>
    [FromQuery(Name = "purpose")] public string? ReleasePurpose { get; set; }
    /// <summary>The release plan (of this person) the appointment is for; null for an ordinary appointment.</summary>
    public Waymark.ThroughTheGate.ReleasePlan? ReleasePlan { get; private set; }

    /// <summary>The purpose a release-day appointment starts with, e.g. "Release-day appointment: GP"; null for an unknown code.</summary>
    public static string? ReleaseDayPurpose(string? code) => code switch
    {
        "GP" => "Release-day appointment: GP (register and get medication)",
        "Housing" => "Release-day appointment: housing",
        "Probation" => "Release-day appointment: probation",
        "Benefits" => "Release-day appointment: benefits (Jobcentre or Universal Credit)",
        "Pharmacy" => "Release-day appointment: pharmacy",
        "Other" => "Release-day appointment",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        EpisodeId = Episode?.ToString();
        WorkerUserId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        Accompanied = "no";
        if (ReleasePlan is { } plan)
        {
            Purpose = ReleaseDayPurpose(ReleasePurpose) ?? ReleaseDayPurpose("Other");
            var day = plan.ReleasedOn ?? plan.ExpectedReleaseOn;
            if (day >= UkTime.Today(clock)) Date = DateParts.From(day);
        }
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
            input = input with { ReleasePlanId = Release };
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
        if (Release is { } release)
        {
            // Only a release plan of this person's the team can see; anything else is not found.
            ReleasePlan = await db.Set<Waymark.ThroughTheGate.ReleasePlan>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == release && r.PersonId == PersonId, ct);
            if (ReleasePlan is null) return false;
        }
        await LoadChoicesAsync(ct);
        return true;
    }
}
