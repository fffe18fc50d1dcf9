using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.SupportNetworks;

/// <summary>On a person's page: the people around them (family, friends, carers, appropriate adult), with consent to contact and do-not-contact. Skeleton: renders nothing until the capability fills it in.</summary>
public class SupportNetworkSummaryViewComponent : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        Task.FromResult<IViewComponentResult>(Content(string.Empty));
}
