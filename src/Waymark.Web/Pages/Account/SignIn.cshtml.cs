using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

[ShowsNoPersonData("The signed-in user's own account.")]
public class SignInModel(SignInManager<WaymarkUser> signIn, UserManager<WaymarkUser> users, TeamSignIn teamSignIn, Auditor audit) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email)) ModelState.AddModelError(nameof(Email), "Enter your email address");
        else if (Email.Length > 256) ModelState.AddModelError(nameof(Email), "Email address must be 256 characters or fewer");
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Enter your password");
        else if (Password.Length > 256) ModelState.AddModelError(nameof(Password), "Password must be 256 characters or fewer");
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByEmailAsync(Email!.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/TwoFactor", new { returnUrl = SafeReturnUrl() });
        if (result.IsLockedOut)
        {
            await audit.RecordNowAsync(AuditAction.LockedOut, "User", user!.Id);
            ModelState.AddModelError(nameof(Email), "This account is locked after too many attempts. Try again in 15 minutes or ask your administrator.");
            return Page();
        }
        if (!result.Succeeded)
        {
            if (user is not null) await audit.RecordNowAsync(AuditAction.SignInFailed, "User", user.Id);
            ModelState.AddModelError(nameof(Email), "The email address or password is not right");
            return Page();
        }
        await teamSignIn.SignInAsync(user!, null, usedTwoFactor: false);
        await audit.RecordNowAsync(AuditAction.SignedIn, "User", user!.Id);
        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => LocalUrls.Safe(ReturnUrl);
}
