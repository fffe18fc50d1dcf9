using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Caseload;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Team;

/// <summary>A team manager sets the team's and each worker's caseload limits.</summary>
[ShowsNoPersonData("Caseload limits and workers' counts of open episodes.")]
public class CapacityModel(CapacitySettings settings, Capacity capacity, ICurrentUser user) : PageModel
{
    [BindProperty] public string? TeamLimit { get; set; }
    [BindProperty] public string? WorkerDefault { get; set; }
    [BindProperty] public List<WorkerLimit> Workers { get; set; } = [];
    /// <summary>The limits as they were when the form was shown, to detect someone else's save.</summary>
    [BindProperty] public string? Loaded { get; set; }

    public class WorkerLimit
    {
        /// <summary>The worker's user id (a hidden field); null when posted empty.</summary>
        public string? UserId { get; set; }
        public string Name { get; set; } = "";
        public string? Limit { get; set; }
        public int Open { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var limits = await settings.LoadAsync(user.TeamId!.Value, ct);
        Loaded = Serialise(limits);
        TeamLimit = Text(limits.Team);
        WorkerDefault = Text(limits.WorkerDefault);
        await LoadWorkersAsync(limits, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var teamId = user.TeamId!.Value;
        var loaded = Deserialise(Loaded);
        if (loaded is null)
        {
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            await LoadWorkersAsync(await settings.LoadAsync(teamId, ct), ct, keepTyped: true);
            return Page();
        }
        var team = Parse(nameof(TeamLimit), TeamLimit);
        var perWorker = Parse(nameof(WorkerDefault), WorkerDefault);
        var workers = new Dictionary<string, int?>();
        // Each worker of the form exactly once: a row missing, added or repeated is a changed or broken form.
        if (!PostedKeys.Check(ModelState, Workers.Select(w => w.UserId), loaded.Workers.ContainsKey, loaded.Workers.Count))
        {
            await LoadWorkersAsync(loaded, ct, keepTyped: true);
            return Page();
        }
        for (var i = 0; i < Workers.Count; i++)
        {
            var id = Workers[i].UserId!; // checked above
            if (!loaded.Workers.ContainsKey(id)) continue; // not a member when the form was shown
            workers[id] = Parse($"Workers[{i}].Limit", Workers[i].Limit);
        }
        var wanted = new CapacityLimits(team, perWorker, workers);
        if (ModelState.IsValid)
        {
            foreach (var (field, message) in CapacitySettings.Validate(wanted))
            {
                var index = Workers.FindIndex(w => w.UserId == field);
                ModelState.AddModelError(field switch { "Team" => nameof(TeamLimit), "WorkerDefault" => nameof(WorkerDefault), _ => $"Workers[{index}].Limit" }, message);
            }
        }
        if (ModelState.IsValid)
        {
            try
            {
                await settings.SaveAsync(teamId, loaded, wanted, ct);
                TempData["Success"] = "Caseload limits saved";
                return RedirectToPage();
            }
            catch (ConcurrencyConflictException e)
            {
                ModelState.AddModelError("", e.Message);
            }
        }
        await LoadWorkersAsync(loaded, ct, keepTyped: true);
        return Page();
    }

    private int? Parse(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        ModelState.AddModelError(field, "Enter a whole number, like 25, or leave it empty");
        return null;
    }

    private async Task LoadWorkersAsync(CapacityLimits limits, CancellationToken ct, bool keepTyped = false)
    {
        var load = await capacity.ForTeamAsync(user.TeamId!.Value, ct);
        var typed = Workers.Where(w => !string.IsNullOrEmpty(w.UserId)).GroupBy(w => w.UserId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Limit, StringComparer.Ordinal);
        Workers = load.Workers.Select(w => new WorkerLimit
        {
            UserId = w.UserId, Name = w.DisplayName, Open = w.OpenEpisodes,
            Limit = keepTyped && typed.TryGetValue(w.UserId, out var t) ? t : Text(limits.Workers.GetValueOrDefault(w.UserId)),
        }).ToList();
    }

    private static string? Text(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private record Snapshot(int? Team, int? WorkerDefault, Dictionary<string, int?> Workers);

    private static string Serialise(CapacityLimits l) =>
        JsonSerializer.Serialize(new Snapshot(l.Team, l.WorkerDefault, l.Workers.ToDictionary(k => k.Key, k => k.Value)));

    private static CapacityLimits? Deserialise(string? json)
    {
        if (string.IsNullOrEmpty(json) || json.Length > 100_000) return null;
        try
        {
            var s = JsonSerializer.Deserialize<Snapshot>(json);
            return s is null ? null : new CapacityLimits(s.Team, s.WorkerDefault, s.Workers ?? []);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
