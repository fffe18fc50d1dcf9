using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.Retention;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Retention;

/// <summary>
/// Retention for administrators ("/retention"): the rules in force, what the next run would destroy (counts by rule, and the first people due by reference),
/// the destruction log, and starting a run (docs/governance.md).
/// </summary>
[ShowsNoPersonData("Counts by rule, the people due by pseudonymous reference (a keyed hash) with dates, and the destruction log's keyed hashes: no person is named or identifiable.")]
public class IndexModel(RecordsDestruction destruction, RetentionOptions options, WaymarkDbContext db, ICurrentUser user, TimeProvider clock) : PageModel
{
    /// <summary>How many log lines the page shows, newest first.</summary>
    public const int LogLines = 50;

    /// <summary>How many of the people due the page lists (by reference, as the command line's dry run does).</summary>
    public const int DueShown = 100;

    public RetentionOptions Options => options;
    public RetentionRunResult? Next { get; private set; }

    /// <summary>The first <see cref="DueShown"/> people due, in id order: reference, rule, last contact and due date.</summary>
    public List<DuePerson> Due { get; } = [];
    public IReadOnlyList<DestructionLogEntry> Log { get; private set; } = [];
    public int LogTotal { get; private set; }

    /// <summary>"yes" when the administrator confirms.</summary>
    [BindProperty] public List<string> Confirm { get; set; } = [];
    public List<SelectListItem> ConfirmItems { get; } = [new("I have checked what this run will destroy, and that it cannot be undone", "yes")];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Confirm.Contains("yes"))
        {
            ModelState.AddModelError(nameof(Confirm), "Confirm that you have checked what the run will destroy");
            await LoadAsync(ct);
            return Page();
        }
        var result = await destruction.RunAsync(user.UserId ?? "web", ct: ct);
        TempData["Success"] = $"Destroyed the records of {result.People} {(result.People == 1 ? "person" : "people")}";
        return Redirect("/retention");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Next = await destruction.PreviewAsync(UkTime.Today(clock), d => { if (Due.Count < DueShown) Due.Add(d); }, ct);
        LogTotal = await db.Set<DestructionLogEntry>().CountAsync(ct);
        Log = await db.Set<DestructionLogEntry>().OrderByDescending(l => l.DestroyedAt).Take(LogLines).ToListAsync(ct);
    }

    /// <summary>"Episode 2, Person 1" from a log line's counts.</summary>
    public static string Counts(string json) =>
        string.Join(", ", (JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? []).OrderBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => $"{Waymark.SubjectAccess.SubjectAccessExport.Words(x.Key)} {x.Value}"));
}
