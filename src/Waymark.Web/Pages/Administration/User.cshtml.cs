using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Administration;

/// <summary>
/// One user account, for an administrator: deactivate or reactivate it, set its role, add it to a team or remove it
/// from one, reset its two-factor authentication, require a new password at the next sign-in, or reset a forgotten
/// password (a one-time password shown once). Destructive actions ask for confirmation first (the same handler again
/// with <see cref="Confirmed"/>). Every change is audited and ends the sessions it must. Each form carries the account's
/// <see cref="Version"/> (Identity's concurrency stamp): a change based on an older one is refused with a clear message.
/// </summary>
[ShowsNoPersonData("A staff account; no records about the people the teams work with.")]
public class UserModel(WaymarkDbContext db, ICurrentUser current, UserManager<WaymarkUser> users, UserAccounts accounts, TeamMembers members,
    TeamMembershipCache membershipCache, TimeProvider clock) : PageModel
{
    [FromRoute] public string UserId { get; set; } = "";
    /// <summary>True on the second POST of an action: the confirmation was given.</summary>
    [BindProperty] public bool Confirmed { get; set; }
    /// <summary>The account's concurrency stamp the administrator's page was showing.</summary>
    [BindProperty] public string? Version { get; set; }
    /// <summary>The role chosen in "Change role".</summary>
    [BindProperty] public string? Role { get; set; }
    /// <summary>The team chosen in "Add to a team", or the team to remove them from.</summary>
    [BindProperty] public string? TeamId { get; set; }

    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string? CurrentRole { get; private set; }
    public bool TwoFactor { get; private set; }
    public DateTimeOffset? DeactivatedAt { get; private set; }
    public string? DeactivatedByName { get; private set; }
    public DateTimeOffset? PasswordChangeRequiredAt { get; private set; }
    public DateTimeOffset? LastSignIn { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    /// <summary>The teams they belong to, by name.</summary>
    public List<(Guid Id, string Name)> Teams { get; private set; } = [];
    /// <summary>The teams they could be added to (not yet a member), for the select.</summary>
    public List<SelectListItem> OtherTeamItems { get; private set; } = [];
    public bool IsSelf => UserId == current.UserId;
    /// <summary>The handler awaiting confirmation, or null.</summary>
    public string? Confirming { get; private set; }
    /// <summary>The team name a removal awaits confirmation for.</summary>
    public string? ConfirmingTeamName { get; private set; }
    /// <summary>The one-time password just issued by a confirmed reset, shown once on that response; never stored in clear.</summary>
    public string? OneTimePassword { get; private set; }
    public string? Notice { get; private set; }

    /// <summary>The role radios, in <see cref="Roles.All"/>'s order.</summary>
    public static IReadOnlyList<SelectListItem> RoleItems => NewUserModel.RoleItems;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Notice = TempData["Notice"] as string;
        return Page();
    }

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct) => ChangeAsync("Deactivate", confirm: true,
        () => accounts.DeactivateAsync(UserId, Version, ct), () => $"{Name}'s account has been deactivated and they have been signed out everywhere.", ct);

    public Task<IActionResult> OnPostReactivateAsync(CancellationToken ct) => ChangeAsync("Reactivate", confirm: false,
        () => accounts.ReactivateAsync(UserId, Version, ct), () => $"{Name}'s account has been reactivated. They can sign in with their password.", ct);

    public Task<IActionResult> OnPostSetRoleAsync(CancellationToken ct) => ChangeAsync("SetRole", confirm: false,
        () => accounts.SetRoleAsync(UserId, Role, Version, ct), () => $"{Name} is now {Article(Role)} {Roles.Display(Roles.All.First(r => string.Equals(r, Role, StringComparison.OrdinalIgnoreCase))).ToLowerInvariant()}. They have been signed out everywhere, so the change applies when they sign in again.", ct);

    public Task<IActionResult> OnPostAddToTeamAsync(CancellationToken ct) => ChangeAsync("AddToTeam", confirm: false,
        () => accounts.AddToTeamAsync(UserId, Guid.TryParse(TeamId, out var id) ? id : null, ct), () => $"{Name} has been added to {TeamName()}.", ct);

    public async Task<IActionResult> OnPostRemoveFromTeamAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Guid.TryParse(TeamId, out var teamId) || Teams.All(t => t.Id != teamId))
        {
            ModelState.AddModelError("", $"{Name} is not a member of that team (someone may have removed them already)");
            return Page();
        }
        ConfirmingTeamName = Teams.First(t => t.Id == teamId).Name;
        if (!Confirmed) return Confirm("RemoveFromTeam");
        await members.WithdrawAsync(teamId, UserId, ct);
        membershipCache.Forget(UserId, teamId);
        TempData["Notice"] = $"{Name} has been removed from {ConfirmingTeamName} and signed out of it.";
        return RedirectToPage(new { UserId });
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Confirmed) return Confirm("ResetTwoFactor");
        var user = await users.FindByIdAsync(UserId);
        if (user is null) return NotFound();
        if (user.ConcurrencyStamp != Version) return await ConflictAsync(UserAccounts.ConflictMessage, ct);
        await members.ResetTwoFactorAsync(users, user, ct);
        TempData["Notice"] = $"{Name}'s two-factor authentication has been reset and they have been signed out everywhere. They set it up again when they next sign in.";
        return RedirectToPage(new { UserId });
    }

    public Task<IActionResult> OnPostRequirePasswordChangeAsync(CancellationToken ct) => ChangeAsync("RequirePasswordChange", confirm: true,
        () => accounts.RequirePasswordChangeAsync(UserId, Version, ct), () => $"{Name} must set a new password when they next sign in. They have been signed out everywhere.", ct);

    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Confirmed) return Confirm("ResetPassword");
        try
        {
            var user = await users.FindByIdAsync(UserId);
            if (user is null) return NotFound();
            if (user.ConcurrencyStamp != Version) return await ConflictAsync(UserAccounts.ConflictMessage, ct);
            OneTimePassword = await accounts.ResetPasswordAsync(UserId, managersTeam: null, ct);
        }
        catch (AccountRuleException refused)
        {
            ModelState.AddModelError("", refused.Message.TrimEnd('.'));
        }
        return Page();
    }

    /// <summary>Loads the account; asks for confirmation when <paramref name="confirm"/> and not yet given; runs <paramref name="change"/> and reports.</summary>
    private async Task<IActionResult> ChangeAsync(string handler, bool confirm, Func<Task> change, Func<string> done, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (confirm && !Confirmed) return Confirm(handler);
        try
        {
            await change();
        }
        catch (ValidationFailedException failure)
        {
            ModelState.AddProblems(failure);
            return Page();
        }
        catch (AccountRuleException refused)
        {
            ModelState.AddModelError("", refused.Message.TrimEnd('.'));
            return Page();
        }
        catch (ConcurrencyConflictException conflict)
        {
            return await ConflictAsync(conflict.Message, ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Notice"] = done();
        return RedirectToPage(new { UserId });
    }

    /// <summary>The page as it is now (the new version), with the conflict in the error summary.</summary>
    private async Task<IActionResult> ConflictAsync(string message, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(ct, reload: true)) return NotFound();
        ModelState.AddModelError("", message.TrimEnd('.'));
        return Page();
    }

    private string TeamName() => OtherTeamItems.FirstOrDefault(t => t.Value == TeamId)?.Text ?? "the team";

    private static string Article(string? role) => role is { Length: > 0 } r && "AEIOUaeiou".Contains(Roles.Display(Roles.All.FirstOrDefault(x => string.Equals(x, r, StringComparison.OrdinalIgnoreCase)) ?? r)[0], StringComparison.Ordinal) ? "an" : "a";

    private PageResult Confirm(string handler)
    {
        Confirming = handler;
        return Page();
    }

    /// <param name="ct">Cancels the queries.</param>
    /// <param name="reload">After a conflict: the page shows the stored version (the posted one is replaced).</param>
    private async Task<bool> LoadAsync(CancellationToken ct, bool reload = false)
    {
        var found = await db.Users.AsNoTracking().Where(u => u.Id == UserId)
            .Select(u => new { u.DisplayName, u.Email, u.TwoFactorEnabled, u.LockoutEnd, u.DeactivatedAt, u.DeactivatedBy, u.PasswordChangeRequiredAt, u.ConcurrencyStamp })
            .FirstOrDefaultAsync(ct);
        if (found is null) return false;
        (Name, Email, TwoFactor, DeactivatedAt, PasswordChangeRequiredAt) = (found.DisplayName, found.Email ?? "", found.TwoFactorEnabled, found.DeactivatedAt, found.PasswordChangeRequiredAt);
        // The version the administrator's page showed is kept on a POST, so that a change made since is noticed.
        if (reload || Request.Method != HttpMethods.Post || Version is null) Version = found.ConcurrencyStamp;
        LockedUntil = found.LockoutEnd is { } end && end > clock.GetUtcNow() ? end : null;
        DeactivatedByName = found.DeactivatedBy is { } by ? (await db.DisplayNamesAsync([by], ct)).GetValueOrDefault(by, "someone no longer on Waymark") : null;
        CurrentRole = await accounts.RoleOfAsync(UserId, ct);
        LastSignIn = await db.UserSessions.Where(s => s.UserId == UserId).OrderByDescending(s => s.StartedAt)
            .Select(s => (DateTimeOffset?)s.StartedAt).FirstOrDefaultAsync(ct);
        Teams = (await db.TeamMemberships.AsNoTracking().Where(m => m.UserId == UserId).OrderBy(m => m.Team!.Name)
            .Select(m => new { m.TeamId, m.Team!.Name }).ToListAsync(ct)).Select(t => (t.TeamId, t.Name)).ToList();
        var mine = Teams.Select(t => t.Id).ToList();
        OtherTeamItems = [new("Choose a team", ""), .. (await db.Teams.AsNoTracking().Where(t => !mine.Contains(t.Id)).OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => new SelectListItem(t.Name, t.Id.ToString()))];
        if (Request.Method != HttpMethods.Post) Role = CurrentRole;
        return true;
    }
}
