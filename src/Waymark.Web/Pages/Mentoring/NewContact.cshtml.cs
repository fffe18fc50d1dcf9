using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Audit;
using Waymark.Mentoring;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Mentoring;

/// <summary>
/// "/mentoring/{personId}/contacts/new": a mentor records a meeting or call with their mentee (or an attempt): when,
/// reached or not, how long, a short note. Writes a mentoring contact in the mentor's name
/// (<see cref="MentoringService.RecordContactAsync"/>). 404 for anyone who is not the user's active mentee.
/// </summary>
public class NewContactModel(MentoringService mentoring, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] :
        [PersonView.Record("MentoringPairing", PairingId.ToString(), PersonId, "Recording a mentoring contact")];

    [FromRoute] public Guid PersonId { get; set; }
    [BindProperty] public DateParts OccurredOn { get; set; } = new();
    /// <summary>The time as typed (read by <see cref="TimeOfDay.Parse"/>).</summary>
    [BindProperty] public string? Time { get; set; }
    /// <summary>"BST" or "GMT" for a time that happened twice.</summary>
    [BindProperty] public string? ClockChange { get; set; }
    /// <summary>"yes" or "no".</summary>
    [BindProperty] public string? Reached { get; set; }
    /// <summary>Minutes, as typed.</summary>
    [BindProperty] public string? Duration { get; set; }
    [BindProperty] public string? Note { get; set; }

    /// <summary>The mentee's name; null when not the user's mentee.</summary>
    public string? PersonName { get; private set; }
    private Guid PairingId { get; set; }
    /// <summary>The typed time when it happened twice, so the page asks which.</summary>
    public TimeOnly? AmbiguousTime { get; private set; }
    public List<SelectListItem> ReachedItems { get; } = [new("Yes", "yes"), new("No, I tried but did not reach them", "no")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var now = clock.GetUtcNow();
        OccurredOn = DateParts.From(UkTime.DateOf(now));
        Time = UkTime.ToLocal(now).ToString("HH:mm", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var input = Read();
        try
        {
            ValidationFailedException.ThrowIfAny(MentoringRules.Problems(input, DateOnly.MinValue, clock.GetUtcNow())
                .Where(p => !Said(p.Field)));
            if (!ModelState.IsValid) return Page();
            await mentoring.RecordContactAsync(PersonId, input, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e.Problems.Select(p => (p.Field, p.Message)), KeyFor, SaidElsewhere);
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "Mentoring contact recorded";
        return Redirect($"/mentoring/{PersonId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var mentee = await mentoring.MenteeAsync(PersonId, ct);
        if (mentee is null) return false;
        (PersonName, PairingId) = (mentee.Name, mentee.Pairing.Id);
        return true;
    }

    private MentoringContactInput Read()
    {
        (var at, AmbiguousTime) = TypedMoment.Read(ModelState, OccurredOn, Time, ClockChange,
            new(nameof(OccurredOn), nameof(Time), nameof(ClockChange)),
            new("Date", "Enter the date you met or spoke", "Enter the time, for example 14:30",
                "Enter the time like 14:30 or 2:30pm", "The time", LaterRuleBoundsTheFuture: true));
        var minutes = TypedMoment.Minutes(ModelState, Duration, nameof(Duration), "How long must be a whole number of minutes, like 45");
        return new MentoringContactInput(at, Reached switch { "yes" => true, "no" => false, _ => null }, minutes, Note);
    }

    private static string KeyFor(string field) => field switch
    {
        nameof(MentoringContactInput.OccurredAt) => nameof(OccurredOn),
        nameof(MentoringContactInput.DurationMinutes) => nameof(Duration),
        _ => field,
    };

    // A date, time or clock change the form refused says it all.
    private bool SaidElsewhere(string field) =>
        field == nameof(MentoringContactInput.OccurredAt) && ModelState.HasError(nameof(OccurredOn), nameof(Time), nameof(ClockChange));

    // One error per field: a date, time or clock change the form refused, or the field's own error already.
    private bool Said(string field) => SaidElsewhere(field) || ModelState.HasError(KeyFor(field));
}
