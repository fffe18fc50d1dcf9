using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.LiaisonReports;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.LiaisonReports;

/// <summary>
/// A new liaison report on an open episode of the team, drafted from what is recorded (screening, assessment, the
/// person's priorities). Saving makes version 1, a draft, and goes to its preview (the second of at most three page
/// loads from the episode page to a sent report).
/// </summary>
public class NewModel(LiaisonReportService reports, WaymarkDbContext db, ICurrentUser user, TimeProvider clock) : ReportForm, IShowsPersonData
{
    [FromRoute] public Guid EpisodeId { get; set; }

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null ? [] : [PersonView.Record("LiaisonReport", null, Episode.PersonId, "New report drafted from the records")];

    public Episode? Episode { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Redirect($"/episodes/{EpisodeId}");
        Fill(await reports.DraftAsync(EpisodeId, ct));
        if (AgencyChoices.Count == 1) Agencies = [AgencyChoices[0].Id.ToString()];
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
            var r = await reports.CreateAsync(EpisodeId, input, ct);
            return Redirect($"/liaison-reports/{r.Id}/preview");
        }
        catch (ValidationFailedException e) { AddProblems(e); return Page(); }
        catch (DomainRuleException e) { ModelState.AddModelError("", e.Message); return Page(); }
    }

    /// <summary>Whether the episode is open and of the user's team (the page's permission is checked by its convention).</summary>
    public bool CanChange => Episode is { IsOpen: true } e && e.TeamId == user.TeamId;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Episode = await db.Episodes.Include(e => e.Person).AsNoTracking().FirstOrDefaultAsync(e => e.Id == EpisodeId, ct);
        if (Episode is null) return false;
        AgencyChoices = await reports.AgenciesInUseAsync(ct);
        AgeToday = Episode.Person!.AgeOn(UkTime.Today(clock));
        return true;
    }
}
