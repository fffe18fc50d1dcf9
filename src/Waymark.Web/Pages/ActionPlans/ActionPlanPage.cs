using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.ActionPlans;
using Waymark.Audit;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ActionPlans;

/// <summary>
/// A page that shows a person's action plan (the plan, the printed and easy-read copies): loads it for the user's
/// team, 404 when the team does not know the person, and audits the view.
/// </summary>
public abstract class ActionPlanPage(ActionPlanService service) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Plan is null ? [] :
        [PersonView.Record(nameof(ActionPlan), Plan.Plans.FirstOrDefault()?.Plan.Id.ToString(), PersonId, ViewDetail)];

    [FromRoute] public Guid PersonId { get; set; }

    /// <summary>The plan as shown; null before loading or when the team cannot see the person.</summary>
    public ActionPlanView? Plan { get; private set; }

    /// <summary>The audit detail of the view, e.g. "Action plan".</summary>
    protected abstract string ViewDetail { get; }

    /// <summary>The action plans service, for a page's own handlers.</summary>
    protected ActionPlanService Service => service;

    /// <summary>Loads the plan; false when the team cannot see the person.</summary>
    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        Plan = await service.ViewAsync(PersonId, ct);
        return Plan is not null;
    }

    /// <summary>The page with the plan, or 404 when the team cannot see the person.</summary>
    protected async Task<IActionResult> ShowAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();
}

/// <summary>
/// A form that changes part of a person's action plan over the version it was shown (goal, step, review, review
/// date): a refusal or a conflict goes on the form with the version moved on to the one saved now, like
/// <c>ThroughTheGate/ReleasePlanPage.ShowConflict</c>.
/// </summary>
public abstract class ActionPlanFormPage : PageModel
{
    /// <summary>The version of the record the form was shown over (<see cref="Waymark.Persistence.IVersioned"/>).</summary>
    [BindProperty] public Guid Version { get; set; }

    /// <summary>
    /// Puts <paramref name="message"/> on the form and, when the record is still there (<paramref name="now"/>, its
    /// version as saved now), moves the form's version on so saving again overwrites knowingly.
    /// </summary>
    protected void ShowConflict(string message, Guid? now)
    {
        ModelState.AddModelError("", message);
        if (now is not { } version) return;
        Version = version;
        ModelState.Remove(nameof(Version));
    }
}
