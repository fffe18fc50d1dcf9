using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.ActionPlans;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ActionPlans;

/// <summary>What the action plan section of a person's page shows.</summary>
/// <param name="Plan">The person's plans with the team.</param>
/// <param name="CanWrite">Whether to offer "Write an action plan" (<see cref="Permission.WritePlans"/>).</param>
public sealed record ActionPlanSummary(ActionPlanView Plan, bool CanWrite);

/// <summary>
/// On a person's page: their action plan with the team — how many goals are being worked on, the next steps due (up to
/// three), the next review ("Review due" once its date has passed), links to open, print and the easy-read copy; or
/// "No action plan" with a link to write one. Shown inside a page that already audits the view of the record.
/// </summary>
public class ActionPlanSummaryViewComponent(ActionPlanService service) : ViewComponent
{
    /// <summary>How many next steps the section lists: 3.</summary>
    public const int NextSteps = 3;

    /// <summary>Renders the section for <paramref name="personId"/> (nothing when the team cannot see them).</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var plan = await service.ViewAsync(personId, HttpContext.RequestAborted);
        if (plan is null) return Content(string.Empty);
        return View("/Pages/ActionPlans/_Summary.cshtml", new ActionPlanSummary(plan, UserClaimsPrincipal.Can(Permission.WritePlans)));
    }
}
