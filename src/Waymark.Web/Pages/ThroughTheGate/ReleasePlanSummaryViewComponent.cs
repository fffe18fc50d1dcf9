using Microsoft.AspNetCore.Mvc;
using Waymark.ThroughTheGate;

namespace Waymark.Web.Pages.ThroughTheGate;

/// <summary>
/// On a person's page: their release from prison (expected or actual date, prison, meet at the gate, release-day
/// appointments, follow-up), or a link to plan one. Shown inside a page that already audits the view of the person.
/// </summary>
public class ReleasePlanSummaryViewComponent(ReleasePlanService service) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        View("/Pages/ThroughTheGate/_ReleasePlanSummary.cshtml", new ReleasePlanSummary(personId, await service.ViewAsync(personId, HttpContext.RequestAborted)));
}

/// <summary>What <see cref="ReleasePlanSummaryViewComponent"/> shows.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="View">Their latest release plan, or null when none.</param>
public sealed record ReleasePlanSummary(Guid PersonId, ReleasePlanView? View);
