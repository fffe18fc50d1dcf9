using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

/// <summary>What to do about a forgotten password (no email is sent: a team manager or an administrator resets it). Open to anyone.</summary>
[ShowsNoPersonData("Guidance only.")]
public class ForgottenPasswordModel : PageModel
{
    /// <summary>Shows the guidance.</summary>
    public void OnGet() { }
}
