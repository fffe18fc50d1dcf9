using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.CriminalJustice;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.CriminalJustice;

/// <summary>
/// The team's running criminal justice clocks (prison-to-hospital transfers, MHTR waits) for team managers, paged,
/// breaches first (longest overdue first), then by due date, so near-breaches follow.
/// </summary>
public class ClocksModel(CriminalJusticeService service, ICurrentUser user) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => [PersonView.List("CriminalJusticeClocks", Result.Rows.Select(r => r.PersonId), $"page={Result.PageNumber}")];

    public ClockPage Result { get; private set; } = new([], 1, false);
    public CriminalJusticeClockSettings Targets { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        pageNumber = Math.Clamp(pageNumber, 1, 100_000);
        Result = await service.ClocksAsync(user.TeamId!.Value, pageNumber, ct);
        Targets = await service.SettingsAsync(user.TeamId!.Value, ct);
        return Page();
    }
}
