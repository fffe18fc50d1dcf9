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
/// Set or change when the action plan is next reviewed, without recording a review
/// (<c>/people/{personId}/action-plan/review-date</c>, <c>?plan={id}</c> for one of two plans after a merge). Needs
/// <see cref="Permission.WritePlans"/> (Conventions); a person with no plan yet is sent to the plan page.
/// </summary>
public class ReviewDateModel(ActionPlanService service) : ActionPlanFormPage, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Plan is null ? [] :
        [PersonView.Record(nameof(ActionPlan), Plan.Id.ToString(), PersonId, "Setting the review date")];

    [FromRoute] public Guid PersonId { get; set; }
    [FromQuery(Name = "plan")] public Guid? PlanId { get; set; }
    [BindProperty] public DateParts NextReviewOn { get; set; } = new();

    public string? PersonName { get; private set; }
    public ActionPlan? Plan { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PersonName = await service.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return NotFound();
        Plan = await service.PlanAsync(PersonId, PlanId, ct);
        if (Plan is null) return PlanId is null ? Redirect($"/people/{PersonId}/action-plan") : NotFound();
        NextReviewOn = DateParts.From(Plan.NextReviewOn);
        Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        PersonName = await service.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return NotFound();
        Plan = await service.PlanAsync(PersonId, PlanId, ct);
        if (Plan is null) return NotFound();
        var (next, error) = NextReviewOn.Parse("The date of the next review", laterRuleBoundsTheFuture: true);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(NextReviewOn), error);
            return Page();
        }
        try
        {
            await service.SetNextReviewAsync(PersonId, Plan.Id, next, Version, ct);
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
        catch (ConcurrencyConflictException e)
        {
            ShowConflict(e.Message, Plan.Version);
            return Page();
        }
        TempData["Success"] = "Review date saved";
        return Redirect($"/people/{PersonId}/action-plan");
    }
}
