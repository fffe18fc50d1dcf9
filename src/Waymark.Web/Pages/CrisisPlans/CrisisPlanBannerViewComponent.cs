using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>At the top of a person's, an episode's and a drop-in's page: "has a crisis plan" with its date and a link, so whoever meets them again in custody or at a drop-in knows at once. Skeleton: renders nothing until the capability fills it in.</summary>
public class CrisisPlanBannerViewComponent : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        Task.FromResult<IViewComponentResult>(Content(string.Empty));
}
