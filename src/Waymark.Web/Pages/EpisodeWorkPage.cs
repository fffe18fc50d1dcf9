using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

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
    /// <summary>Whether this user may change what the page shows: the episode is open, of their team, and their role has <see cref="ChangePermission"/>.</summary>
    public bool CanChange => Episode is { IsOpen: true } e && e.TeamId == user.TeamId && User.Can(ChangePermission);

    /// <summary>Why <see cref="CanChange"/> is false, in words for the page: the episode, or the user's role.</summary>
    public string ReadOnlyReason => Episode is { IsOpen: true } e && e.TeamId == user.TeamId
        ? "Your role can read this but not change it: a practitioner or team manager does this."
        : "This episode is closed or belongs to another team: it can be read but not changed.";

    /// <summary>What changing this page's subject needs (screening: <see cref="Permission.Screen"/>, and so on).</summary>
    protected abstract Permission ChangePermission { get; }
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
