using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Liaison;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Agencies;

/// <summary>Team managers download the team's agencies as an agencies file (CSV, UTF-8 with a byte order mark for spreadsheets).</summary>
[ShowsNoPersonData("Criminal justice agencies, not people.")]
public class ExportModel(CriminalJusticeAgencies agencies, TimeProvider clock) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var csv = await agencies.ExportAsync(ct);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"agencies-{UkTime.Today(clock):yyyy-MM-dd}.csv");
    }
}
