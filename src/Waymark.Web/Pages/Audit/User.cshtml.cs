using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Audit;

/// <summary>What one member of the team has done in this team (another team's users give 404).</summary>
public class UserModel(WaymarkDbContext db, ICurrentUser user) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => UserName.Length == 0 ? [] : [new AuditEntry(Waymark.Audit.AuditAction.Viewed, "UserAuditTrail", Id, null, $"page={Trail.Page}")];

    [FromRoute] public string Id { get; set; } = "";
    public string UserName { get; private set; } = "";
    public AuditTrail Trail { get; private set; } = new([], 1, false);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        var member = await db.TeamMemberships.Where(m => m.TeamId == user.TeamId && m.UserId == Id)
            .Select(m => m.User!.DisplayName).FirstOrDefaultAsync(ct);
        if (member is null) return NotFound();
        UserName = member;
        Trail = await AuditTrail.LoadAsync(db, db.AuditEvents.Where(e => e.UserId == Id && e.TeamId == user.TeamId), pageNumber, ct);
        return Page();
    }
}
