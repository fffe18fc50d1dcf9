using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Administration;

/// <summary>
/// An administrator adds a user: name, email, role and first team. The response shows a generated one-time password once
/// (to pass on by phone or in person); they must choose their own at their first sign-in. Audited (UserCreated).
/// </summary>
[ShowsNoPersonData("A staff account being created; no records about the people the teams work with.")]
public class NewUserModel(UserAccounts accounts, WaymarkDbContext db) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Role { get; set; }
    /// <summary>The first team's id, as posted (read as a GUID by the page, so a spoiled value is an error on the form, not a binding failure).</summary>
    [BindProperty] public string? TeamId { get; set; }

    public List<SelectListItem> TeamItems { get; private set; } = [];
    /// <summary>The role radios, in <see cref="Roles.All"/>'s order.</summary>
    public static IReadOnlyList<SelectListItem> RoleItems => Roles.All.Select(r => new SelectListItem(Roles.Display(r), r)).ToList();

    /// <summary>After a successful POST: the new account's id and its one-time password, shown once.</summary>
    public CreatedAccount? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadTeamsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadTeamsAsync(ct);
        Guid? teamId = Guid.TryParse(TeamId, out var id) ? id : null;
        try
        {
            Created = await accounts.CreateAsync(new NewAccount(Name, Email, Role, teamId), ct);
        }
        catch (ValidationFailedException failure)
        {
            ModelState.AddProblems(failure);
        }
        return Page();
    }

    private async Task LoadTeamsAsync(CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        TeamItems = [new("Choose a team", ""), .. teams.Select(t => new SelectListItem(t.Name, t.Id.ToString()))];
    }
}
