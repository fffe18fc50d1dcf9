using Microsoft.AspNetCore.Mvc;
using Waymark.Contacts;

namespace Waymark.Web.Pages.Contacts;

/// <summary>
/// On a person's page and an episode's page: the person's latest contacts (or the episode's), when they were last
/// reached, with Record a contact (for those who may) and See the full timeline. One query. Shown inside pages that
/// already audit the view of the record.
/// </summary>
public class RecentContactsViewComponent(ContactService contacts) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>, narrowed to <paramref name="episodeId"/> on an episode's page.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId, Guid? episodeId = null)
    {
        var recent = await contacts.RecentAsync(personId, episodeId, HttpContext.RequestAborted);
        return View("/Pages/Contacts/_RecentContacts.cshtml", new RecentContactsView(personId, episodeId, recent));
    }
}

/// <summary>What <see cref="RecentContactsViewComponent"/> shows.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="EpisodeId">The episode, on an episode's page.</param>
/// <param name="Recent">The latest contacts and the last time the person was reached.</param>
public sealed record RecentContactsView(Guid PersonId, Guid? EpisodeId, RecentContacts Recent);
