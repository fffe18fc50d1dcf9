using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Identification;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.ProactiveIdentification;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ProactiveIdentification;

/// <summary>
/// One custody or court list: while a preview, its importer checks it and confirms or discards it; confirmed, each row
/// shows its best match among the team's people, which a practitioner confirms or rejects (who and when are kept).
/// </summary>
public class ListModel(ProactiveLists lists, WaymarkDbContext db) : PageModel, IShowsPersonData
{
    [FromRoute] public Guid Id { get; set; }

    /// <summary>The list with its rows.</summary>
    public ProactiveList List { get; private set; } = default!;
    /// <summary>The agency's name.</summary>
    public string Agency { get; private set; } = "";
    /// <summary>The candidates, by id.</summary>
    public IReadOnlyDictionary<Guid, PersonMatchRow> Candidates { get; private set; } = new Dictionary<Guid, PersonMatchRow>();

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => List is null ? [] :
        [PersonView.List("ProactiveList", Candidates.Keys, $"list={List.Id} rows={List.Rows.Count}")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>Puts the preview into the queue.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        try { await lists.ConfirmAsync(Id, ct); }
        catch (ProactiveListRuleException e) { ModelState.AddModelError("", e.Message); return Page(); }
        TempData["Success"] = $"The list is in the screening queue: {List.Rows.Count} {(List.Rows.Count == 1 ? "person" : "people")}.";
        return Redirect($"/proactive/lists/{Id}");
    }

    /// <summary>Deletes the preview.</summary>
    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        try { await lists.DiscardAsync(Id, ct); }
        catch (ProactiveListRuleException e) { ModelState.AddModelError("", e.Message); return Page(); }
        TempData["Success"] = "The list was discarded. Nothing of it was kept.";
        return Redirect("/proactive/import");
    }

    /// <summary>Confirms or rejects a row's match.</summary>
    public async Task<IActionResult> OnPostMatchAsync(Guid row, string? verdict, Guid version, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || List.Rows.All(r => r.Id != row)) return NotFound();
        RowVerdict? v = verdict switch { "confirm" => RowVerdict.Confirmed, "reject" => RowVerdict.Rejected, _ => null };
        if (v is null) { ModelState.AddModelError("", "Choose whether the match is right or wrong"); return Page(); }
        try { await lists.DecideAsync(row, v.Value, version, ct); }
        catch (Exception e) when (e is ProactiveListRuleException or ConcurrencyConflictException)
        {
            ModelState.AddModelError("", e.Message);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Success"] = v == RowVerdict.Confirmed ? "Match confirmed." : "Match rejected: the row is treated as someone your team does not know.";
        return Redirect($"/proactive/lists/{Id}#row-{row}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await lists.FindAsync(Id, ct) is not { } list) return false;
        List = list;
        Agency = await db.Set<CriminalJusticeAgency>().Where(a => a.Id == list.AgencyId).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? "";
        var ids = list.Rows.Select(r => r.PersonId).OfType<Guid>().Distinct().ToList();
        Candidates = (await PersonMatchRows.Query(db.People.Where(p => ids.Contains(p.Id))).AsNoTracking().ToListAsync(ct)).ToDictionary(p => p.Id);
        return true;
    }
}
