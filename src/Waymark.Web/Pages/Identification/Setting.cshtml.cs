using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Episodes;
using Waymark.Identification;
using Waymark.Persistence;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.Identification;

public class SettingModel(IdentificationService journeys, WaymarkDbContext db, TimeProvider clock) : JourneyPage(journeys, db)
{
    [BindProperty] public string? Setting { get; set; }
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public DateParts When { get; set; } = new();
    [BindProperty] public string? Time { get; set; }

    /// <summary>For a time that happened twice (the October clock change): "BST" for the first, "GMT" for the second.</summary>
    [BindProperty] public string? ClockChange { get; set; }

    /// <summary>The typed time when it happened twice, so the page asks which; null otherwise.</summary>
    public TimeOnly? AmbiguousTime { get; private set; }

    public List<SelectListItem> SettingItems { get; } =
        Enum.GetValues<Waymark.Episodes.Setting>().Select(s => new SelectListItem(Settings.Display(s), s.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Setting = Draft.Setting?.ToString();
        Reference = Draft.SettingReference;
        var instant = Draft.IdentifiedAt ?? clock.GetUtcNow();
        var at = UkTime.ToLocal(instant);
        var (day, wall) = (DateOnly.FromDateTime(at.DateTime), TimeOnly.FromDateTime(at.DateTime));
        When = DateParts.From(day);
        Time = at.ToString("HH:mm", CultureInfo.InvariantCulture);
        if (UkTime.Resolve(day, wall).Ambiguous) (AmbiguousTime, ClockChange) = (wall, UkTime.ZoneName(instant));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Enum.TryParse<Waymark.Episodes.Setting>(Setting, out var setting) || !Enum.IsDefined(setting))
            ModelState.AddModelError(nameof(Setting), "Select where they were identified");
        if (Reference is { Length: > 100 }) ModelState.AddModelError(nameof(Reference), "Reference must be 100 characters or fewer");
        var (date, dateError) = When.Parse("Date identified");
        if (When.IsEmpty) ModelState.AddModelError(nameof(When), "Enter the date they were identified");
        else if (dateError is not null) ModelState.AddModelError(nameof(When), dateError);
        TimeOnly time = default;
        if (string.IsNullOrWhiteSpace(Time)) ModelState.AddModelError(nameof(Time), "Enter the time they were identified");
        else if (TimeOfDay.Parse(Time) is { } typedTime) time = typedTime;
        else ModelState.AddModelError(nameof(Time), "Enter a real time, like 09:30, 14:30 or 2:30pm");
        DateTimeOffset? at = null;
        if (date is { } d && ModelState.GetFieldValidationState(nameof(Time)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            var typed = UkTime.ReadTyped(d, time, ClockChange, "Time identified");
            at = typed.At;
            if (typed.Ambiguous) { AmbiguousTime = time; ModelState.AddModelError(nameof(ClockChange), typed.Error!); }
            else if (typed.Error is not null) ModelState.AddModelError(nameof(Time), typed.Error);
            else if (Waymark.Episodes.EpisodeDates.Identification(at!.Value, clock.GetUtcNow()) is { } why) ModelState.AddModelError(nameof(When), why);
        }
        if (!ModelState.IsValid) return Page();

        Draft.Setting = setting;
        Draft.SettingReference = string.IsNullOrWhiteSpace(Reference) ? null : Reference.Trim();
        Draft.IdentifiedAt = at;
        await Db.SaveChangesAsync(ct);
        return Next("reason");
    }
}
