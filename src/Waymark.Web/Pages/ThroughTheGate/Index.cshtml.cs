using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.ThroughTheGate;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ThroughTheGate;

/// <summary>
/// The team's releases (<c>/releases</c>): "Releases in the next 14 days" (open plans expected today to 14 days ahead),
/// or with <c>?view=follow-ups</c> "Follow-ups after release due" (due today or earlier, not yet recorded). Paged; one
/// query a page.
/// </summary>
public class IndexModel(ReleasePlanService service) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown =>
        [PersonView.List(FollowUps ? "ReleaseFollowUpsDue" : "ReleasesNext14Days", Result.Rows.Select(r => r.Plan.PersonId), $"page={Result.PageNumber}")];

    [FromQuery(Name = "view")] public string? View { get; set; }
    /// <summary>Whether the follow-ups list is shown (rather than the releases in the next 14 days).</summary>
    public bool FollowUps => View == "follow-ups";
    public ReleaseListPage Result { get; private set; } = new([], 1, false);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (View is not (null or "follow-ups")) return NotFound();
        Result = FollowUps ? await service.FollowUpsDueAsync(pageNumber, ct) : await service.UpcomingAsync(pageNumber, ct);
        return Page();
    }
}
