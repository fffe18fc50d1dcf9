using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.LiaisonReports;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.LiaisonReports;

/// <summary>
/// One version of a liaison report, printable on one or two A4 pages (the print stylesheet hides everything but the
/// report), with its PDF, the list of all versions (each readable), the time from identification to the report being
/// sent, and for a sent latest version the way to correct it (a new version; this one is kept as sent).
/// </summary>
public class ReportModel(LiaisonReportService reports, WaymarkDbContext db, ICurrentUser user, Auditor audit) : PageModel, IShowsPersonData
{
    [FromRoute] public Guid Id { get; set; }

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => View is null ? [] : [PersonView.Record("LiaisonReport", Id.ToString(), View.Report.PersonId, $"Version {View.Report.Number}")];

    public ReportView? View { get; private set; }

    /// <summary>Whether this user may write, send and correct (open episode of their team, and <see cref="Permission.Screen"/>).</summary>
    public bool CanChange => View is { } v && v.Episode.IsOpen && v.Episode.TeamId == user.TeamId && User.Can(Permission.Screen);

    /// <summary>Whether this is the report's latest version.</summary>
    public bool IsLatest => View is { } v && v.Versions.Count > 0 && v.Versions[0].Id == v.Report.Id;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await ReportView.LoadAsync(reports, db, Id, ct);
        return View is null ? NotFound() : Page();
    }

    /// <summary>The version as a PDF (A4) to attach to secure email or print; audited as a view of the report.</summary>
    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        View = await ReportView.LoadAsync(reports, db, Id, ct);
        if (View is null) return NotFound();
        var bytes = ReportPdf.Write(View);
        await audit.RecordNowAsync(AuditAction.Viewed, "LiaisonReport", Id.ToString(), View.Report.PersonId, $"Version {View.Report.Number} downloaded as PDF", ct: ct);
        return File(bytes, "application/pdf", $"liaison-report-v{View.Report.Number}-{UkTime.DateOf(View.Report.SentAt ?? View.Report.UpdatedAt):yyyy-MM-dd}.pdf");
    }

    /// <summary>Starts a correction: the next version, a draft from this one's content; then its form.</summary>
    [RequiresPermission(Permission.Screen)]
    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken ct)
    {
        View = await ReportView.LoadAsync(reports, db, Id, ct);
        if (View is null) return NotFound();
        if (!CanChange) return Forbid();
        try
        {
            var next = await reports.CorrectAsync(Id, ct);
            return Redirect($"/liaison-reports/{next.Id}/edit");
        }
        catch (Exception e) when (e is DomainRuleException or ConcurrencyConflictException)
        {
            ModelState.AddModelError("", e.Message);
            View = await ReportView.LoadAsync(reports, db, Id, ct);
            return Page();
        }
    }
}
