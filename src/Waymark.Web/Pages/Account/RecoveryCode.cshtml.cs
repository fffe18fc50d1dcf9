using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

/// <summary>The second step of signing in with a recovery code instead of an authenticator code; each code works once.</summary>
[ShowsNoPersonData("The signed-in user's own account.")]
public class RecoveryCodeModel(SignInManager<WaymarkUser> signIn, UserManager<WaymarkUser> users, TeamSignIn teamSignIn, Auditor audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await teamSignIn.PendingTwoFactorUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await teamSignIn.PendingTwoFactorUserAsync();
        if (user is null) return RedirectToPage("/Account/SignIn");
        var code = (Code ?? "").Trim();
        if (code.Length == 0) ModelState.AddModelError(nameof(Code), "Enter a recovery code");
        else if (code.Length > 20) ModelState.AddModelError(nameof(Code), "Recovery code must be 20 characters or fewer");
        if (!ModelState.IsValid) return Page();

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.IsLockedOut)
        {
            await audit.RecordNowAsync(AuditAction.LockedOut, "User", user.Id);
            SignInThrottle.AttemptFailed(HttpContext);
            ModelState.AddModelError(nameof(Code), "This account is locked after too many attempts. Wait, or ask your team manager or administrator to unlock it.");
            return Page();
        }
        if (!result.Succeeded)
        {
            await audit.RecordNowAsync(AuditAction.SignInFailed, "User", user.Id, detail: "Wrong recovery code");
            SignInThrottle.AttemptFailed(HttpContext);
            ModelState.AddModelError(nameof(Code), "The recovery code is not right, or it has been used. Check it and try again");
            return Page();
        }
        await teamSignIn.SignInAsync(user, null, usedTwoFactor: true);
        var left = await users.CountRecoveryCodesAsync(user);
        await audit.RecordNowAsync(AuditAction.SignedIn, "User", user.Id, detail: $"With a recovery code ({left} left)");
        return LocalRedirect(LocalUrls.Safe(ReturnUrl));
    }
}
