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
        if (PeriodInput.Read(ModelState, From, To, today.AddDays(-DefaultDays + 1), today, ProactiveQueue.MaxFigureDays) is not { } period) return Page();
        var (from, to) = period;
        try
        {
            (Days, Total) = await queue.FiguresAsync(from, to, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
        }
        return Page();
    }
}
