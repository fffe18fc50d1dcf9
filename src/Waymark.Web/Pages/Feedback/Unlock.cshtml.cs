using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Feedback;

/// <summary>
/// Leaves the feedback hand-over mode ("/feedback/unlock"; <see cref="HandOver"/>): the signed-in worker's password
/// (Identity's CheckPasswordAsync), then home. A wrong password counts against the account in the per-account sign-in
/// throttle (as changing the password does; docs/security.md "Rate limits") and is audited as SignInFailed; a locked-out
/// account cannot unlock. Unlocking is audited as SignedIn with the detail "Feedback hand-over unlocked".
/// </summary>
[ShowsNoPersonData("The signed-in user's own password; nothing about any person.")]
public class UnlockModel(UserManager<WaymarkUser> users, Auditor audit) : PageModel
{
    /// <summary>The signed-in worker's password, as typed.</summary>
    [BindProperty] public string? Password { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Enter your password");
        else if (Password.Length > 256) ModelState.AddModelError(nameof(Password), "Password must be 256 characters or fewer");
        if (!ModelState.IsValid) return Page();

        if (await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, Password!))
        {
            SignInThrottle.AttemptFailed(HttpContext);
            await audit.RecordNowAsync(AuditAction.SignInFailed, "User", user.Id, detail: "Feedback hand-over unlock: wrong password", ct: ct);
            ModelState.AddModelError(nameof(Password), "The password is not right");
            return Page();
        }
        await audit.RecordNowAsync(AuditAction.SignedIn, "User", user.Id, detail: "Feedback hand-over unlocked", ct: ct);
        HandOver.End(HttpContext);
        return Redirect("/");
    }
}
