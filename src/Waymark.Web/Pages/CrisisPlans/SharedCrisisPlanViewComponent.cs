using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>The shared crisis plan, read-only, as a volunteer mentor sees it (no clinical content). Skeleton: renders nothing until the capability fills it in.</summary>
public class SharedCrisisPlanViewComponent : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        Task.FromResult<IViewComponentResult>(Content(string.Empty));
}
