using Microsoft.AspNetCore.Mvc;
using Waymark.CrisisPlans;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>
/// The standard shared copy of a person's crisis plan to print and give them ("/people/{personId}/crisis-plan/print"):
/// the latest version's sections, who to call, and when it was agreed; printed without Waymark's header, footer,
/// links or buttons. 404 when there is no plan.
/// </summary>
public class PrintModel(CrisisPlanService plans) : CrisisPlanPage(plans)
{
    /// <inheritdoc />
    protected override string ViewDetail => "Viewed a crisis plan to print";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(null, ct) && Plan!.Shown is not null ? Page() : NotFound();
}
