using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Appointments;

/// <summary>
/// Record what happened at an appointment, or correct it (<c>/appointments/{id}/outcome</c>; <c>?cancel=true</c> offers
/// the cancellations only). Another team's appointment is not found here.
/// </summary>
public class OutcomeModel(AppointmentService service, ICurrentUser user, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Details is null ? [] : [PersonView.Record(nameof(Appointment), Id.ToString(), Details.Appointment.PersonId, "Recording the outcome")];

    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "cancel")] public bool CancelOnly { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public Guid Version { get; set; }

    public AppointmentDetails? Details { get; private set; }
    public Appointment A => Details!.Appointment;
    /// <summary>The appointment that replaced this one when it was rescheduled: the page then says so, with a link, and offers no form.</summary>
    public Appointment? RescheduledTo => Details?.RescheduledTo;
    /// <summary>Whether the appointment has not started yet, so only the cancellations are offered (attendance is refused before the start: <see cref="AppointmentRules.OutcomeRefusal"/>).</summary>
    public bool BeforeStart => Details is not null && A.StartsAt > clock.GetUtcNow();
    public List<SelectListItem> OutcomeItems => AppointmentRules.Outcomes
        .Where(o => !(CancelOnly || BeforeStart) || AppointmentRules.IsCancellation(o))
        .Select(o => new SelectListItem(AppointmentRules.Display(o), o.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Outcome = A.Outcome?.ToString();
        Note = A.OutcomeNote;
        Version = A.Version;
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (RescheduledTo is not null) return Page();
        var outcome = Choices.Enum<AppointmentOutcome>(Outcome);
        try
        {
            await service.RecordOutcomeAsync(Id, outcome, Note, Version, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (AppointmentRuleException e)
        {
            ModelState.AddModelError(nameof(Outcome), e.Message);
            return Page();
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            Version = A.Version;
            ModelState.Remove(nameof(Version));
            return Page();
        }
        TempData["Success"] = $"Outcome recorded: {AppointmentRules.Display(outcome!.Value)}";
        return Redirect($"/appointments/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Details = await service.DetailsAsync(Id, ct);
        // Only the team that holds it records its outcome; a rescheduled one has none (the page points to the new one).
        return Details is not null && A.TeamId == user.TeamId;
    }
}
