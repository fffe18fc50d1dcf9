using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Supervision;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Supervision;

/// <summary>A worker's own supervision ("/supervision/mine"): each kind up to date or overdue, and their recent sessions.</summary>
[ShowsNoPersonData("The signed-in worker's own supervision; nothing about the people the team works with.")]
public class MineModel(SupervisionService supervision) : PageModel
{
    public WorkerSupervision? Status { get; private set; }
    public IReadOnlyList<SupervisionSession> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => (Status, Recent) = await supervision.MineAsync(ct);
}
