using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Duplicates;
using Waymark.People;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Duplicates;

/// <summary>The team manager's queue of possible duplicates, and the button that scans the team for them.</summary>
public class IndexModel(DuplicateQueue queue, DuplicateScan scan, ICurrentUser user) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown =>
        [PersonView.List("DuplicateQueue", Pairs.Items.SelectMany(p => new[] { p.A.Id, p.B.Id }).Concat(Merges.SelectMany(m => new[] { m.Merge.KeptPersonId, m.Merge.MergedPersonId })), $"page={Pairs.PageNumber}")];

    public Page<DuplicatePair> Pairs { get; private set; } = new([], 1, DuplicateQueue.PageSize, false);
    public int Waiting { get; private set; }
    public DateTimeOffset? LastScan { get; private set; }
    public IReadOnlyList<MergeSummary> Merges { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        Pairs = await queue.PageAsync(pageNumber, ct);
        Waiting = await queue.CountAsync(ct);
        LastScan = await queue.LastScanAsync(ct);
        Merges = await queue.RecentMergesAsync(10, ct);
    }

    /// <summary>Scans the team in the request: seconds for a team's few thousand people (the CLI is for big runs).</summary>
    public async Task<IActionResult> OnPostScanAsync(CancellationToken ct)
    {
        if (user.TeamId is not { } team) return Forbid();
        var result = await scan.ScanAsync(team, ct: ct);
        TempData["Success"] = string.Create(CultureInfo.InvariantCulture,
            $"Scan finished: {result.People:N0} people checked, {result.Saved:N0} {(result.Saved == 1 ? "pair" : "pairs")} to review.");
        return Redirect("/duplicates");
    }
}
