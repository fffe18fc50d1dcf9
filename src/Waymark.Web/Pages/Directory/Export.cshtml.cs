using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.ServiceDirectory;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Directory;

/// <summary>Team managers download the team's directory as Open Referral UK JSON (never the relationship notes).</summary>
[ShowsNoPersonData("Local services, not people.")]
public class ExportModel(OpenReferralExporter exporter, TimeProvider clock) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var json = await exporter.ExportJsonAsync(ct);
        var name = $"directory-{UkTime.Today(clock):yyyy-MM-dd}.json";
        return File(Encoding.UTF8.GetBytes(json), "application/json", name);
    }
}
