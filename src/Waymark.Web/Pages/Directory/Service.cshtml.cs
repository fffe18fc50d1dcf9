using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;
using Waymark.ServiceDirectory;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Directory;

/// <summary>Everything about one service, including who to ring and what works; "I checked this entry today".</summary>
[ShowsNoPersonData("A local service, not a person.")]
public class ServiceModel(DirectoryEditor editor, WaymarkDbContext db, TimeProvider clock, DirectorySettings settings) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Version { get; set; }

    public LocalService Service { get; private set; } = default!;
    public string? VerifiedBy { get; private set; }
    public bool Stale { get; private set; }
    /// <summary>Whether the service is open at this moment in UK local time, across midnight ("Open now, until 8am").</summary>
    public string OpenNow { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Guid.TryParse(Version, out var version)) { ModelState.AddModelError("", "The form was incomplete. Reload the page and try again."); return Page(); }
        try
        {
            await editor.VerifyAsync(Id, version, ct);
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        TempData["Success"] = "Marked as checked today";
        return Redirect($"/directory/services/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var s = await editor.FindAsync(Id, ct);
        if (s is null) return false;
        Service = s;
        var now = clock.GetUtcNow();
        Stale = s.IsStale(now, settings.StaleAfter);
        OpenNow = OpeningHours.OpenSessionAt(s.OpeningTimes, now) switch
        {
            null when s.OpeningTimes.Count == 0 => "Opening times not recorded",
            null => "Closed now",
            { } o when OpeningHours.IsAllDay(o.Opens, o.Closes) => "Open now, all day",
            { } o => $"Open now, until {ServiceText.Time(o.Closes)}{(o.DropIn ? " (drop-in)" : "")}",
        };
        VerifiedBy = s.LastVerifiedBy is { } by
            ? await db.Users.Where(u => u.Id == by).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? by
            : null;
        return true;
    }
}
