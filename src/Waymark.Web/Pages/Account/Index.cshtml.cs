using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

/// <summary>The user's own account: when this session started and ends, and "sign out everywhere".</summary>
[ShowsNoPersonData("The signed-in user's own account.")]
public class IndexModel(UserManager<WaymarkUser> users, SignInManager<WaymarkUser> signIn, WaymarkDbContext db, TeamMembers members,
    IOptions<SecurityOptions> security) : PageModel
{
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public bool TwoFactor { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? EndsBy { get; private set; }
    public int IdleMinutes => security.Value.IdleTimeoutMinutes;
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Notice = TempData["Notice"] as string;
        Name = user.DisplayName;
        Email = user.Email ?? "";
        TwoFactor = user.TwoFactorEnabled;
        if (SessionClaims.Of(User) is { } id)
            StartedAt = await db.UserSessions.AsNoTracking().Where(s => s.Id == id).Select(s => (DateTimeOffset?)s.StartedAt).FirstOrDefaultAsync(ct);
        EndsBy = StartedAt?.AddHours(security.Value.AbsoluteSessionHours);
        return Page();
    }

    /// <summary>Ends every session of the user, this one included, then shows the sign-in page.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken ct)
    {
        if (users.GetUserId(User) is { } userId) await members.SignOutEverywhereAsync(userId, ct: ct);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
