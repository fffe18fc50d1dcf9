using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Diary;

/// <summary>
/// Manage my calendar feed (<c>/diary/feed</c>): create (or replace) its secret address, shown once, or revoke it
/// (docs/security.md, "The calendar feed's secret address").
/// </summary>
[ShowsNoPersonData("Only whether the user has a live feed and, once, its address: no one's record.")]
public class FeedModel(CalendarFeedService feeds) : PageModel
{
    public CalendarFeed? Current { get; private set; }
    /// <summary>The address just created (shown this once), or null.</summary>
    public string? NewAddress { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Current = await feeds.CurrentAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var created = await feeds.CreateAsync(ct);
        Current = created.Feed;
        NewAddress = $"{Request.Scheme}://{Request.Host}/calendar/{created.Token}.ics";
        // Never cached: the secret is in the page.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        TempData["Success"] = await feeds.RevokeAsync(ct) ? "Calendar feed revoked: its address no longer works" : "You had no calendar feed";
        return Redirect("/diary/feed");
    }
}
