using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Duplicates;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Duplicates;

/// <summary>One merge: who, when, exactly what moved, and (for the team that merged) undoing it.</summary>
public class MergeModel(DuplicateQueue queue, PersonMerging merging, ICurrentUser user) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Summary is null ? [] :
        [PersonView.Record("PersonMerge", Id.ToString(), Summary.Merge.KeptPersonId), PersonView.Record("PersonMerge", Id.ToString(), Summary.Merge.MergedPersonId)];

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Version { get; set; }

    public MergeSummary? Summary { get; private set; }
    public bool CanUndo => Summary is { Merge.IsUndone: false } s && s.Merge.TeamId == user.TeamId;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Summary = await queue.MergeAsync(Id, ct);
        if (Summary is null) return NotFound();
        Version = Summary.Merge.Version.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostUndoAsync(CancellationToken ct)
    {
        Summary = await queue.MergeAsync(Id, ct);
        if (Summary is null || Summary.Merge.TeamId != user.TeamId) return NotFound();
        if (!Guid.TryParse(Version, out var version))
        {
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            return Page();
        }
        try
        {
            if (await merging.UnmergeAsync(Id, version, ct) is null) return NotFound();
        }
        catch (Exception e) when (e is ConcurrencyConflictException or MergeRefusedException)
        {
            ModelState.AddModelError("", e.Message);
            Summary = await queue.MergeAsync(Id, ct);
            Version = Summary!.Merge.Version.ToString();
            ModelState.Remove(nameof(Version));
            return Page();
        }
        TempData["Success"] = "Merge undone: both records are back as they were, and the pair is back in the queue.";
        return Redirect($"/duplicates/merges/{Id}");
    }
}
