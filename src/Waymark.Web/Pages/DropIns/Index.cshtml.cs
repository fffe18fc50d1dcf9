using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.DropIns;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.DropIns;

/// <summary>
/// The team's drop-ins of a UK day ("/drop-ins", <c>?date=yyyy-MM-dd</c>, or the day typed in the date boxes;
/// <c>?page=</c>): time, person, why, who saw them, reopened or not. Today by default.
/// </summary>
public class IndexModel(DropInService dropIns, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Day is null ? [] :
        [PersonView.List("DropIn", Day.Items.Select(r => r.PersonId), $"day={Day.Day:yyyy-MM-dd} page={Day.PageNumber}")];

    /// <summary>The day as a link gives it (yyyy-MM-dd).</summary>
    [FromQuery(Name = "date")] public string? Date { get; set; }
    /// <summary>The day as typed in the date picker.</summary>
    [BindProperty(SupportsGet = true)] public DateParts Show { get; set; } = new();

    public DropInDay? Day { get; private set; }
    /// <summary>Today, UK time.</summary>
    public DateOnly Today => UkTime.DateOf(clock.GetUtcNow());

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        var day = Today;
        if (!Show.IsEmpty)
        {
            var (typed, error) = Show.Parse("The day to show");
            if (error is not null || typed is null) ModelState.AddModelError(nameof(Show), error ?? "Enter the day to show");
            else if (typed.Value.Year is < 2000 or > 2100) ModelState.AddModelError(nameof(Show), "Enter a day between 2000 and 2100");
            else day = typed.Value;
        }
        else if (!string.IsNullOrEmpty(Date))
        {
            // A day a link cannot give (typed or cut short): the error summary, with today's list.
            if (!LinkedDate.TryRead(Date, out var linked))
                ModelState.AddModelError(nameof(Show), LinkedDate.BadDate);
            else day = linked;
        }
        if (ModelState.IsValid) Show = DateParts.From(day);
        Day = await dropIns.DayAsync(day, pageNumber, ct);
        return Page();
    }
}
