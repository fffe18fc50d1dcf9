using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Retention;
using Waymark.Teams;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.LegalHolds;

/// <summary>
/// A person's legal holds placed by the team ("/people/{personId}/legal-hold"): place one with a reason, or lift one with a
/// reason. While any team's hold stands, no retention run destroys the person's records (docs/governance.md).
/// </summary>
public class IndexModel(Waymark.Retention.LegalHolds holds, WaymarkDbContext db) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] :
        [PersonView.Record(nameof(LegalHold), null, PersonId, "Legal holds")];

    [FromRoute] public Guid PersonId { get; set; }
    public string? PersonName { get; private set; }
    public IReadOnlyList<LegalHold> Holds { get; private set; } = [];
    public Dictionary<string, string> Names { get; private set; } = [];

    /// <summary>Why the records must be kept (placing).</summary>
    [BindProperty] public string? Reason { get; set; }
    /// <summary>The hold being lifted.</summary>
    [BindProperty] public Guid HoldId { get; set; }
    /// <summary>Why it is lifted.</summary>
    [BindProperty] public string? LiftReason { get; set; }

    /// <summary>
    /// The holds as the form was shown (<see cref="Fingerprint"/>, in a hidden field): a post made from an older view is
    /// refused, so two managers never place two holds or lift one the other has just replaced without seeing it.
    /// </summary>
    [BindProperty] public string? Seen { get; set; }

    public bool Stands => Holds.Any(h => h.Stands);

    /// <summary>The holds' ids and whether each stands, as the form carries them in <see cref="Seen"/>.</summary>
    public string Fingerprint => string.Join(',', Holds.OrderBy(h => h.Id).Select(h => $"{h.Id:N}{(h.Stands ? "s" : "l")}"));

    private const string ChangedMeanwhile = "Someone changed this person's legal holds since you opened this page. Check them below, then try again";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if ((Seen ?? "") != Fingerprint) // an empty field binds as null
        {
            ModelState.AddModelError(nameof(Reason), ChangedMeanwhile);
            return Page();
        }
        try
        {
            if (await holds.PlaceAsync(PersonId, Reason, ct) is null) return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e.Problems.Select(p => (p.Field, p.Message)));
            return Page();
        }
        catch (LegalHoldRuleException e)
        {
            ModelState.AddModelError(nameof(Reason), e.Message);
            return Page();
        }
        TempData["Success"] = "Legal hold placed: the records will not be destroyed while it stands";
        return Redirect($"/people/{PersonId}/legal-hold");
    }

    public async Task<IActionResult> OnPostLiftAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if ((Seen ?? "") != Fingerprint) // an empty field binds as null
        {
            ModelState.AddModelError(nameof(LiftReason), ChangedMeanwhile);
            return Page();
        }
        try
        {
            if (!await holds.LiftAsync(PersonId, HoldId, LiftReason, ct)) return NotFound();
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e.Problems.Select(p => (p.Field, p.Message)));
            return Page();
        }
        catch (LegalHoldRuleException e)
        {
            ModelState.AddModelError(nameof(LiftReason), e.Message);
            return Page();
        }
        TempData["Success"] = "Legal hold lifted";
        return Redirect($"/people/{PersonId}/legal-hold");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var list = await holds.OfAsync(PersonId, ct);
        if (list is null) return false;
        Holds = list;
        PersonName = await db.People.Where(p => p.Id == PersonId).Select(p => Waymark.People.PersonNames.Full(p.GivenName, p.FamilyName)).SingleAsync(ct);
        Names = await db.DisplayNamesAsync(list.SelectMany(h => new[] { h.PlacedByUserId, h.LiftedByUserId }), ct);
        return true;
    }

    public string NameOf(string? userId) => userId is null ? "" : Names.GetValueOrDefault(userId, "a former user");
}
