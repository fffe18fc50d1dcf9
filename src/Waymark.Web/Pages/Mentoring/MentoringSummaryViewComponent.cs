using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.Mentoring;

/// <summary>On a person's page: their volunteer mentor (for case workers), and for team managers pairing a mentor. Skeleton: renders nothing until the capability fills it in.</summary>
public class MentoringSummaryViewComponent : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public Task<IViewComponentResult> InvokeAsync(Guid personId) =>
        Task.FromResult<IViewComponentResult>(Content(string.Empty));
}
