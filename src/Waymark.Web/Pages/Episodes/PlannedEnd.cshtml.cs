using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Episodes;

/// <summary>
/// The planned end of an episode (time-limited case management): the current date, its history (who, when, from, to,
/// why) and a form to set, extend, bring forward or remove it, with a reason once one is set. Only the team that holds
/// the episode sees this page; changing needs <see cref="Permission.CloseEpisodes"/>.
/// </summary>
public class PlannedEndModel(EpisodeActions actions, WaymarkDbContext db, ICurrentUser user, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null ? [] : [PersonView.Record("PlannedEnd", Id.ToString(), Episode.PersonId)];

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Version { get; set; }
    [BindProperty] public DateParts PlannedEnd { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    /// <summary>"remove" when the remove button was pressed.</summary>
    [BindProperty] public string? Action { get; set; }

    public Episode? Episode { get; private set; }
    public IReadOnlyList<PlannedEndChange> Changes { get; private set; } = [];
    public bool CanChange => Episode is { IsOpen: true } && User.Can(Permission.CloseEpisodes);
    public DateOnly Today => UkTime.Today(clock);
    private Dictionary<string, string> _names = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        PlannedEnd = DateParts.From(Episode!.PlannedEndDate);
        return Page();
    }

    [RequiresPermission(Permission.CloseEpisodes)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Guid.TryParse(Version, out var version))
        {
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            return Page();
        }
        DateOnly? end = null;
        var remove = Action == "remove";
        if (!remove)
        {
            var (date, error) = PlannedEnd.Parse("Planned end date");
            if (error is not null) ModelState.AddModelError(nameof(PlannedEnd), error);
            else if (date is null) ModelState.AddModelError(nameof(PlannedEnd), "Enter a planned end date, for example 3 5 2027");
            end = date;
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            await actions.SetPlannedEndAsync(Id, version, end, Reason, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (Exception e) when (e is EpisodeRuleException or ConcurrencyConflictException)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        TempData["Success"] = remove ? "Planned end date removed" : "Planned end date saved";
        return Redirect($"/episodes/{Id}/planned-end");
    }

    /// <summary>The history's "from" or "to": the date, or "none".</summary>
    public static string Show(DateOnly? d) => d is { } x ? Display.Date(x) : "none";

    public string NameOf(string? userId) => userId is not null && _names.TryGetValue(userId, out var n) ? n : "unknown";

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Episode = await actions.FindAsync(Id, ct);
        // Another team's episode: not found here (its planned end is that team's work).
        if (Episode is null || Episode.TeamId != user.TeamId) { Episode = null; return false; }
        Changes = await actions.PlannedEndChangesAsync(Id, ct);
        _names = await db.DisplayNamesAsync(Changes.Select(c => c.ChangedByUserId).Distinct().ToList(), ct);
        return true;
    }
}
