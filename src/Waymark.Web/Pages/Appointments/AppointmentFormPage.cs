using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Appointments;
using Waymark.People;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.Appointments;

/// <summary>
/// The fields of booking and rescheduling an appointment: the typed date and time (with the clock-change question when
/// the time happened twice), length, place, worker, purpose, accompanied and with whom, reminder channels and episode.
/// </summary>
public abstract class AppointmentFormPage(AppointmentService service) : PageModel
{
    /// <summary>The appointments service.</summary>
    protected AppointmentService Service => service;

    [BindProperty] public DateParts Date { get; set; } = new();
    [BindProperty] public string? Time { get; set; }
    /// <summary>For a time that happened twice (the October clock change): "BST" or "GMT".</summary>
    [BindProperty] public string? ClockChange { get; set; }
    [BindProperty] public string? DurationMinutes { get; set; } = AppointmentRules.DefaultDurationMinutes.ToString(CultureInfo.InvariantCulture);
    [BindProperty] public string? Location { get; set; }
    [BindProperty] public string? WorkerUserId { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public string? Accompanied { get; set; }
    [BindProperty] public string? WithWhom { get; set; }
    [BindProperty] public List<string> Remind { get; set; } = [];
    [BindProperty] public string? EpisodeId { get; set; }

    /// <summary>The person the appointment is with (loaded by the page).</summary>
    public Person? Person { get; protected set; }
    /// <summary>The typed time when it happened twice, so the page asks which; null otherwise.</summary>
    public TimeOnly? AmbiguousTime { get; private set; }
    public List<SelectListItem> WorkerItems { get; private set; } = [];
    public List<SelectListItem> EpisodeItems { get; private set; } = [];
    public List<SelectListItem> AccompaniedItems { get; } =
        [new("No, it is with our team", "no"), new("Yes, a worker goes with them to someone else's appointment", "yes")];

    /// <summary>The reminder choices with what the person has agreed to, e.g. "They have agreed to texts at 07700 900123".</summary>
    public List<SelectListItem> RemindItems => [new("Text message reminder", "text"), new("Email reminder", "email")];

    /// <summary>What the person has agreed to about texts, for beside the reminder boxes.</summary>
    public string TextConsent => Person is null ? "" : AppointmentRules.CanText(Person) ? $"They have agreed to texts at {Person.Phone}."
        : string.IsNullOrWhiteSpace(Person.Phone) ? "No phone number recorded – change their details to add it and their consent to texts."
        : "No consent to texts recorded – change their details to add it.";

    /// <summary>What the person has agreed to about email.</summary>
    public string EmailConsent => Person is null ? "" : AppointmentRules.CanEmail(Person) ? $"They have agreed to email at {Person.Email}."
        : string.IsNullOrWhiteSpace(Person.Email) ? "No email address recorded – change their details to add it and their consent to email."
        : "No consent to email recorded – change their details to add it.";

    /// <summary>Loads the worker and episode lists for <see cref="Person"/>.</summary>
    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        WorkerItems = (await service.WorkersAsync(ct)).Select(w => new SelectListItem(w.Name, w.UserId)).ToList();
        var episodes = await service.OpenEpisodesAsync(Person!.Id, ct);
        EpisodeItems = episodes.Count > 1
            ? [new("Select the episode", ""), .. episodes.Select(e => new SelectListItem($"{Waymark.Episodes.Settings.Display(e.Setting)}, identified {Display.DateTime(e.IdentifiedAt)}", e.Id.ToString()))]
            : [];
    }

    /// <summary>Reads the form; a date it cannot read goes on the model state and the date is left out.</summary>
    protected AppointmentInput Read()
    {
        var (date, error) = Date.Parse("Date of the appointment");
        if (error is not null) ModelState.AddModelError(nameof(Date), error);
        int? minutes = int.TryParse(DurationMinutes?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
        return new AppointmentInput(date, Time, ClockChange, minutes, Location, string.IsNullOrEmpty(WorkerUserId) ? null : WorkerUserId, Purpose,
            Accompanied == "yes", WithWhom, Remind.Contains("text"), Remind.Contains("email"),
            Guid.TryParse(EpisodeId, out var e) ? e : null);
    }

    /// <summary>Puts the service's problems on the form (not twice on a field the form already refused), and asks the clock-change question when needed.</summary>
    protected void Show(ValidationFailedException failure)
    {
        foreach (var p in failure.Problems)
        {
            var key = p.Field switch
            {
                nameof(AppointmentInput.RemindByText) or nameof(AppointmentInput.RemindByEmail) => nameof(Remind),
                _ => p.Field,
            };
            if (key == nameof(ClockChange)) AmbiguousTime = TimeOfDay.Parse(Time);
            if (key == nameof(Date) && ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0) continue;
            ModelState.AddModelError(key, p.Message);
        }
    }

    /// <summary>Fills the form from an appointment (rescheduling starts from the old one's answers).</summary>
    protected void Fill(Appointment a)
    {
        var local = UkTime.ToLocal(a.StartsAt);
        Date = DateParts.From(DateOnly.FromDateTime(local.DateTime));
        Time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        DurationMinutes = a.DurationMinutes.ToString(CultureInfo.InvariantCulture);
        (Location, WorkerUserId, Purpose, WithWhom) = (a.Location, a.WorkerUserId, a.Purpose, a.WithWhom);
        Accompanied = a.Accompanied ? "yes" : "no";
        Remind = [.. a.RemindByText ? new[] { "text" } : [], .. a.RemindByEmail ? new[] { "email" } : []];
        EpisodeId = a.EpisodeId?.ToString();
    }
}
