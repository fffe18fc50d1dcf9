using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.ActionPlans;

/// <summary>The shared action plan, read-only, as a volunteer mentor sees it (no clinical content). Skeleton: renders nothing until the capability fills it in.</summary>
public class SharedActionPlanViewComponent : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        Task.FromResult<IViewComponentResult>(Content(string.Empty));
}
