using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

/// <summary>
/// Password sign-in. An unknown email, a wrong password and a locked account get the same message and take about the
/// same time (a password hash is checked in every case), so the page does not tell anyone which accounts exist; so does a
/// deactivated account (which <see cref="WaymarkSignInManager"/> refuses at every step besides).
/// Attempts are throttled per client address and per account before they get here (<see cref="SignInThrottle"/>).
/// </summary>
[ShowsNoPersonData("The signed-in user's own account.")]
public class SignInModel(SignInManager<WaymarkUser> signIn, UserManager<WaymarkUser> users, TeamSignIn teamSignIn, Auditor audit,
    IPasswordHasher<WaymarkUser> hasher, IOptions<SecurityOptions> security) : PageModel
{
    private static readonly WaymarkUser NoOne = new() { Id = "no-one" };
    private static string? _dummyHash;

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>The one message for every refused sign-in, with how lockout works (Security:MaxFailedSignIns, Security:LockoutMinutes).</summary>
    public string RefusedMessage =>
        $"The email address or password is not right, or the account is locked. After {security.Value.MaxFailedSignIns} wrong attempts an account is locked for {security.Value.LockoutMinutes} minutes: wait, or ask your team manager or administrator to unlock it.";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email)) ModelState.AddModelError(nameof(Email), "Enter your email address");
        else if (Email.Length > 256) ModelState.AddModelError(nameof(Email), "Email address must be 256 characters or fewer");
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Enter your password");
        else if (Password.Length > 256) ModelState.AddModelError(nameof(Password), "Password must be 256 characters or fewer");
        if (!ModelState.IsValid) return Page();

        var email = Email!.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // The same work as checking a real password, so that an unknown email is not told apart by its speed.
            hasher.VerifyHashedPassword(NoOne, DummyHash(), Password!);
            await audit.RecordNowAsync(AuditAction.SignInFailed, "SignIn", null, detail: "Unknown email address: " + email);
            return Refused();
        }
        if (user.DeactivatedAt is not null)
        {
            // The same work and the same message as a wrong password: the page does not say the account exists.
            hasher.VerifyHashedPassword(user, DummyHash(), Password!);
            await audit.RecordNowAsync(AuditAction.SignInFailed, "User", user.Id, detail: "Account deactivated");
            return Refused();
        }
        if (await users.IsLockedOutAsync(user))
        {
            hasher.VerifyHashedPassword(user, DummyHash(), Password!);
            await audit.RecordNowAsync(AuditAction.LockedOut, "User", user.Id, detail: "Sign-in refused while locked");
            return Refused();
        }
        var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/TwoFactor", new { returnUrl = SafeReturnUrl() });
        if (!result.Succeeded)
        {
            await audit.RecordNowAsync(result.IsLockedOut ? AuditAction.LockedOut : AuditAction.SignInFailed, "User", user.Id);
            return Refused();
        }
        await teamSignIn.SignInAsync(user, null, usedTwoFactor: false);
        await audit.RecordNowAsync(AuditAction.SignedIn, "User", user.Id);
        return LocalRedirect(SafeReturnUrl());
    }

    private PageResult Refused()
    {
        SignInThrottle.AttemptFailed(HttpContext);
        ModelState.AddModelError(nameof(Email), RefusedMessage);
        return Page();
    }

    /// <summary>A hash of a random password, made once per process with the same hasher (and so the same cost) as real ones.</summary>
    private string DummyHash() =>
        _dummyHash ??= hasher.HashPassword(NoOne, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    private string SafeReturnUrl() => LocalUrls.Safe(ReturnUrl);
}
