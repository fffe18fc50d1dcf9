using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Team;

/// <summary>The team's members (staff accounts) with their role and last sign-in, a page at a time.</summary>
[ShowsNoPersonData("Staff accounts of the team (names, roles, sign-in times); no records about the people the team works with.")]
public class MembersModel(WaymarkDbContext db, ICurrentUser user) : PageModel
{
    /// <summary>Members listed per page.</summary>
    public const int PageSize = 25;

    /// <summary>One member as listed: role is the Identity role's name (null if none); last sign-in is the latest session's start.</summary>
    public sealed record MemberRow(string UserId, string Name, string Email, string? Role, DateTimeOffset? LastSignIn);

    public List<MemberRow> Members { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasNext { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        PageNumber = Math.Clamp(pageNumber, 1, 100_000); // no overflow of the offset, whatever is typed
        Notice = TempData["Notice"] as string;
        var teamId = user.TeamId!.Value;
        var rows = await db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == teamId)
            .OrderBy(m => m.User!.DisplayName).ThenBy(m => m.UserId)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(m => new MemberRow(m.UserId, m.User!.DisplayName, m.User.Email ?? "",
                db.UserRoles.Where(r => r.UserId == m.UserId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).OrderBy(n => n).FirstOrDefault(),
                db.UserSessions.Where(s => s.UserId == m.UserId).OrderByDescending(s => s.StartedAt).Select(s => (DateTimeOffset?)s.StartedAt).FirstOrDefault()))
            .ToListAsync(ct);
        HasNext = rows.Count > PageSize;
        Members = rows.Take(PageSize).ToList();
    }
}
