using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Agencies;

/// <summary>One agency: its details for every case worker; team managers retire or reinstate it here.</summary>
[ShowsNoPersonData("A criminal justice agency's details, not a person's.")]
public class AgencyModel(CriminalJusticeAgencies agencies, WaymarkDbContext db) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Version { get; set; }

    public CriminalJusticeAgency? Agency { get; private set; }
    public bool CanManage => User.Can(Permission.ManageTeam);
    private Dictionary<string, string> _names = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    [RequiresPermission(Permission.ManageTeam)]
    public Task<IActionResult> OnPostRetireAsync(CancellationToken ct) => ActAsync(v => agencies.RetireAsync(Id, v, ct), "retired", ct);

    [RequiresPermission(Permission.ManageTeam)]
    public Task<IActionResult> OnPostReinstateAsync(CancellationToken ct) => ActAsync(v => agencies.ReinstateAsync(Id, v, ct), "reinstated", ct);

    private async Task<IActionResult> ActAsync(Func<Guid, Task> act, string done, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Guid.TryParse(Version, out var version))
        {
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            return Page();
        }
        try
        {
            await act(version);
        }
        catch (Exception e) when (e is ConcurrencyConflictException or AgencyRuleException)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        TempData["Success"] = $"{Agency!.Name} {done}";
        return Redirect($"/agencies/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Agency = await agencies.FindAsync(Id, ct);
        if (Agency is null) return false;
        _names = await db.DisplayNamesAsync([Agency.CreatedByUserId, Agency.RetiredByUserId], ct);
        return true;
    }

    public string NameOf(string? id) => id is not null && _names.TryGetValue(id, out var n) ? n : "unknown";
}
