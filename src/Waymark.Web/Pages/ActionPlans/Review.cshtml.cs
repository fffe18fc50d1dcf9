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
/// Record a review of the person's action plan (<c>/people/{personId}/action-plan/review</c>, <c>?plan={id}</c> for one of
/// two plans after a merge): the date, what changed, and the next review date, which the plan then shows. Needs
/// <see cref="Permission.WritePlans"/> (Conventions); a person with no plan yet is sent to add a goal.
/// </summary>
public class ReviewModel(ActionPlanService service, TimeProvider clock) : ActionPlanFormPage, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Plan is null ? [] :
        [PersonView.Record(nameof(ActionPlan), Plan.Id.ToString(), PersonId, "Reviewing the action plan")];

    [FromRoute] public Guid PersonId { get; set; }
    [FromQuery(Name = "plan")] public Guid? PlanId { get; set; }
    [BindProperty] public DateParts ReviewedOn { get; set; } = new();
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public DateParts NextReviewOn { get; set; } = new();

    public string? PersonName { get; private set; }
    public ActionPlan? Plan { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PersonName = await service.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return NotFound();
        Plan = await service.PlanAsync(PersonId, PlanId, ct);
        if (Plan is null) return PlanId is null ? Redirect($"/people/{PersonId}/action-plan") : NotFound();
        ReviewedOn = DateParts.From(UkTime.Today(clock));
        Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        PersonName = await service.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return NotFound();
        Plan = await service.PlanAsync(PersonId, PlanId, ct);
        if (Plan is null) return NotFound();
        var (reviewed, e1) = ReviewedOn.Parse("The date of the review", laterRuleBoundsTheFuture: true);
        if (e1 is not null) ModelState.AddModelError(nameof(ReviewedOn), e1);
        var (next, e2) = NextReviewOn.Parse("The date of the next review", laterRuleBoundsTheFuture: true);
        if (e2 is not null) ModelState.AddModelError(nameof(NextReviewOn), e2);
        var input = new ReviewInput(reviewed, Note, next);
        try
        {
            if (!ModelState.IsValid)
            {
                ModelState.AddProblems(service.ReviewProblems(input, Plan));
                return Page();
            }
            await service.RecordReviewAsync(PersonId, Plan.Id, input, Version, ct);
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
        TempData["Success"] = "Review recorded";
        return Redirect($"/people/{PersonId}/action-plan");
    }
}
