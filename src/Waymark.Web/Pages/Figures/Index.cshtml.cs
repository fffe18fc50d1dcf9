using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Figures;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Figures;

/// <summary>
/// "Team performance": every registered figure source's figures for the manager's team, for a period of UK dates
/// (default this year so far: 1 January of the current UK year to today), by month.
/// </summary>
[ShowsNoPersonData("Aggregate figures: counts and measures by coded category and month, no person's details.")]
public class IndexModel(TeamFigures figures, ICurrentUser user, TimeProvider clock) : PageModel
{
    /// <summary>The first day of the period (UK date), typed.</summary>
    [BindProperty(SupportsGet = true)] public DateParts From { get; set; } = new();
    /// <summary>The last day of the period (UK date, inclusive), typed.</summary>
    [BindProperty(SupportsGet = true)] public DateParts To { get; set; } = new();

    /// <summary>The sections in order with their figures; null when the dates were refused.</summary>
    public IReadOnlyList<(string Section, IReadOnlyList<Figure> Figures)>? Sections { get; private set; }

    /// <summary>The period shown, for the page's summary line.</summary>
    public (DateOnly From, DateOnly To)? Period { get; private set; }

    /// <summary>Reads the dates (the NHS error summary on a bad one, typed values kept) and computes the figures.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        if (PeriodInput.Read(ModelState, From, To, new DateOnly(today.Year, 1, 1), today) is not { } period) return Page();
        var (from, to) = period;
        Period = (from, to);
        Sections = await figures.ComputeAsync(new FigureScope([user.TeamId!.Value], from, to), ct);
        return Page();
    }

    /// <summary>The anchor id of a section ("section-demand").</summary>
    public static string SectionId(string section) =>
        "section-" + new string(section.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
