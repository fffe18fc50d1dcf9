using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Referrals;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Referrals;

/// <summary>"My tasks": the follow-ups assigned to me, overdue first; or the team's overdue ones.</summary>
public class TasksModel(FollowUpQuery query, ICurrentUser user) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => [PersonView.List(Team ? "TeamFollowUps" : "MyFollowUps", Result.Rows.Select(r => r.PersonId), $"page={Result.PageNumber}")];

    [FromRoute] public string? View { get; set; }
    public FollowUpPage Result { get; private set; } = new([], 1, false);
    public bool Team => View == "team";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (View is not (null or "team")) return NotFound();
        pageNumber = Math.Clamp(pageNumber, 1, 100_000);
        Result = Team ? await query.TeamOverdueAsync(user.TeamId!.Value, pageNumber, ct) : await query.MineAsync(user.UserId!, pageNumber, ct);
        return Page();
    }
}
