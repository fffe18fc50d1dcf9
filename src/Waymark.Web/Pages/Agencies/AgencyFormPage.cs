using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Agencies;

/// <summary>Adding and changing an agency share the form; refusals come back as the NHS error summary with what was typed.</summary>
[ShowsNoPersonData("A criminal justice agency's details, not a person's.")]
public abstract class AgencyFormPage(CriminalJusticeAgencies agencies) : PageModel
{
    [BindProperty] public AgencyForm Input { get; set; } = new();

    protected CriminalJusticeAgencies Agencies => agencies;

    /// <summary>Saves, turning refusals into messages on the form (what was typed stays).</summary>
    protected async Task<IActionResult> SaveAsync(Func<AgencyInput, Task<CriminalJusticeAgency>> save)
    {
        try
        {
            var saved = await save(Input.ToInput());
            TempData["Success"] = $"{saved.Name} saved";
            return Redirect($"/agencies/{saved.Id}");
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e, field => field switch { "" => "", nameof(AgencyInput.Code) => $"{nameof(Input)}.{nameof(AgencyForm.Identifier)}", _ => $"{nameof(Input)}.{field}" });
        }
        catch (Exception e) when (e is ConcurrencyConflictException or AgencyRuleException)
        {
            ModelState.AddModelError("", e.Message);
        }
        return Page();
    }
}
