using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Account;

[ShowsNoPersonData("The signed-in user's own account.")]
public class ChooseTeamModel(UserManager<WaymarkUser> users, TeamSignIn teamSignIn, HttpCurrentUser current) : PageModel
{
    [BindProperty] public string? TeamId { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public List<SelectListItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user.Id);
        TeamId = current.TeamId?.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user.Id);
        if (!Guid.TryParse(TeamId, out var teamId) || Items.All(i => i.Value != TeamId))
        {
            ModelState.AddModelError(nameof(TeamId), "Select the team you are working in");
            return Page();
        }
        await teamSignIn.SignInAsync(user, teamId, usedTwoFactor: User.FindFirst("amr")?.Value == "mfa", continueSession: true);
        return LocalRedirect(LocalUrls.Safe(ReturnUrl));
    }

    private async Task LoadAsync(string userId) =>
        Items = (await teamSignIn.TeamsOfAsync(userId)).Select(t => new SelectListItem(t.Name, t.Id.ToString())).ToList();
}
