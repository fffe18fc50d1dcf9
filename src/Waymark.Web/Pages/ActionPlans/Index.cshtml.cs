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
public class IndexModel(ActionPlanService service) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Plan is null ? [] :
        [PersonView.Record(nameof(ActionPlan), Plan.Plans.FirstOrDefault()?.Plan.Id.ToString(), PersonId, "Action plan")];

    [FromRoute] public Guid PersonId { get; set; }

    /// <summary>The plan as shown; null when the team cannot see the person.</summary>
    public ActionPlanView? Plan { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Plan = await service.ViewAsync(PersonId, ct);
        return Plan is null ? NotFound() : Page();
    }

    /// <summary>Marks step <paramref name="step"/> done over the <paramref name="version"/> shown.</summary>
    [RequiresPermission(Permission.WritePlans)]
    public async Task<IActionResult> OnPostDoneAsync(Guid step, Guid version, CancellationToken ct)
    {
        try
        {
            await service.MarkStepDoneAsync(PersonId, step, version, ct);
            TempData["Success"] = "Step marked as done";
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is ActionPlanRuleException or ConcurrencyConflictException)
        {
            ModelState.AddModelError("", e.Message);
            Plan = await service.ViewAsync(PersonId, ct);
            return Plan is null ? NotFound() : Page();
        }
        return Redirect($"/people/{PersonId}/action-plan#step-{step}");
    }
}
