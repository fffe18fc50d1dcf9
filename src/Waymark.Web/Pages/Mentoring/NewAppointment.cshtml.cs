using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Mentoring;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Mentoring;

/// <summary>
/// "/mentoring/{personId}/appointments/new": a mentor books their own meeting with their mentee (when, where, how long):
/// an appointment in the mentor's name with no reminders (<see cref="MentoringService.BookAsync"/>). 404 for anyone who
/// is not the user's active mentee.
/// </summary>
public class NewAppointmentModel(MentoringService mentoring, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] :
        [PersonView.Record("MentoringPairing", PairingId.ToString(), PersonId, "Booking a mentoring meeting")];

    [FromRoute] public Guid PersonId { get; set; }
    [BindProperty] public DateParts Date { get; set; } = new();
    [BindProperty] public string? Time { get; set; }
    /// <summary>"BST" or "GMT" for a time that happens twice.</summary>
    [BindProperty] public string? ClockChange { get; set; }
    [BindProperty] public string? DurationMinutes { get; set; } = AppointmentRules.DefaultDurationMinutes.ToString(CultureInfo.InvariantCulture);
    [BindProperty] public string? Location { get; set; }

    /// <summary>The mentee's name; null when not the user's mentee.</summary>
    public string? PersonName { get; private set; }
    private Guid PairingId { get; set; }
    /// <summary>The typed time when it happens twice, so the page asks which.</summary>
    public TimeOnly? AmbiguousTime { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var (date, error) = Date.Parse("Date", laterRuleBoundsTheFuture: true);
        if (error is not null) ModelState.AddModelError(nameof(Date), error);
        int? minutes = int.TryParse(DurationMinutes?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
        var input = new AppointmentInput(date, Time, ClockChange, minutes, Location, Purpose: MentoringRules.AppointmentPurpose);
        try
        {
            if (!ModelState.IsValid)
            {
                // The date could not be read: show the other fields' problems with it, so every problem shows at once.
                Show(AppointmentRules.Read(input, clock.GetUtcNow()).Problems);
                return Page();
            }
            await mentoring.BookAsync(PersonId, input, ct);
        }
        catch (ValidationFailedException e)
        {
            Show(e.Problems.Select(p => (p.Field, p.Message)));
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "Meeting booked";
        return Redirect($"/mentoring/{PersonId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var mentee = await mentoring.MenteeAsync(PersonId, ct);
        if (mentee is null) return false;
        (PersonName, PairingId) = (mentee.Name, mentee.Pairing.Id);
        return true;
    }

    private void Show(IEnumerable<(string Field, string Message)> problems)
    {
        var list = problems.ToList();
        if (list.Exists(p => p.Field == nameof(ClockChange))) AmbiguousTime = TimeOfDay.Parse(Time);
        ModelState.AddProblems(list);
    }
}
