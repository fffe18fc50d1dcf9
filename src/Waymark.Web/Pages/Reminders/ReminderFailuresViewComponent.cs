using Microsoft.AspNetCore.Mvc;
using Waymark.Reminders;

namespace Waymark.Web.Pages.Reminders;

/// <summary>
/// On a person's page and an episode's page: reminders to the person that failed and are not yet dealt with, for the key worker. Shown inside pages that already audit the view of the record.
/// </summary>
public class ReminderFailuresViewComponent(ReminderQueries reminders) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>, narrowed to <paramref name="episodeId"/> on an episode's page; nothing when there are no failures.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId, Guid? episodeId = null)
    {
        var failures = await reminders.FailuresOfPersonAsync(personId, episodeId, HttpContext.RequestAborted);
        return failures.Count == 0 ? Content("") : View("/Pages/Reminders/_Failures.cshtml", new FailuresModel(personId, failures));
    }
}

/// <summary>The failures section's model.</summary>
public sealed record FailuresModel(Guid PersonId, IReadOnlyList<ReminderRow> Failures);
