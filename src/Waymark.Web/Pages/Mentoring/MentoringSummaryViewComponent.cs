using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Mentoring;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Mentoring;

/// <summary>What the person page's mentoring section shows.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="Current">Their active pairing in the team, or null.</param>
/// <param name="CanManage">Whether to offer pairing and ending (<see cref="Permission.ManageTeam"/>).</param>
public sealed record MentoringSummaryView(Guid PersonId, PairingRow? Current, bool CanManage);

/// <summary>
/// On a person's page: their volunteer mentor ("Mentor: Chris Dale since …") for case workers, and for team managers
/// "Pair with a mentor" or "End mentoring". Nothing when they have no mentor and the user does not manage the team.
/// Shown inside a page that already audits the view of the record; one query.
/// </summary>
public class MentoringSummaryViewComponent(MentoringService mentoring) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        if (!UserClaimsPrincipal.Can(Permission.WorkWithCaseRecords)) return Content(string.Empty);
        var current = await mentoring.ActiveOfAsync(personId, HttpContext.RequestAborted);
        var canManage = UserClaimsPrincipal.Can(Permission.ManageTeam);
        if (current is null && !canManage) return Content(string.Empty);
        return View("/Pages/Mentoring/_Summary.cshtml", new MentoringSummaryView(personId, current, canManage));
    }
}
