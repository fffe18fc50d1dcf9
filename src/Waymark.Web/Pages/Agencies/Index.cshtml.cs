using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Liaison;
using Waymark.People;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Agencies;

/// <summary>The team's agencies by kind, then name, <see cref="CriminalJusticeAgencies.PageSize"/> a page; retired ones when asked.</summary>
[ShowsNoPersonData("Criminal justice agencies, not people.")]
public class IndexModel(CriminalJusticeAgencies agencies) : PageModel
{
    /// <summary>"true" to list retired agencies too.</summary>
    [BindProperty(SupportsGet = true)] public List<string> Retired { get; set; } = [];

    public List<SelectListItem> RetiredItems { get; } = [new("Include retired agencies", "true")];
    public Page<CriminalJusticeAgency>? Results { get; private set; }
    public bool CanManage => User.Can(Permission.ManageTeam);

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        Results = await agencies.ListAsync(Retired.Contains("true"), pageNumber, ct);
    }
}
