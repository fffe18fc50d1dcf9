using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Audit;
using Waymark.Duplicates;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Duplicates;

/// <summary>One pair: merge (choosing the record to keep) or "not the same person". Nothing happens without that choice.</summary>
public class ReviewModel(DuplicateQueue queue, PersonMerging merging) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Pair is null ? [] :
        [PersonView.Record("DuplicatePair", Id.ToString(), Pair.A.Id), PersonView.Record("DuplicatePair", Id.ToString(), Pair.B.Id)];

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Version { get; set; }
    [BindProperty] public string? VersionA { get; set; }
    [BindProperty] public string? VersionB { get; set; }

    public DuplicatePair? Pair { get; private set; }
    public List<SelectListItem> DecisionItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        (Version, VersionA, VersionB) = (Pair!.Candidate.Version.ToString(), Pair.A.Version.ToString(), Pair.B.Version.ToString());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var pair = Pair!;
        if (pair.Candidate.IsDecided) return Page();
        if (Decision is not ("keep-a" or "keep-b" or "not-same"))
            ModelState.AddModelError(nameof(Decision), "Select whether to merge these records, and which to keep, or that they are not the same person");
        if (!Guid.TryParse(Version, out var version) || !Guid.TryParse(VersionA, out var versionA) || !Guid.TryParse(VersionB, out var versionB))
        {
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            if (Decision == "not-same")
            {
                if (!await merging.NotSamePersonAsync(Id, version, ct)) return NotFound();
                TempData["Success"] = $"Recorded that {pair.A.FullName} and {pair.B.FullName} are not the same person. This pair will not be raised again.";
                return Redirect("/duplicates");
            }
            var kept = Decision == "keep-a" ? pair.A.Id : pair.B.Id;
            var merge = await merging.MergeAsync(Id, kept, new DecisionVersions(version, versionA, versionB), ct);
            if (merge is null) return NotFound();
            TempData["Success"] = "Records merged";
            return Redirect($"/duplicates/merges/{merge.Id}");
        }
        catch (Exception e) when (e is ConcurrencyConflictException or MergeRefusedException)
        {
            ModelState.AddModelError("", e.Message);
            // Show the records as they are now; the choice they made stays selected.
            await LoadAsync(ct);
            (Version, VersionA, VersionB) = (Pair!.Candidate.Version.ToString(), Pair.A.Version.ToString(), Pair.B.Version.ToString());
            ModelState.Remove(nameof(Version));
            ModelState.Remove(nameof(VersionA));
            ModelState.Remove(nameof(VersionB));
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Pair = await queue.GetAsync(Id, ct);
        if (Pair is null) return false;
        DecisionItems =
        [
            new($"Merge these records, keeping {Describe(Pair.A)}", "keep-a"),
            new($"Merge these records, keeping {Describe(Pair.B)}", "keep-b"),
            new("Not the same person", "not-same"),
        ];
        return true;
    }

    private static string Describe(PersonSide p) =>
        $"{p.FullName}'s record (created {Display.DateTime(p.CreatedAt)}, {p.Episodes} {(p.Episodes == 1 ? "episode" : "episodes")})";
}
