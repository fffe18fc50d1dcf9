using Microsoft.AspNetCore.Mvc;
using Waymark.ActionPlans;

namespace Waymark.Web.Pages.ActionPlans;

/// <summary>
/// The shared action plan, read-only, as a volunteer mentor sees it: the goals being worked on in the person's words
/// and their steps (who, by when, done), and the next review date — no "why it matters", no review notes, no names of
/// who recorded what, and no links into case pages (nothing clinical; issue 14 item 6). The page that invokes it
/// decides who may see it and audits the view.
/// </summary>
public class SharedActionPlanViewComponent(ActionPlanService service) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/> (nothing when the team cannot see them).</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var plan = await service.ViewAsync(personId, HttpContext.RequestAborted);
        if (plan is null) return Content(string.Empty);
        return View("/Pages/ActionPlans/_Shared.cshtml", plan);
    }
}
