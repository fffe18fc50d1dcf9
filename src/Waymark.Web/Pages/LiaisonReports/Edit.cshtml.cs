using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Audit;
using Waymark.LiaisonReports;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.LiaisonReports;

/// <summary>
/// Edit a draft version of a liaison report. The save applies only over the version the practitioner loaded: if
/// someone else saved or sent it meanwhile, nothing is saved, the form keeps what they typed and the page shows the
/// report as it now is. A sent version is frozen: the page sends the user to it (a correction is a new version).
/// </summary>
public class EditModel(LiaisonReportService reports, WaymarkDbContext db, ICurrentUser user, TimeProvider clock) : ReportForm, IShowsPersonData
{
    [FromRoute] public Guid Id { get; set; }
    /// <summary>The draft's version as loaded (IVersioned).</summary>
    [BindProperty] public Guid Version { get; set; }

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => View is null ? [] : [PersonView.Record("LiaisonReport", Id.ToString(), View.Report.PersonId, $"Version {View.Report.Number} (editing)")];

    public ReportView? View { get; private set; }
    /// <summary>Someone else saved first: the page shows the report as they left it above the form.</summary>
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var r = View!.Report;
        if (r.IsSent || !CanChange) return Redirect($"/liaison-reports/{Id}");
        Fill(new LiaisonReportInput(r.Addressees.Select(a => a.AgencyId).ToList(), r.Vulnerabilities, r.Screening, r.Assessment, r.Priorities, r.EffectOnProcess,
            r.Recommendations.Select(x => new RecommendationInput(x.Code, x.Detail, x.PersonConsents, x.ProviderAgrees, x.Provider)).ToList(), r.FurtherInformation, r.CorrectionNote));
        Version = r.Version;
        return Page();
    }

    [RequiresPermission(Permission.Screen)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Forbid();
        var input = Input();
        AddProblems(input.Validate());
        if (!ModelState.IsValid) return Page();
        try
        {
            await reports.SaveAsync(Id, Version, input, ct);
            return Redirect($"/liaison-reports/{Id}/preview");
        }
        catch (ValidationFailedException e) { AddProblems(e); return Page(); }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            Conflict = true;
            await LoadAsync(ct);
            Version = View!.Report.Version;
            ModelState.Remove(nameof(Version));
            return Page();
        }
        catch (DomainRuleException e) { ModelState.AddModelError("", e.Message); return Page(); }
    }

    /// <summary>Whether the episode is open and of the user's team.</summary>
    public bool CanChange => View is { } v && v.Episode.IsOpen && v.Episode.TeamId == user.TeamId;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        View = await ReportView.LoadAsync(reports, db, Id, ct);
        if (View is null) return false;
        Number = View.Report.Number;
        var inUse = await reports.AgenciesInUseAsync(ct);
        var retiredOnDraft = View.Report.Addressees.Where(a => inUse.All(x => x.Id != a.AgencyId)).Select(a => a.AgencyId).ToList();
        AgencyChoices = retiredOnDraft.Count == 0 ? inUse
            : [.. inUse, .. (await reports.AgenciesAsync(retiredOnDraft, ct))];
        AgeToday = View.Person.AgeOn(UkTime.Today(clock));
        return true;
    }
}
