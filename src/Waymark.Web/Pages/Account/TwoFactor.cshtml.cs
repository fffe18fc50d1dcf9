using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

[ShowsNoPersonData("The signed-in user's own account.")]
public class TwoFactorModel(SignInManager<WaymarkUser> signIn, TeamSignIn teamSignIn, Auditor audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await teamSignIn.PendingTwoFactorUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await teamSignIn.PendingTwoFactorUserAsync();
        if (user is null) return RedirectToPage("/Account/SignIn");
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0) ModelState.AddModelError(nameof(Code), "Enter your security code");
        else if (code.Length != 6 || !code.All(char.IsAsciiDigit)) ModelState.AddModelError(nameof(Code), "Security code must be 6 numbers");
        if (!ModelState.IsValid) return Page();

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.IsLockedOut)
        {
            await audit.RecordNowAsync(AuditAction.LockedOut, "User", user.Id);
            SignInThrottle.AttemptFailed(HttpContext);
            ModelState.AddModelError(nameof(Code), "This account is locked after too many attempts. Wait, or ask your team manager or administrator to unlock it.");
            return Page();
        }
        if (!result.Succeeded)
        {
            await audit.RecordNowAsync(AuditAction.SignInFailed, "User", user.Id, detail: "Wrong security code");
            SignInThrottle.AttemptFailed(HttpContext);
            ModelState.AddModelError(nameof(Code), "The security code is not right, or it has already been used. Enter the code your authenticator app shows now");
            return Page();
        }
        await teamSignIn.SignInAsync(user, null, usedTwoFactor: true);
        await audit.RecordNowAsync(AuditAction.SignedIn, "User", user.Id, detail: "With two-factor");
        return LocalRedirect(LocalUrls.Safe(ReturnUrl));
    }
}
