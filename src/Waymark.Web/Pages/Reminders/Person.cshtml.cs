using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Reminders;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Reminders;

/// <summary>
/// "/people/{id}/reminders": the text and email reminders the team sent or planned for a person (the message, when, and
/// what Notify said), and "Mark as dealt with" for a failed one (the person page's failures section posts here).
/// </summary>
public class PersonModel(WaymarkDbContext db, ReminderQueries reminders) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown =>
        Result is { } r ? [PersonView.Record("Reminder", null, PersonId, $"reminders page={r.PageNumber}")] : [];

    [FromRoute] public Guid PersonId { get; set; }
    /// <summary>The person's name, for the heading.</summary>
    public string Name { get; private set; } = "";
    public ReminderPage? Result { get; private set; }
    /// <summary>Set after "Mark as dealt with" (shown once).</summary>
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (await NameAsync(ct) is not { } name) return NotFound();
        Name = name;
        Result = await reminders.OfPersonAsync(PersonId, pageNumber, ct);
        return Page();
    }

    /// <summary>Marks a failed reminder as dealt with, then back to the person's page (or this page with <paramref name="back"/> = "reminders").</summary>
    public async Task<IActionResult> OnPostDealtWithAsync([FromForm] Guid? reminderId, [FromForm] string? back, CancellationToken ct = default)
    {
        if (await NameAsync(ct) is null) return NotFound();
        if (reminderId is not { } id || !await reminders.MarkDealtWithAsync(PersonId, id, ct)) return NotFound();
        Done = "The failed reminder is marked as dealt with.";
        return back == "reminders" ? Redirect($"/people/{PersonId}/reminders") : Redirect($"/people/{PersonId}#reminders-failed");
    }

    private async Task<string?> NameAsync(CancellationToken ct) =>
        await db.Set<Person>().AsNoTracking().Where(p => p.Id == PersonId).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefaultAsync(ct);
}
