using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Commissioning;
using Waymark.Figures;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Commissioning;

/// <summary>
/// The monthly dataset download (docs/dataset.md): a month (default the last complete one), all the commissioner's teams
/// or one, CSV or JSON. Pseudonymised with the commissioner's own key; written to the response as it is read. Each
/// download is audited (Exported, "MonthlyDataset", with the month, format and teams in the detail) before it starts.
/// </summary>
[ShowsNoPersonData("A form; the download is pseudonymised (no name, date of birth or identifier) and audited by the handler.")]
public class DatasetModel(WaymarkDbContext db, MonthlyDataset dataset, Auditor auditor, ICurrentUser user, TimeProvider clock) : PageModel
{
    /// <summary>Months offered: this many before the current one (the current month, part-way through, is offered too).</summary>
    public const int MonthsOffered = 36;

    [BindProperty] public string? Month { get; set; }
    [BindProperty] public string? Team { get; set; }
    [BindProperty] public string? Format { get; set; }

    public IReadOnlyList<CommissionedTeam> MyTeams { get; private set; } = [];
    public List<SelectListItem> TeamItems { get; private set; } = [];
    public List<SelectListItem> MonthItems { get; private set; } = [];
    public static List<SelectListItem> FormatItems { get; } = [new("CSV (opens in a spreadsheet)", "csv"), new("JSON", "json")];

    public async Task<IActionResult> OnGetAsync([FromQuery] string? team, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (CommissioningChoices.Chosen(MyTeams, team) is null) return NotFound();
        Team = team;
        Month = global::Waymark.Figures.Month.Of(UkTime.Today(clock)).FirstDay.AddMonths(-1) is var d ? global::Waymark.Figures.Month.Of(d).Code : null;
        Format = "csv";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (CommissioningChoices.Chosen(MyTeams, Team) is not { } chosen) return NotFound();
        var month = global::Waymark.Figures.Month.Parse(Month);
        if (month is null || MonthItems.All(i => i.Value != Month)) ModelState.AddModelError(nameof(Month), "Select a month");
        DatasetFormat? format = Format switch { "csv" => DatasetFormat.Csv, "json" => DatasetFormat.Json, _ => null };
        if (format is null) ModelState.AddModelError(nameof(Format), "Select CSV or JSON");
        if (chosen.Count == 0) ModelState.AddModelError(nameof(Team), "You are not linked to any team, so there is nothing to download");
        if (!ModelState.IsValid) return Page();

        await auditor.RecordNowAsync(AuditAction.Exported, "MonthlyDataset", month!.Value.Code,
            detail: $"month={month.Value.Code};format={Format};teams={CommissioningChoices.AuditTeams(chosen)}", ct: ct);
        var (contentType, _) = DatasetWriters.Media(format!.Value);
        Response.ContentType = contentType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{DatasetWriters.FileName(month.Value, format.Value)}\"";
        Response.Headers.CacheControl = "no-store";
        await DatasetWriters.WriteAsync(format.Value, Response.Body, month.Value, clock.GetUtcNow(),
            dataset.RowsAsync(user.UserId!, month.Value, chosen, ct), ct);
        return new EmptyResult();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MyTeams = await CommissionedTeams.OfAsync(db, user.UserId!, ct);
        TeamItems = CommissioningChoices.TeamItems(MyTeams);
        var current = global::Waymark.Figures.Month.Of(UkTime.Today(clock));
        MonthItems = Enumerable.Range(0, MonthsOffered + 1)
            .Select(i => global::Waymark.Figures.Month.Of(current.FirstDay.AddMonths(-i)))
            .Select(m => new SelectListItem(m == current ? $"{m.Label} (so far)" : m.Label, m.Code)).ToList();
    }
}
