using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Caseload;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Caseload;

/// <summary>
/// "Endings due" (time-limited case management): the team's open episodes whose planned end is past or within 28 days,
/// soonest first, with a link to extend or change each.
/// </summary>
public class EndingsModel(EndingsQuery query, ICurrentUser user) : PageModel, IShowsPersonData
{
    /// <summary>"mine" for the signed-in user's episodes only; anything else is the whole team.</summary>
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }

    public EndingsPage Result { get; private set; } = new([], 1, EndingsQuery.PageSize, 0);
    public bool MineOnly => Show == "mine";
    /// <summary>Whether the user may change planned ends (<see cref="Permission.CloseEpisodes"/>); others get "View" links.</summary>
    public bool CanChange => User.Can(Permission.CloseEpisodes);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        if (Show is not (null or "" or "mine"))
        {
            ModelState.AddModelError(nameof(Show), "Select whose episodes to show from the list");
            return Page();
        }
        Result = await query.RunAsync(user.TeamId!.Value, MineOnly ? user.UserId : null, Math.Clamp(pageNumber, 1, 100_000), ct);
        return Page();
    }

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => [PersonView.List("Caseload", Result.Rows.Select(r => r.PersonId), $"view=endings page={Result.PageNumber}")];
}
