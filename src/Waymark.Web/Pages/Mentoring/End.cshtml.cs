using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.Mentoring;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Mentoring;

/// <summary>"/people/{personId}/mentoring/end": a team manager ends the person's active mentoring, saying why.</summary>
public class EndModel(MentoringService mentoring) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] :
        [PersonView.Record("Person", PersonId.ToString(), PersonId, "Ending mentoring")];

    [FromRoute] public Guid PersonId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    /// <summary>The pairing's version as the form showed it.</summary>
    [BindProperty] public Guid Version { get; set; }

    public string? PersonName { get; private set; }
    /// <summary>The active pairing, or null.</summary>
    public PairingRow? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Current is null) return Page();
        try
        {
            await mentoring.EndAsync(PersonId, Reason, Version, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "Mentoring ended";
        return Redirect($"/people/{PersonId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        PersonName = await mentoring.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return false;
        Current = await mentoring.ActiveOfAsync(PersonId, ct);
        return true;
    }
}
