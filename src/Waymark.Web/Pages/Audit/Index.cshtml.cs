using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Audit;

[ShowsNoPersonData("Lists the team's users, not people in its care.")]
public class IndexModel(WaymarkDbContext db, ICurrentUser user) : PageModel
{
    public List<(string Id, string Name)> Members { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await db.TeamMemberships.Where(m => m.TeamId == user.TeamId)
            .Select(m => new { m.UserId, m.User!.DisplayName }).OrderBy(m => m.DisplayName).ToListAsync(ct);
        Members = rows.Select(r => (r.UserId, r.DisplayName)).ToList();
    }
}
