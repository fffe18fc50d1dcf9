using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Figures;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;
using Waymark.Web.Pages.Shared;

namespace Waymark.Web.Pages.Figures;

/// <summary>
/// "Unmet need: evidence for commissioners" (issue 15 item 2): for the manager's team and a date range, the period's
/// totals by need first, then each unmet-need figure by need and month (<see cref="UnmetNeedFigureSource"/>). Printable.
/// </summary>
[ShowsNoPersonData("Counts by need, reason and month only: no names, identifiers or free text.")]
public class UnmetNeedModel(WaymarkDbContext db, HttpCurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateParts From { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts To { get; set; } = new();

    /// <summary>
    /// Shown as a commissioner would see it (<see cref="Waymark.Commissioning.DisclosureControl"/>: 1 to 4 hidden, others
    /// rounded to 5), for a copy that leaves the team; unticked, the team's exact counts.
    /// </summary>
    [BindProperty(SupportsGet = true)] public bool Controlled { get; set; }

    /// <summary>The team the figures are for (printed at the top).</summary>
    public string TeamName => user.TeamName ?? "";
    /// <summary>Today's UK date (printed at the top).</summary>
    public DateOnly Today { get; private set; }

    /// <summary>The period shown, once the dates are valid.</summary>
    public FigureScope? Scope { get; private set; }
    /// <summary>The period's totals by need.</summary>
    public FigureDisplay? Totals { get; private set; }
    /// <summary>Each figure with its plain table.</summary>
    public IReadOnlyList<FigureDisplay> Figures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = Today = UkTime.Today(clock);
        // The twelve months to today unless said: this month and the eleven before.
        if (PeriodInput.Read(ModelState, From, To, new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today) is not { } period) return Page();
        var (from, to) = period;
        Scope = new FigureScope([user.TeamId!.Value], from, to);
        var figures = await new UnmetNeedFigureSource().ComputeAsync(db, Scope, ct);
        Figures = figures.Select(f => new FigureDisplay(f, Controlled ? Waymark.Commissioning.DisclosureControl.Apply(f) : DisplayedTable.Plain(f))).ToList();
        // The totals by need are a table of exact counts across the figures; under disclosure control each figure's own
        // Total column (controlled) stands in for it.
        if (Controlled) return Page();
        var totalsFigure = new CountFigure("unmet.totals", "Unmet need", "Totals by need",
            "For each need with any count in the period: referrals declined as below threshold, as not eligible and for other reasons, and needs recorded with no suitable service.",
            new CountTable("Need", [], Scope.Months), FigureChart.Bars);
        Totals = new FigureDisplay(totalsFigure, UnmetNeedFigureSource.TotalsByNeed(figures));
        return Page();
    }
}
