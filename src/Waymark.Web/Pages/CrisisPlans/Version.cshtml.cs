using Microsoft.AspNetCore.Mvc;
using Waymark.CrisisPlans;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>One version of a person's crisis plan, as it was saved ("/people/{personId}/crisis-plan/versions/{number}").</summary>
public class VersionModel(CrisisPlanService plans) : CrisisPlanPage(plans)
{
    /// <inheritdoc />
    protected override string ViewDetail => "Viewed a version of a crisis plan";

    [FromRoute] public int Number { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        Number > 0 && await LoadAsync(Number, ct) ? Page() : NotFound();
}
