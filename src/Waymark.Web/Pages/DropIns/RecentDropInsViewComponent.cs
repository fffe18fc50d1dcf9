using Microsoft.AspNetCore.Mvc;
using Waymark.DropIns;

namespace Waymark.Web.Pages.DropIns;

/// <summary>
/// On a person's page: their latest drop-ins (when, why), with Record a drop-in for those who may. One query. Shown
/// inside a page that already audits the view of the record.
/// </summary>
public class RecentDropInsViewComponent(DropInService dropIns) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        View("/Pages/DropIns/_RecentDropIns.cshtml", new RecentDropInsView(personId, await dropIns.RecentAsync(personId, HttpContext.RequestAborted)));
}

/// <summary>What <see cref="RecentDropInsViewComponent"/> shows.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="Latest">Up to <see cref="DropInService.RecentCount"/> drop-ins, newest first.</param>
public sealed record RecentDropInsView(Guid PersonId, IReadOnlyList<DropIn> Latest);
