using Microsoft.AspNetCore.Mvc;
using Waymark.CrisisPlans;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>
/// On a person's page: their crisis plan with the user's team (latest version, when agreed) with links to view,
/// change, print, easy-read and text a copy; or "No crisis plan" with "Write a crisis plan with {name}" for those who
/// may. Reads only the latest version (<see cref="CrisisPlanService.SummaryAsync"/>), not the whole plan. Shown inside a
/// page that already audits the view of the record.
/// </summary>
public class CrisisPlanSummaryViewComponent(CrisisPlanService plans) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var plan = await plans.SummaryAsync(personId, HttpContext.RequestAborted);
        return plan is null ? Content(string.Empty) : View("/Pages/CrisisPlans/_Summary.cshtml", (personId, plan));
    }
}
