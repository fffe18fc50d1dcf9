using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Commissioning;
using Waymark.Figures;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;
using Waymark.Web.Pages.Shared;

namespace Waymark.Web.Pages.Commissioning;

/// <summary>
/// The commissioner view: every figure of <see cref="TeamFigures"/> for the commissioner's teams (all, or one) over a
/// period, under <see cref="DisclosureControl"/>. Aggregates only: no name, date of birth, identifier or free text.
/// Each view is audited (Viewed, "CommissionedFigures", with the period and teams in the detail).
/// </summary>
[ShowsNoPersonData("Aggregates under statistical disclosure control; the page audits each view itself with its period and teams.")]
public class IndexModel(WaymarkDbContext db, TeamFigures figures, Auditor auditor, ICurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateParts From { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts To { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }

    /// <summary>The commissioner's teams.</summary>
    public IReadOnlyList<CommissionedTeam> MyTeams { get; private set; } = [];
    /// <summary>The team choice.</summary>
    public List<SelectListItem> TeamItems { get; private set; } = [];
    /// <summary>The sections with their controlled figures; null when the form has problems.</summary>
    public IReadOnlyList<(string Section, IReadOnlyList<FigureDisplay> Figures)>? Sections { get; private set; }
    /// <summary>The period shown, in words.</summary>
    public string Period { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        MyTeams = await CommissionedTeams.OfAsync(db, user.UserId!, ct);
        TeamItems = CommissioningChoices.TeamItems(MyTeams);
        if (CommissioningChoices.Chosen(MyTeams, Team) is not { } chosen) return NotFound();
        var today = UkTime.Today(clock);
        if (PeriodInput.Read(ModelState, From, To, new DateOnly(today.Year, 1, 1), today) is not { } period) return Page();
        var (from, to) = period;
        Period = $"{from:d MMMM yyyy} to {to:d MMMM yyyy}";
        if (chosen.Count == 0) { Sections = []; return Page(); }
        var scope = new FigureScope(chosen.Select(t => t.Id).ToList(), from, to);
        var computed = await figures.ComputeAsync(scope, ct);
        Sections = computed.Select(s => (s.Section, (IReadOnlyList<FigureDisplay>)s.Figures.Select(Controlled).ToList())).ToList();
        await auditor.RecordNowAsync(AuditAction.Viewed, "CommissionedFigures", null,
            detail: $"from={from:yyyy-MM-dd};to={to:yyyy-MM-dd};teams={CommissioningChoices.AuditTeams(chosen)}", ct: ct);
        return Page();
    }

    private static FigureDisplay Controlled(Figure f) => new(f, DisclosureControl.Apply(f));
}
