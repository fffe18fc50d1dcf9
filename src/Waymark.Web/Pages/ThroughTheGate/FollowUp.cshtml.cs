using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.ThroughTheGate;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ThroughTheGate;

/// <summary>
/// Record the follow-up after release (<c>/people/{personId}/release/follow-up</c>): when, and how it went. Once recorded,
/// the follow-up leaves the releases list and the key worker's tasks.
/// </summary>
public class FollowUpModel(ReleasePlanService service, WaymarkDbContext db, ICurrentUser user, TimeProvider clock) : ReleasePlanPage(service, db)
{
    /// <inheritdoc />
    protected override string Doing => "Recording the follow-up after release";

    [BindProperty] public DateParts DoneOn { get; set; } = new();
    [BindProperty] public string? Note { get; set; }

    private bool CanFollowUp => Plan is { CancelledAt: null, ReleasedOn: not null, FollowUpDoneOn: null } p && p.TeamId == user.TeamId;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !CanFollowUp) return NotFound();
        DoneOn = DateParts.From(UkTime.Today(clock));
        Version = Plan!.Version;
        return Page();
    }

    [RequiresPermission(Permission.RecordContacts)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Plan is null || Plan.TeamId != user.TeamId) return NotFound();
        var (date, error) = DoneOn.Parse("Date of the follow-up", laterRuleBoundsTheFuture: true);
        if (error is not null) ModelState.AddModelError(nameof(DoneOn), error);
        try
        {
            if (error is not null)
            {
                if (string.IsNullOrWhiteSpace(Note)) ModelState.AddModelError(nameof(Note), "Enter how the follow-up went");
                return Page();
            }
            await Service.RecordFollowUpAsync(Plan.Id, date, Note, Version, ct);
            return BackToPlan("Follow-up recorded");
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
