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
/// Add a step to a goal (<c>/people/{personId}/action-plan/goal/{goalId}/step</c>) or change one not yet done
/// (<c>…/step/{stepId}</c>): what will happen, who does it (the person, a worker of the team, or someone else named),
/// and by when (an optional UK date). Needs <see cref="Permission.WritePlans"/> (Conventions).
/// </summary>
public class StepModel(ActionPlanService service) : ActionPlanFormPage, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Goal is null ? [] :
        [PersonView.Record(StepId is null ? nameof(ActionPlanGoal) : nameof(ActionPlanStep), (StepId ?? GoalId).ToString(), PersonId, StepId is null ? "Adding a step" : "Changing a step")];

    [FromRoute] public Guid PersonId { get; set; }
    [FromRoute] public Guid GoalId { get; set; }
    [FromRoute] public Guid? StepId { get; set; }

    [BindProperty] public string? What { get; set; }
    /// <summary>"Person", "Worker" or "SomeoneElse".</summary>
    [BindProperty] public string? Who { get; set; }
    [BindProperty] public string? WorkerUserId { get; set; }
    [BindProperty] public string? SomeoneElse { get; set; }
    [BindProperty] public DateParts DueOn { get; set; } = new();

    public string? PersonName { get; private set; }
    public ActionPlanGoal? Goal { get; private set; }
    public ActionPlanStep? Existing { get; private set; }
    public List<SelectListItem> WhoItems { get; private set; } = [];
    public List<SelectListItem> WorkerItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Goal!.Status != GoalStatus.Active || Existing?.DoneAt is not null) return Redirect($"/people/{PersonId}/action-plan#goal-{GoalId}");
        if (Existing is { } s)
        {
            (What, Who, WorkerUserId, SomeoneElse, DueOn, Version) = (s.What, s.Who.ToString(), s.WorkerUserId, s.SomeoneElse, DateParts.From(s.DueOn), s.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var (due, error) = DueOn.Parse("The date it should be done by", laterRuleBoundsTheFuture: true);
        if (error is not null) ModelState.AddModelError(nameof(DueOn), error);
        var input = new StepInput(What, Choices.Enum<StepOwner>(Who), WorkerUserId, SomeoneElse, due);
        try
        {
            if (!ModelState.IsValid)
            {
                // Every problem at once: the service's beside the date's own.
                foreach (var (field, message) in await service.StepProblemsAsync(input, Existing?.DueOn, ct))
                    if (field != nameof(DueOn)) ModelState.AddModelError(field, message);
                return Page();
            }
            if (StepId is { } id) await service.ChangeStepAsync(PersonId, id, input, Version, ct);
            else await service.AddStepAsync(PersonId, GoalId, input, ct);
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
            ShowConflict(e.Message, StepId is { } s ? (await service.StepAsync(PersonId, s, ct))?.Version : null);
            return Page();
        }
        TempData["Success"] = StepId is null ? "Step added" : "Step changed";
        return Redirect($"/people/{PersonId}/action-plan#goal-{GoalId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        PersonName = await service.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return false;
        Goal = await service.GoalAsync(PersonId, GoalId, ct);
        if (Goal is null) return false;
        if (StepId is { } id)
        {
            Existing = await service.StepAsync(PersonId, id, ct);
            if (Existing is null || Existing.GoalId != GoalId) return false;
        }
        WhoItems = [new("The person themselves", nameof(StepOwner.Person)), new("A worker in your team", nameof(StepOwner.Worker)), new("Someone else", nameof(StepOwner.SomeoneElse))];
        WorkerItems = [new("Select a worker", ""), .. (await service.WorkersAsync(ct)).Select(w => new SelectListItem(w.Name, w.UserId))];
        return true;
    }
}
