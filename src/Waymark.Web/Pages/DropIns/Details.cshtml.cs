using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.DropIns;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.DropIns;

/// <summary>
/// One drop-in ("/drop-ins/{id}"): when, why, what helped, who saw them, and — for a person with no open episode with
/// the team — one button to reopen support (or to reopen and screen again first), for practitioners and team managers.
/// </summary>
public class DetailsModel(DropInService dropIns) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => View is null ? [] :
        [PersonView.Record("DropIn", Id.ToString(), View.DropIn.PersonId, "Viewed a drop-in", View.Person.Discharged ? NewModel.Purpose : null)];

    [FromRoute] public Guid Id { get; set; }
    /// <summary>The version the reopen form was shown with.</summary>
    [BindProperty] public Guid Version { get; set; }
    /// <summary>"yes" to reopen and screen again first.</summary>
    [BindProperty] public string? ScreenAgain { get; set; }

    public DropInView? View { get; private set; }
    /// <summary>Whether the user may reopen support (a support worker may not).</summary>
    public bool MayReopen => dropIns.MayReopen;
    /// <summary>The open episode that stood in the way of reopening, for a link beside the refusal.</summary>
    public Guid? BlockingEpisodeId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await dropIns.FindAsync(Id, ct);
        if (View is null) return NotFound();
        Version = View.DropIn.Version;
        return Page();
    }

    [RequiresPermission(Permission.RecordIdentification)]
    public async Task<IActionResult> OnPostReopenAsync(CancellationToken ct)
    {
        try
        {
            var episode = await dropIns.ReopenAsync(Id, Version, ScreenAgain == "yes", ct);
            TempData["Success"] = episode.SupportStartedAt is null ? "Support reopened: screen them next" : "Support reopened";
            return Redirect($"/episodes/{episode.Id}");
        }
        catch (DropInRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            BlockingEpisodeId = e.OpenEpisodeId;
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        View = await dropIns.FindAsync(Id, ct);
        if (View is null) return NotFound();
        Version = View.DropIn.Version;
        return Page();
    }
}
