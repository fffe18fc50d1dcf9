using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.CrisisPlans;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>
/// A person's crisis plan ("/people/{personId}/crisis-plan"): the latest version with the team's and national
/// crisis lines, every version with who saved it and when, the copies texted, and (for those who may write plans)
/// change, print, easy-read and "Send a copy by text".
/// </summary>
public class IndexModel(CrisisPlanService plans) : CrisisPlanPage(plans)
{
    /// <inheritdoc />
    protected override string ViewDetail => "Viewed a crisis plan";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(null, ct) ? Page() : NotFound();

    /// <summary>Texts the person a copy of the plan's numbers; the result is shown on the plan.</summary>
    [RequiresPermission(Permission.WritePlans)]
    public async Task<IActionResult> OnPostTextAsync(CancellationToken ct)
    {
        try
        {
            var share = await Plans.TextCopyAsync(PersonId, ct);
            if (share.Failure is null) TempData["Success"] = "A copy of the crisis plan's numbers has been sent by text";
            else TempData["Problem"] = "The text was not sent: " + share.Failure;
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (CrisisPlanRuleException e)
        {
            TempData["Problem"] = e.Message;
        }
        return Redirect($"/people/{PersonId}/crisis-plan");
    }
}
