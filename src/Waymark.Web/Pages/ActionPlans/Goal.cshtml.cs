using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.ActionPlans;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ActionPlans;

/// <summary>
/// Add a goal to the person's action plan, starting the plan when there is none (<c>/people/{personId}/action-plan/goal</c>,
/// <c>?plan={id}</c> for one of two plans after a merge), or change one (<c>…/goal/{goalId}</c>). Needs
/// <see cref="Permission.WritePlans"/> (Conventions).
/// </summary>
public class GoalModel(ActionPlanService service) : ActionPlanFormPage, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] :
        [PersonView.Record(GoalId is null ? "Person" : nameof(ActionPlanGoal), (GoalId ?? PersonId).ToString(), PersonId, GoalId is null ? "Adding a goal" : "Changing a goal")];

    [FromRoute] public Guid PersonId { get; set; }
    [FromRoute] public Guid? GoalId { get; set; }
    [FromQuery(Name = "plan")] public Guid? PlanId { get; set; }

    /// <summary>What the person wants, in their own words.</summary>
    [BindProperty] public string? InTheirWords { get; set; }
    [BindProperty] public string? WhyItMatters { get; set; }

    public string? PersonName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (GoalId is { } id)
        {
            var goal = await service.GoalAsync(PersonId, id, ct);
            if (goal is null) return NotFound();
            if (goal.Status != GoalStatus.Active) return Redirect($"/people/{PersonId}/action-plan#goal-{id}");
            (InTheirWords, WhyItMatters, Version) = (goal.InTheirWords, goal.WhyItMatters, goal.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var input = new GoalInput(InTheirWords, WhyItMatters);
        Guid id;
        try
        {
            if (GoalId is { } existing)
            {
                await service.ChangeGoalAsync(PersonId, existing, input, Version, ct);
                id = existing;
            }
            else id = (await service.AddGoalAsync(PersonId, input, PlanId, ct)).Id;
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
            ShowConflict(e.Message, GoalId is { } g ? (await service.GoalAsync(PersonId, g, ct))?.Version : null);
            return Page();
        }
        TempData["Success"] = GoalId is null ? "Goal added" : "Goal changed";
        return Redirect($"/people/{PersonId}/action-plan#goal-{id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        PersonName = await service.PersonNameAsync(PersonId, ct);
        return PersonName is not null;
    }
}
