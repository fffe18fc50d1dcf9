using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.SupportNetworks;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.SupportNetworks;

/// <summary>A person's support network ("/people/{personId}/support-network", <c>?removed=yes</c> to show removed members too).</summary>
public class IndexModel(SupportNetworkService network, ICurrentUser user) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] :
        [PersonView.Record("SupportNetwork", PersonId.ToString(), PersonId, "Viewed the support network")];

    [FromRoute] public Guid PersonId { get; set; }
    [FromQuery(Name = "removed")] public string? Removed { get; set; }

    public string? PersonName { get; private set; }
    public IReadOnlyList<SupportNetworkMember> Members { get; private set; } = [];
    /// <summary>The current user's team (members of another team's list are read-only).</summary>
    public Guid? TeamId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PersonName = await network.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return NotFound();
        Members = await network.ListAsync(PersonId, Removed == "yes", ct);
        TeamId = user.TeamId;
        return Page();
    }
}
