using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.ActionPlans;

/// <summary>On a person's page: their shared action plan (goals, next steps, next review) with links to change, print and easy-read. Skeleton: renders nothing until the capability fills it in.</summary>
public class ActionPlanSummaryViewComponent : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        Task.FromResult<IViewComponentResult>(Content(string.Empty));
}
