using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages;

[ShowsNoPersonData("Counts of the team's episodes only; no person is named.")]
public class IndexModel(HttpCurrentUser user, WaymarkDbContext db, TimeProvider clock) : PageModel
{
    public string DisplayName => user.DisplayName ?? "";
    public string TeamName => user.TeamName ?? "";
    public string RoleName => Roles.Display(user.Role ?? "");
    public bool CaseWork { get; private set; }
    public int MyOpen { get; private set; }
    public int MyOverdue { get; private set; }
    public int Unallocated { get; private set; }

    public async Task OnGetAsync()
    {
        CaseWork = user.TeamId is not null && Roles.CaseWorkers.Any(User.IsInRole);
        if (!CaseWork) return;
        var teamId = user.TeamId!.Value;
        var today = UkTime.Today(clock);
        var me = user.UserId;
        // One pass over the team's open episodes for all three figures.
        var counts = await db.Episodes.Where(e => e.TeamId == teamId && e.ClosedAt == null)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Mine = g.Count(e => e.KeyWorkerId == me),
                Overdue = g.Count(e => e.KeyWorkerId == me && e.PlannedEndDate != null && e.PlannedEndDate < today),
                Unallocated = g.Count(e => e.KeyWorkerId == null),
            })
            .FirstOrDefaultAsync();
        (MyOpen, MyOverdue, Unallocated) = counts is null ? (0, 0, 0) : (counts.Mine, counts.Overdue, counts.Unallocated);
    }
}
