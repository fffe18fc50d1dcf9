using Microsoft.AspNetCore.Mvc;
using Waymark.Liaison;

namespace Waymark.Web.Pages.Agencies;

/// <summary>A team manager adds a criminal justice agency to the team's list.</summary>
public class NewModel(CriminalJusticeAgencies agencies) : AgencyFormPage(agencies)
{
    public void OnGet() { }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(input => Agencies.CreateAsync(input, ct));
}
