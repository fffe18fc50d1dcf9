using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.ThroughTheGate;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ThroughTheGate;

/// <summary>Record that a person was released, one step with who and when (<c>/people/{personId}/release/released</c>); the follow-up is then due a month after the date.</summary>
public class ReleasedModel(ReleasePlanService service, WaymarkDbContext db, ICurrentUser user, TimeProvider clock) : ReleasePlanPage(service, db)
{
    /// <inheritdoc />
    protected override string Doing => "Recording a release";

    [BindProperty] public DateParts ReleasedOn { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Plan is not { IsOpen: true } p || p.TeamId != user.TeamId) return NotFound();
        var today = UkTime.Today(clock);
        ReleasedOn = DateParts.From(p.ExpectedReleaseOn <= today ? p.ExpectedReleaseOn : today);
        Version = p.Version;
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Plan is null || Plan.TeamId != user.TeamId) return NotFound();
        var (date, error) = ReleasedOn.Parse("Date they were released", laterRuleBoundsTheFuture: true);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(ReleasedOn), error);
            return Page();
        }
        try
        {
            await Service.RecordReleaseAsync(Plan.Id, date, Version, ct);
            return BackToPlan("Release recorded");
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (Exception e) when (e is ReleasePlanRuleException or ConcurrencyConflictException)
        {
            ShowConflict(e.Message);
            return Page();
        }
    }
}
