using Microsoft.AspNetCore.Mvc;
using Waymark.SupportNetworks;

namespace Waymark.Web.Pages.SupportNetworks;

/// <summary>
/// On a person's page: the people around them (family, friends, carers, appropriate adult), with consent to contact and
/// do-not-contact (a red tag with the reason). One query. Shown inside a page that already audits the view of the record.
/// </summary>
public class SupportNetworkSummaryViewComponent(SupportNetworkService network) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        View("/Pages/SupportNetworks/_SupportNetworkSummary.cshtml",
            new SupportNetworkSummaryView(personId, await network.ListAsync(personId, ct: HttpContext.RequestAborted)));
}

/// <summary>What <see cref="SupportNetworkSummaryViewComponent"/> shows.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="Members">The current members, by name.</param>
public sealed record SupportNetworkSummaryView(Guid PersonId, IReadOnlyList<SupportNetworkMember> Members);
