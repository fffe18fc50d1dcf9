using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Supervision;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Supervision;

/// <summary>
/// Every case-working member's supervision ("/supervision"): the last session of each kind and "Up to date" or
/// "Overdue" (worked out by <see cref="SupervisionKinds.IsUpToDate"/>, never stored).
/// </summary>
[ShowsNoPersonData("Staff supervision dates of team members; nothing about the people the team works with.")]
public class IndexModel(SupervisionService supervision) : PageModel
{
    public IReadOnlyList<WorkerSupervision> Workers { get; private set; } = [];
    public string? Success { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Success = TempData["Success"] as string;
        Workers = await supervision.TeamAsync(ct);
    }
}
