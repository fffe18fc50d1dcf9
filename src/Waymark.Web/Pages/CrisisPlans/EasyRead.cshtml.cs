using Microsoft.AspNetCore.Mvc;
using Waymark.CrisisPlans;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>
/// The easy-read copy of a person's crisis plan ("/people/{personId}/crisis-plan/easy-read"): one idea per line,
/// large type, a symbol beside each section and plain headings ("When things are getting hard", "Things I can do"…),
/// for people with a learning disability or who find reading hard. Prints like the standard copy. 404 when there is no plan.
/// </summary>
public class EasyReadModel(CrisisPlanService plans) : CrisisPlanPage(plans)
{
    /// <inheritdoc />
    protected override string ViewDetail => "Viewed the easy-read crisis plan";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(null, ct) && Plan!.Shown is not null ? Page() : NotFound();
}
