using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Team;

/// <summary>
/// One member of the team: sign them out everywhere, withdraw them from this team (team managers and administrators),
/// reset a forgotten password with a one-time password shown once (team managers, not for an administrator's account;
/// administrators), or reset their two-factor authentication (administrators). Each action is a POST that first asks for confirmation
/// (the same handler with <see cref="Confirmed"/>), is audited, and ends the sessions it must.
/// A user who is not a member of the current team is not found.
/// </summary>
[ShowsNoPersonData("A staff account of the team; no records about the people the team works with.")]
public class MemberModel(WaymarkDbContext db, ICurrentUser current, UserManager<WaymarkUser> users, TeamMembers members, UserAccounts accounts,
    TeamMembershipCache membershipCache, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SecurityOptions> security) : PageModel
{
    [FromRoute] public string UserId { get; set; } = "";
    /// <summary>True on the second POST of an action: the confirmation was given.</summary>
    [BindProperty] public bool Confirmed { get; set; }

    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string? Role { get; private set; }
    public bool TwoFactor { get; private set; }
    public DateTimeOffset? LastSignIn { get; private set; }
    public int LiveSessions { get; private set; }
    /// <summary>How long a session may last however active it is (Security:AbsoluteSessionHours), in hours.</summary>
    public int SessionHours => security.Value.AbsoluteSessionHours;
    /// <summary>When the lockout after too many failed sign-ins ends, while it lasts; otherwise null.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }
    public bool IsSelf => UserId == current.UserId;
    public bool CanResetTwoFactor => User.Can(Permission.ResetTwoFactor);
    /// <summary>Whether this user may reset this member's password: <see cref="Permission.ResetPasswords"/>, and an administrator's only by an administrator.</summary>
    public bool CanResetPassword => User.Can(Permission.ResetPasswords) && !IsSelf && (Role != Roles.Administrator || current.Role == Roles.Administrator);
    /// <summary>The one-time password just issued, shown once on the response to the confirmed reset; never stored in clear.</summary>
    public string? OneTimePassword { get; private set; }
    /// <summary>The handler awaiting confirmation ("SignOutEverywhere", "Withdraw", "ResetTwoFactor"), or null.</summary>
    public string? Confirming { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Notice = TempData["Notice"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Confirmed) return Confirm("SignOutEverywhere");
        var ended = await members.SignOutEverywhereAsync(UserId, ct: ct);
        TempData["Notice"] = $"{Name} has been signed out everywhere ({ended} session{(ended == 1 ? "" : "s")} ended).";
        return RedirectToPage(new { UserId });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (IsSelf)
        {
            ModelState.AddModelError("", "You cannot withdraw yourself from the team. Ask another team manager or an administrator");
            return Page();
        }
        if (!Confirmed) return Confirm("Withdraw");
        var teamId = current.TeamId!.Value;
        await members.WithdrawAsync(teamId, UserId, ct);
        membershipCache.Forget(UserId, teamId);
        TempData["Notice"] = $"{Name} has been withdrawn from this team and signed out of it.";
        return RedirectToPage("/Team/Members");
    }

    [RequiresPermission(Permission.ResetTwoFactor)]
    public async Task<IActionResult> OnPostResetTwoFactorAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Confirmed) return Confirm("ResetTwoFactor");
        var user = await users.FindByIdAsync(UserId);
        if (user is null) return NotFound();
        await members.ResetTwoFactorAsync(users, user, ct);
        TempData["Notice"] = $"{Name}'s two-factor authentication has been reset and they have been signed out everywhere. They set it up again when they next sign in.";
        return RedirectToPage(new { UserId });
    }

    /// <summary>
    /// Resets a forgotten password: after confirmation, a one-time password is shown once (on this response only) for the
    /// manager to read to the member, who must change it at their next sign-in; every session of theirs ends; audited.
    /// </summary>
    [RequiresPermission(Permission.ResetPasswords)]
    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanResetPassword)
        {
            ModelState.AddModelError("", IsSelf ? "To change your own password, use Change your password on your account page"
                : "An administrator's password can only be reset by another administrator");
            return Page();
        }
        if (!Confirmed) return Confirm("ResetPassword");
        try
        {
            // An administrator may reset anyone's; a team manager only a member of their current team (checked again in the service).
            OneTimePassword = await accounts.ResetPasswordAsync(UserId, current.Role == Roles.Administrator ? null : current.TeamId, ct);
        }
        catch (AccountRuleException refused)
        {
            ModelState.AddModelError("", refused.Message.TrimEnd('.'));
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    /// <summary>Ends a lockout after too many failed sign-ins, so a member who has remembered their password need not wait.</summary>
    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var user = await users.FindByIdAsync(UserId);
        if (user is null) return NotFound();
        if (LockedUntil is not null) await members.UnlockAsync(users, user, ct);
        TempData["Notice"] = LockedUntil is null ? $"{Name}'s account was not locked." : $"{Name}'s account has been unlocked. They can sign in now.";
        return RedirectToPage(new { UserId });
    }

    private PageResult Confirm(string handler)
    {
        Confirming = handler;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var teamId = current.TeamId;
        var found = await db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == teamId && m.UserId == UserId)
            .Select(m => new { m.User!.DisplayName, m.User.Email, m.User.TwoFactorEnabled, m.User.LockoutEnd }).FirstOrDefaultAsync(ct);
        if (found is null) return false;
        (Name, Email, TwoFactor) = (found.DisplayName, found.Email ?? "", found.TwoFactorEnabled);
        LockedUntil = found.LockoutEnd is { } end && end > clock.GetUtcNow() ? end : null;
        Role = await db.UserRoles.Where(r => r.UserId == UserId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).OrderBy(n => n).FirstOrDefaultAsync(ct);
        LastSignIn = await db.UserSessions.Where(s => s.UserId == UserId).OrderByDescending(s => s.StartedAt)
            .Select(s => (DateTimeOffset?)s.StartedAt).FirstOrDefaultAsync(ct);
        // Live: not ended, and started within the absolute lifetime (older ones are refused however active). One left by
        // closing the browser may still count until then: nothing tells the server, so the page says "may be".
        var oldestLive = clock.GetUtcNow().AddHours(-security.Value.AbsoluteSessionHours);
        LiveSessions = await db.UserSessions.CountAsync(s => s.UserId == UserId && s.EndedAt == null && s.StartedAt > oldestLive, ct);
        return true;
    }
}
