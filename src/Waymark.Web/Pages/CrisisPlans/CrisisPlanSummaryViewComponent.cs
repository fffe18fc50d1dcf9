using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>On a person's page: their crisis plan (latest version, when agreed) with links to change, print, easy-read and text a copy. Skeleton: renders nothing until the capability fills it in.</summary>
public class CrisisPlanSummaryViewComponent : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        Task.FromResult<IViewComponentResult>(Content(string.Empty));
}
