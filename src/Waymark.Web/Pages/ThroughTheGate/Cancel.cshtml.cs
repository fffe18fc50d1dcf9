using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.ThroughTheGate;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ThroughTheGate;

/// <summary>Cancel a release plan (not released as planned), with who, when and why (<c>/people/{personId}/release/cancel</c>).</summary>
public class CancelModel(ReleasePlanService service, WaymarkDbContext db, ICurrentUser user) : ReleasePlanPage(service, db)
{
    /// <inheritdoc />
    protected override string Doing => "Cancelling a release plan";

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Plan is not { IsOpen: true } p || p.TeamId != user.TeamId) return NotFound();
        Version = p.Version;
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Plan is null || Plan.TeamId != user.TeamId) return NotFound();
        try
        {
            await Service.CancelAsync(Plan.Id, Reason, Version, ct);
            return BackToPlan("Release plan cancelled");
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (Exception e) when (e is ReleasePlanRuleException or ConcurrencyConflictException)
        {
            ShowConflict(e.Message);
            return Page();
        }
    }
}
