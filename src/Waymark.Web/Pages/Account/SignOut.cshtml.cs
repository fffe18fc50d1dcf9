using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

/// <summary>Signing out ends this session on the server, so a copy of the cookie is refused from then on.</summary>
[ShowsNoPersonData("The signed-in user's own account.")]
public class SignOutModel(SignInManager<WaymarkUser> signIn, UserManager<WaymarkUser> users, UserSessions sessions, Auditor audit) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (SessionClaims.Of(User) is { } sessionId && users.GetUserId(User) is { } userId)
        {
            await sessions.EndAsync(sessionId, userId, SessionEndReason.SignedOut);
            await audit.RecordNowAsync(AuditAction.SignedOut, "User", userId);
        }
        await signIn.SignOutAsync();
        // Said on the sign-in page, so that someone leaving a shared computer can see it worked.
        TempData["SignedOut"] = "You have signed out of Waymark.";
        return RedirectToPage("/Account/SignIn");
    }
}
