using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.ThroughTheGate;

/// <summary>On a person's page: their release from prison (expected date, prison, meet at the gate, release-day appointments, follow-up). Skeleton: renders nothing until the capability fills it in.</summary>
public class ReleasePlanSummaryViewComponent : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        Task.FromResult<IViewComponentResult>(Content(string.Empty));
}
