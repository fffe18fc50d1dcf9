using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Web.Pages;

/// <summary>
/// A page about one episode's screening or assessment: loads the episode through the team filter
/// (another team's URL is a 404), says whether this user may change it, and names users.
/// </summary>
public abstract class EpisodeWorkPage(WaymarkDbContext db, ICurrentUser user, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid EpisodeId { get; set; }

    public Episode? Episode { get; private set; }
    public Person Person => Episode!.Person!;
    public bool CanChange => Episode is { IsOpen: true } e && e.TeamId == user.TeamId;
    public DateTimeOffset Now => clock.GetUtcNow();
    /// <summary>The person's age today, for choosing instruments that fit it.</summary>
    public int? AgeToday => Person.AgeOn(UkTime.Today(clock));

    private Dictionary<string, string> _names = [];

    protected WaymarkDbContext Db => db;
    protected ICurrentUser CurrentUser => user;

    protected async Task<bool> LoadEpisodeAsync(CancellationToken ct)
    {
        Episode = await db.Episodes.Include(e => e.Person).AsNoTracking().FirstOrDefaultAsync(e => e.Id == EpisodeId, ct);
        return Episode is not null;
    }

    protected async Task LoadNamesAsync(IEnumerable<string?> userIds, CancellationToken ct)
    {
        _names = await db.DisplayNamesAsync(userIds, ct);
    }

    public string NameOf(string? userId) => userId is not null && _names.TryGetValue(userId, out var n) ? n : "unknown";

    /// <summary>Puts a service's validation problems on the form, by field.</summary>
    protected void AddErrors(IEnumerable<(string Field, string Message)> problems)
    {
        foreach (var (field, message) in problems) ModelState.AddModelError(field, message);
    }
}
