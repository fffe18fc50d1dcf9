using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Teams;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

/// <summary>
/// The user changes their own password. Every session of theirs ends (as after a reset), then this browser gets a new
/// one, so a cookie taken earlier stops working while the person who changed the password carries on. A user who must
/// set a new password (a one-time password, or a change an administrator forced) is sent here from every other page
/// (<see cref="TeamAndTwoFactorFilter"/>) until they have; their one-time password is the current password.
/// </summary>
[ShowsNoPersonData("The signed-in user's own account.")]
public class PasswordModel(UserManager<WaymarkUser> users, TeamSignIn teamSignIn, UserAccounts accounts, HttpCurrentUser current) : PageModel
{
    /// <summary>Whether they must change their password before anything else (the sign-in cookie says so).</summary>
    public bool MustChange => User.HasClaim(WaymarkClaimsFactory.PasswordChangeRequired, "true");

    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (string.IsNullOrEmpty(CurrentPassword)) ModelState.AddModelError(nameof(CurrentPassword), "Enter your current password");
        else if (CurrentPassword.Length > 256) ModelState.AddModelError(nameof(CurrentPassword), "Current password must be 256 characters or fewer");
        if (string.IsNullOrEmpty(NewPassword)) ModelState.AddModelError(nameof(NewPassword), "Enter a new password");
        else if (NewPassword.Length > 256) ModelState.AddModelError(nameof(NewPassword), "New password must be 256 characters or fewer");
        else if (ConfirmPassword != NewPassword) ModelState.AddModelError(nameof(ConfirmPassword), "Enter the same new password again");
        else
            foreach (var validator in users.PasswordValidators)
                foreach (var error in (await validator.ValidateAsync(users, user, NewPassword)).Errors)
                    ModelState.AddModelError(nameof(NewPassword), error.Description.TrimEnd('.'));
        if (!ModelState.IsValid) return Page();

        if (CurrentPassword == NewPassword)
        {
            ModelState.AddModelError(nameof(NewPassword), "Your new password must be different from your current one");
            return Page();
        }
        try
        {
            if (!await accounts.ChangeOwnPasswordAsync(user, CurrentPassword!, NewPassword!, ct))
            {
                SignInThrottle.AttemptFailed(HttpContext);
                ModelState.AddModelError(nameof(CurrentPassword), "Your current password is not right");
                return Page();
            }
        }
        catch (ValidationFailedException failure)
        {
            ModelState.AddProblems(failure);
            return Page();
        }
        await teamSignIn.SignInAsync(user, current.TeamId, usedTwoFactor: User.FindFirst("amr")?.Value == "mfa");
        TempData["Notice"] = "Your password has been changed, and you have been signed out everywhere else.";
        return RedirectToPage("/Account/Index");
    }
}
