using Microsoft.AspNetCore.Mvc;
using Waymark.CrisisPlans;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>
/// The shared crisis plan, read-only, as a volunteer mentor sees it: the plan's sections and who to call only (no
/// versions, no who-recorded-it, no links to case pages). Reads the plan held by the user's team; the page that
/// invokes it decides who may see it (the mentor's own mentees) and audits the view.
/// </summary>
public class SharedCrisisPlanViewComponent(CrisisPlanService plans) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var plan = await plans.ViewAsync(personId, null, HttpContext.RequestAborted);
        return plan is null ? Content(string.Empty) : View("/Pages/CrisisPlans/_Shared.cshtml", plan);
    }
}
