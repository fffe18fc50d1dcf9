using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.Screening;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Team;

/// <summary>Team managers set how soon a full assessment must follow screening, by urgency.</summary>
[ShowsNoPersonData("A team setting.")]
public class TargetsModel(AssessmentTargetSettings settings, ICurrentUser user) : PageModel
{
    [BindProperty] public string? Immediate { get; set; }
    [BindProperty] public string? Today { get; set; }
    [BindProperty] public string? Routine { get; set; }
    [BindProperty] public string? Loaded { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var t = await settings.LoadAsync(user.TeamId!.Value, ct);
        Immediate = t.ImmediateMinutes.ToString(CultureInfo.InvariantCulture);
        Today = Hours(t.TodayMinutes);
        Routine = Days(t.RoutineMinutes);
        Loaded = Encode(t);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var loaded = Decode(Loaded);
        if (loaded is null) { ModelState.AddModelError("", "The form was incomplete. Reload the page and try again."); return Page(); }
        var immediate = Number(nameof(Immediate), Immediate, "Immediate", "minutes", 1);
        var today = Number(nameof(Today), Today, "Today", "hours", 60);
        var routine = Number(nameof(Routine), Routine, "Routine", "days", 24 * 60);
        if (!ModelState.IsValid) return Page();
        var wanted = new AssessmentTargets(immediate!.Value, today!.Value, routine!.Value);
        foreach (var (field, message) in wanted.Validate()) ModelState.AddModelError(field, message);
        if (!ModelState.IsValid) return Page();
        try
        {
            await settings.SaveAsync(user.TeamId!.Value, loaded, wanted, ct);
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            Loaded = Encode(await settings.LoadAsync(user.TeamId!.Value, ct));
            ModelState.Remove(nameof(Loaded));
            return Page();
        }
        TempData["Success"] = "Assessment targets saved. They apply to screening outcomes recorded from now on.";
        return Redirect("/team/assessment-targets");
    }

    /// <summary>Whole or decimal numbers of a unit, turned into minutes.</summary>
    private int? Number(string field, string? posted, string name, string unit, int minutesPerUnit)
    {
        if (string.IsNullOrWhiteSpace(posted)) { ModelState.AddModelError(field, $"Enter the {name.ToLowerInvariant()} target in {unit}"); return null; }
        if (!decimal.TryParse(posted.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) || v <= 0 || v > 100_000)
        {
            ModelState.AddModelError(field, $"{name} target must be a number of {unit}, like 2 or 1.5");
            return null;
        }
        return (int)Math.Round(v * minutesPerUnit);
    }

    private static string Hours(int minutes) => (minutes / 60m).ToString("0.##", CultureInfo.InvariantCulture);
    private static string Days(int minutes) => (minutes / (24 * 60m)).ToString("0.##", CultureInfo.InvariantCulture);
    private static string Encode(AssessmentTargets t) => FormattableString.Invariant($"{t.ImmediateMinutes}.{t.TodayMinutes}.{t.RoutineMinutes}");

    private static AssessmentTargets? Decode(string? s)
    {
        var parts = (s ?? "").Split('.');
        return parts.Length == 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? new AssessmentTargets(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture))
            : null;
    }
}
