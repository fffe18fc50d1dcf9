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
public class PrintModel(ActionPlanService service) : ActionPlanPage(service)
{
    /// <inheritdoc />
    protected override string ViewDetail => "Action plan, printable copy";

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);
}
