using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.ProactiveIdentification;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ProactiveIdentification;

/// <summary>Screening coverage of the selected groups on custody and court lists, per day and for a range of days (000 "100% screening of selected groups").</summary>
[ShowsNoPersonData("Counts per day, no people.")]
public class FiguresModel(ProactiveQueue queue, TimeProvider clock) : PageModel
{
    /// <summary>The range shown when none is chosen: the last 28 days.</summary>
    public const int DefaultDays = 28;

    [BindProperty(SupportsGet = true)] public DateParts From { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts To { get; set; } = new();

    /// <summary>Each day with a list.</summary>
    public IReadOnlyList<DayCoverage> Days { get; private set; } = [];
    /// <summary>The whole range.</summary>
    public Coverage? Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        var (from, fromError) = From.Parse("From date");
        var (to, toError) = To.Parse("To date");
        if (fromError is not null) ModelState.AddModelError(nameof(From), fromError);
        if (toError is not null) ModelState.AddModelError(nameof(To), toError);
        from ??= today.AddDays(-DefaultDays + 1);
        to ??= today;
        if (ModelState.IsValid)
            foreach (var (field, message) in DateLimits.Period(from.Value, to.Value, today, ProactiveQueue.MaxFigureDays))
                ModelState.AddModelError(field == "To" ? nameof(To) : nameof(From), message);
        if (!ModelState.IsValid) return Page();
        if (From.IsEmpty) From = DateParts.From(from);
        if (To.IsEmpty) To = DateParts.From(to);
        try
        {
            (Days, Total) = await queue.FiguresAsync(from.Value, to.Value, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
        }
        return Page();
    }
}
