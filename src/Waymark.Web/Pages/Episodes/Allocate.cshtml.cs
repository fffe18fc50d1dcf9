using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Caseload;
using Waymark.Episodes;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Episodes;

public class AllocateModel(EpisodeActions actions, Capacity capacity, ICurrentUser user) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => _personId is { } p ? [PersonView.Record("Episode", Id.ToString(), p, "Allocating a key worker")] : [];
    private Guid? _personId;

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Version { get; set; }
    [BindProperty] public string? KeyWorker { get; set; }
    public string PersonName { get; private set; } = "";
    public TeamLoad? Load { get; private set; }
    public List<SelectListItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var e = await LoadAsync(ct);
        if (e is null) return NotFound();
        Version = e.Version.ToString();
        KeyWorker = e.KeyWorkerId; // nothing pre-selected for an unallocated episode: the manager must choose
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var e = await LoadAsync(ct);
        if (e is null) return NotFound();
        var worker = Load!.Workers.FirstOrDefault(w => w.UserId == KeyWorker);
        if (string.IsNullOrEmpty(KeyWorker)) ModelState.AddModelError(nameof(KeyWorker), "Select who will be their key worker");
        else if (KeyWorker != "none" && worker is null) ModelState.AddModelError(nameof(KeyWorker), "Select a key worker from the list");
        else if (KeyWorker == "none" && e.KeyWorkerId is null) ModelState.AddModelError(nameof(KeyWorker), "Select who will be their key worker");
        if (!Guid.TryParse(Version, out var version)) ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
        if (!ModelState.IsValid) return Page();
        try
        {
            await actions.AllocateAsync(Id, version, worker?.UserId, ct);
        }
        catch (Exception ex) when (ex is EpisodeRuleException or ConcurrencyConflictException)
        {
            ModelState.AddModelError("", ex.Message);
            return Page();
        }
        // Warn, don't block: a manager may knowingly allocate above a limit.
        var newLoad = worker is null ? 0 : worker.OpenEpisodes + (e.KeyWorkerId == worker.UserId ? 0 : 1);
        TempData["Success"] = worker is null ? "Key worker removed"
            : worker.Limit is { } limit && newLoad > limit
                ? $"Allocated to {worker.DisplayName}. They now have {newLoad} open episodes, above their limit of {limit}."
                : $"Allocated to {worker.DisplayName}";
        return Redirect($"/episodes/{Id}");
    }

    private async Task<Episode?> LoadAsync(CancellationToken ct)
    {
        var e = await actions.FindAsync(Id, ct);
        if (e is null || e.TeamId != user.TeamId || !e.IsOpen) return null;
        PersonName = e.Person!.FullName;
        _personId = e.PersonId;
        Load = await capacity.ForTeamAsync(e.TeamId, ct);
        Items =
        [
            .. Load.Workers.Select(w => new SelectListItem(
                $"{w.DisplayName} – {w.OpenEpisodes} open{(w.Limit is { } l ? $" of {l}" : "")}{(w.AtOrOverCapacity ? " (at or over capacity)" : "")}", w.UserId)),
            new SelectListItem("No key worker", "none"),
        ];
        return e;
    }
}
