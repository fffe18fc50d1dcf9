using Microsoft.AspNetCore.Mvc;
using Waymark.Liaison;

namespace Waymark.Web.Pages.Agencies;

/// <summary>A team manager changes an agency; a save applies only to the version loaded (two editors: the second is told).</summary>
public class EditModel(CriminalJusticeAgencies agencies) : AgencyFormPage(agencies)
{
    [FromRoute] public Guid Id { get; set; }
    public string AgencyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var a = await Agencies.FindAsync(Id, ct);
        if (a is null) return NotFound();
        AgencyName = a.Name;
        Input = AgencyForm.From(a);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var a = await Agencies.FindAsync(Id, ct);
        if (a is null) return NotFound();
        AgencyName = a.Name;
        if (!Guid.TryParse(Input.Version, out var version))
        {
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            return Page();
        }
        return await SaveAsync(input => Agencies.UpdateAsync(Id, version, input, ct));
    }
}
