using Microsoft.AspNetCore.Mvc;
using Waymark.CrisisPlans;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>
/// At the top of a person's, an episode's and a drop-in's page: "{Name} has a crisis plan (agreed …)" with its warning
/// signs on one line and a link, so whoever meets them again in custody or at a drop-in knows at once. Three
/// primary-key or index probes (<see cref="CrisisPlanService.BannerAsync"/>: plan, latest version, person's name); one
/// when the person has no plan with the user's team, and then it shows nothing.
/// Shown inside pages that already audit the view of the record.
/// </summary>
public class CrisisPlanBannerViewComponent(CrisisPlanService plans) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var banner = await plans.BannerAsync(personId, HttpContext.RequestAborted);
        return banner is null ? Content(string.Empty) : View("/Pages/CrisisPlans/_Banner.cshtml", (personId, banner));
    }
}
