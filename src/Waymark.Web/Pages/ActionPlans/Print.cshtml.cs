using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.ActionPlans;
using Waymark.Audit;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ActionPlans;

/// <summary>
/// The standard printable copy of a person's action plan (<c>/people/{personId}/action-plan/print</c>): goals, steps,
/// the next review and the reviews, without links or buttons; printed, the site's chrome is left out (site.css
/// <c>@media print</c>).
/// </summary>
public class PrintModel(ActionPlanService service) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Plan is null ? [] :
        [PersonView.Record(nameof(ActionPlan), Plan.Plans.FirstOrDefault()?.Plan.Id.ToString(), PersonId, "Action plan, printable copy")];

    [FromRoute] public Guid PersonId { get; set; }
    public ActionPlanView? Plan { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Plan = await service.ViewAsync(PersonId, ct);
        return Plan is null ? NotFound() : Page();
    }
}
