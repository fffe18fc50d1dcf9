using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.ActionPlans;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ActionPlans;

/// <summary>
/// A person's action plan with the team (<c>/people/{personId}/action-plan</c>): goals with their steps, the next review
/// date, the review history; overdue steps and a review due are tagged. A step is marked done from here (handler
/// <c>Done</c>). The person must be known to the team (404 otherwise).
/// </summary>
public class IndexModel(ActionPlanService service) : ActionPlanPage(service)
{
    /// <inheritdoc />
    protected override string ViewDetail => "Action plan";

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    /// <summary>Marks step <paramref name="step"/> done over the <paramref name="version"/> shown.</summary>
    [RequiresPermission(Permission.WritePlans)]
    public async Task<IActionResult> OnPostDoneAsync(Guid step, Guid version, CancellationToken ct)
    {
        try
        {
            await Service.MarkStepDoneAsync(PersonId, step, version, ct);
            TempData["Success"] = "Step marked as done";
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is ActionPlanRuleException or ConcurrencyConflictException)
        {
            ModelState.AddModelError("", e.Message);
            return await ShowAsync(ct);
        }
        return Redirect($"/people/{PersonId}/action-plan#step-{step}");
    }
}
