using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.ActionPlans;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ActionPlans;

/// <summary>
/// Mark a goal achieved or no longer wanted (<c>/people/{personId}/action-plan/goal/{goalId}/end</c>), with who and when;
/// a reason is optional for "no longer wanted". Needs <see cref="Permission.WritePlans"/> (Conventions).
/// </summary>
public class EndGoalModel(ActionPlanService service) : ActionPlanFormPage, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Goal is null ? [] :
        [PersonView.Record(nameof(ActionPlanGoal), GoalId.ToString(), PersonId, "Ending a goal")];

    [FromRoute] public Guid PersonId { get; set; }
    [FromRoute] public Guid GoalId { get; set; }
    /// <summary>"Achieved" or "NoLongerWanted".</summary>
    [BindProperty] public string? Ending { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public string? PersonName { get; private set; }
    public ActionPlanGoal? Goal { get; private set; }
    public List<SelectListItem> EndingItems { get; } = [new("Achieved: they got there", nameof(GoalEnding.Achieved)), new("They no longer want it", nameof(GoalEnding.NoLongerWanted))];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Goal!.Status != GoalStatus.Active) return Redirect($"/people/{PersonId}/action-plan#goal-{GoalId}");
        Version = Goal.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var ending = Choices.Enum<GoalEnding>(Ending);
        try
        {
            await service.EndGoalAsync(PersonId, GoalId, ending, Reason, Version, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is ActionPlanRuleException or ConcurrencyConflictException)
        {
            ShowConflict(e.Message, Goal!.Version);
            return Page();
        }
        TempData["Success"] = ending == GoalEnding.Achieved ? "Goal marked as achieved" : "Goal marked as no longer wanted";
        return Redirect($"/people/{PersonId}/action-plan#goal-{GoalId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        PersonName = await service.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return false;
        Goal = await service.GoalAsync(PersonId, GoalId, ct);
        return Goal is not null;
    }
}
