using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Liaison;

/// <summary>
/// A page that records consent, its withdrawal, or sharing without consent on one of the team's episodes: the episode
/// of another team is not found (404); a moment typed as a UK date and 24-hour time, with the clock-change question
/// when the time happened twice; the team's agencies in use as choices.
/// </summary>
public abstract class SharingPage(WaymarkDbContext db, ICurrentUser user, TimeProvider clock, CriminalJusticeAgencies agencies)
    : EpisodeWorkPage(db, user, clock), IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null ? [] : [PersonView.Record("CriminalJusticeSharing", EpisodeId.ToString(), Episode.PersonId)];

    [BindProperty] public DateParts When { get; set; } = new();
    [BindProperty] public string? Time { get; set; }
    /// <summary>For a time that happened twice (the October clock change): "BST" for the first, "GMT" for the second.</summary>
    [BindProperty] public string? ClockChange { get; set; }
    /// <summary>The typed time when it happened twice, so the page asks which; null otherwise.</summary>
    public TimeOnly? AmbiguousTime { get; private set; }

    public List<SelectListItem> AgencyItems { get; private set; } = [];
    public List<SelectListItem> InformationItems { get; } = SharedInformation.All.Select(x => new SelectListItem(x.Name, x.Code)).ToList();

    /// <summary>Loads the episode (another team's is not found) and the team's agencies in use.</summary>
    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadEpisodeAsync(ct) || Episode!.TeamId != CurrentUser.TeamId) return false;
        AgencyItems = (await agencies.InUseAsync(ct))
            .Select(a => new SelectListItem($"{a.Name} ({AgencyKinds.Display(a.Kind)})", a.Id.ToString())).ToList();
        return true;
    }

    /// <summary>Puts now (UK time) in the date and time boxes.</summary>
    protected void DefaultToNow()
    {
        var at = UkTime.ToLocal(Now);
        When = DateParts.From(DateOnly.FromDateTime(at.DateTime));
        Time = at.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The typed date and time as an instant, or null with the problem on the form.</summary>
    /// <param name="what">How the form names it, e.g. "Date consent was given".</param>
    /// <param name="timeWhat">How the form names the time, e.g. "Time consent was given".</param>
    protected DateTimeOffset? ReadMoment(string what, string timeWhat)
    {
        var (date, dateError) = When.Parse(what);
        if (When.IsEmpty) ModelState.AddModelError(nameof(When), $"Enter the {what.ToLowerInvariant()}");
        else if (dateError is not null) ModelState.AddModelError(nameof(When), dateError);
        TimeOnly time = default;
        if (string.IsNullOrWhiteSpace(Time)) { ModelState.AddModelError(nameof(Time), $"Enter the {timeWhat.ToLowerInvariant()}"); return null; }
        if (TimeOfDay.Parse(Time) is { } typedTime) time = typedTime;
        else
        {
            ModelState.AddModelError(nameof(Time), "Enter a real time, like 09:30, 14:30 or 2:30pm");
            return null;
        }
        if (date is not { } d) return null;
        var typed = UkTime.ReadTyped(d, time, ClockChange, timeWhat);
        if (typed.Ambiguous) { AmbiguousTime = time; ModelState.AddModelError(nameof(ClockChange), typed.Error!); }
        else if (typed.Error is not null) ModelState.AddModelError(nameof(Time), typed.Error);
        return typed.At;
    }

    /// <summary>The chosen agencies that are ids; anything else is dropped (and then "select at least one" applies).</summary>
    protected static List<Guid> Ids(IEnumerable<string> posted) =>
        posted.Select(p => Guid.TryParse(p, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();

    /// <summary>Adds the service's problems, each on its form field, unless the field already has one.</summary>
    protected void AddProblems(IEnumerable<ValidationProblem> problems, Func<string, string> key)
    {
        foreach (var p in problems)
        {
            var k = key(p.Field);
            if (!ModelState.TryGetValue(k, out var entry) || entry.Errors.Count == 0) ModelState.AddModelError(k, p.Message);
        }
    }

    /// <summary>The episode page's sharing section.</summary>
    protected IActionResult BackToEpisode(string success)
    {
        TempData["Success"] = success;
        return Redirect($"/episodes/{EpisodeId}#criminal-justice-sharing");
    }
}
