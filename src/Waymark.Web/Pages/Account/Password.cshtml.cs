using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

/// <summary>
/// The user changes their own password. Every session of theirs ends (as after a reset), then this browser gets a new
/// one, so a cookie taken earlier stops working while the person who changed the password carries on.
/// </summary>
[ShowsNoPersonData("The signed-in user's own account.")]
public class PasswordModel(UserManager<WaymarkUser> users, TeamSignIn teamSignIn, TeamMembers members, HttpCurrentUser current) : PageModel
{
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

        if (!await users.CheckPasswordAsync(user, CurrentPassword!))
        {
            SignInThrottle.AttemptFailed(HttpContext);
            ModelState.AddModelError(nameof(CurrentPassword), "Your current password is not right");
            return Page();
        }
        var changed = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors) ModelState.AddModelError(nameof(NewPassword), error.Description.TrimEnd('.'));
            return Page();
        }
        await members.PasswordChangedAsync(user.Id, ct);
        await teamSignIn.SignInAsync(user, current.TeamId, usedTwoFactor: User.FindFirst("amr")?.Value == "mfa");
        TempData["Notice"] = "Your password has been changed, and you have been signed out everywhere else.";
        return RedirectToPage("/Account/Index");
    }
}
