using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.DropIns;

/// <summary>On a person's page: their latest drop-ins, with Record a drop-in. Skeleton: renders nothing until the capability fills it in.</summary>
public class RecentDropInsViewComponent : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        Task.FromResult<IViewComponentResult>(Content(string.Empty));
}
