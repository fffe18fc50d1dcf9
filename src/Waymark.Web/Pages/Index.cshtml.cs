using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages;

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
        var open = db.Episodes.Where(e => e.TeamId == teamId && e.ClosedAt == null);
        MyOpen = await open.CountAsync(e => e.KeyWorkerId == user.UserId);
        MyOverdue = await open.CountAsync(e => e.KeyWorkerId == user.UserId && e.PlannedEndDate != null && e.PlannedEndDate < today);
        Unallocated = await open.CountAsync(e => e.KeyWorkerId == null);
    }
}
