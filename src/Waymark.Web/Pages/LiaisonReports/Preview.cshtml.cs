using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Liaison;
using Waymark.LiaisonReports;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.LiaisonReports;

/// <summary>
/// A draft as it would be sent now: what covers each addressee (consent or a lawful basis), which sections would be left
/// out because their information is not covered for every addressee, and the form to send it (how, and to whom it was
/// given). Sending is refused, naming the agency, unless every addressee is covered at that moment.
/// </summary>
public class PreviewModel(LiaisonReportService reports, WaymarkDbContext db, ICurrentUser user, TimeProvider clock) : PageModel, IShowsPersonData
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public Guid Version { get; set; }
    [BindProperty] public string? How { get; set; }
    [BindProperty] public string? SentNote { get; set; }

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => View is null ? [] : [PersonView.Record("LiaisonReport", Id.ToString(), View.Report.PersonId, $"Version {View.Report.Number} (preview)")];

    public ReportView? View { get; private set; }
    /// <summary>What covers each addressee now (null: nothing).</summary>
    public IReadOnlyDictionary<Guid, SharingCover?> Covers { get; private set; } = new Dictionary<Guid, SharingCover?>();
    /// <summary>The sections that would be left out if it were sent now.</summary>
    public IReadOnlyList<string> LeftOut { get; private set; } = [];
    /// <summary>The agencies sending was refused for (after a refused send).</summary>
    public IReadOnlyList<string> Uncovered { get; private set; } = [];
    /// <summary>
    /// The treatment requirement recommendations that sending would refuse now, each as its name and the reasons
    /// (<see cref="TreatmentEligibility"/>: 18 or over on today's UK date, consent, a provider agrees).
    /// </summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Problems)> NotEligible { get; private set; } = [];
    public List<SelectListItem> HowItems { get; } = [.. SendingMethods.All.Select(m => new SelectListItem(SendingMethods.Display(m), m.ToString()))];

    /// <summary>Whether the episode is open and of the user's team.</summary>
    public bool CanChange => View is { } v && v.Episode.IsOpen && v.Episode.TeamId == user.TeamId;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (View!.Report.IsSent || !CanChange) return Redirect($"/liaison-reports/{Id}");
        Version = View.Report.Version;
        return Page();
    }

    [RequiresPermission(Permission.Screen)]
    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Forbid();
        var how = Choices.Enum<SendingMethod>(How);
        if (how is null) ModelState.AddModelError(nameof(How), "Select how the report is sent");
        if (SentNote is { Length: > 500 }) ModelState.AddModelError(nameof(SentNote), "The note must be 500 characters or fewer");
        if (!ModelState.IsValid) return Page();
        try
        {
            var (report, left) = await reports.SendAsync(Id, Version, how!.Value, SentNote, ct);
            TempData["Success"] = $"Version {report.Number} recorded as sent to {string.Join(", ", View!.Addressees)}."
                + (left.Count > 0 ? $" Left out because the consent or lawful basis does not cover them: {string.Join(", ", left)}." : "");
            return Redirect($"/liaison-reports/{Id}");
        }
        catch (LiaisonReportNotCoveredException e)
        {
            Uncovered = e.AgencyNames;
            ModelState.AddModelError("", e.Message);
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            await LoadAsync(ct);
            Version = View!.Report.Version;
            ModelState.Remove(nameof(Version));
        }
        catch (ValidationFailedException e) { ModelState.AddProblems(e); }
        catch (DomainRuleException e) { ModelState.AddModelError("", e.Message); }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        View = await ReportView.LoadAsync(reports, db, Id, ct);
        if (View is null) return false;
        Covers = await reports.CoversAsync(View.Report, clock.GetUtcNow(), ct);
        var covered = LiaisonReport.CoveredInformation(Covers.Values.ToList());
        LeftOut = covered is null ? [] : View.Report.LeftOutWith(covered);
        View.WouldBeLeftOut = LeftOut;
        var age = View.Person.AgeOn(UkTime.DateOf(clock.GetUtcNow()));
        NotEligible = View.Report.Recommendations
            .Where(x => LiaisonRecommendations.Find(x.Code)?.IsTreatmentRequirement == true)
            .Select(x => (LiaisonRecommendations.Display(x.Code), TreatmentEligibility.Problems(age, x.PersonConsents, x.ProviderAgrees)))
            .Where(x => x.Item2.Count > 0).ToList();
        return true;
    }
}
