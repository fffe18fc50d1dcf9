using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.ProactiveIdentification;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ProactiveIdentification;

/// <summary>
/// The proactive screening queue for today (UK day): the rows of today's custody and court lists that the team's rules
/// select, why, the matched person, and whether they were identified, screened or missed, with the coverage figure.
/// </summary>
public class IndexModel(ProactiveQueue queue, ProactiveLists lists, ICurrentUser user, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <summary>Today's UK date.</summary>
    public DateOnly Today { get; private set; }
    /// <summary>The selected rows, to do first.</summary>
    public IReadOnlyList<QueueEntry> Entries { get; private set; } = [];
    /// <summary>Today's coverage.</summary>
    public Coverage Coverage { get; private set; } = new(0, 0, 0, 0);
    /// <summary>The team's chosen rules.</summary>
    public IReadOnlyList<SelectionRule> Rules { get; private set; } = [];
    /// <summary>Today's confirmed lists.</summary>
    public IReadOnlyList<(ProactiveList List, string Agency, int Rows)> Lists { get; private set; } = [];
    /// <summary>Whether the user may change the rules and see the figures.</summary>
    public bool CanManage => Permissions.Allows(user.Role, Permission.ManageTeam);

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Entries.Count == 0 ? [] :
        [PersonView.List("ProactiveQueue", Entries.Select(e => e.Person?.Id).OfType<Guid>(), $"day={Today:yyyy-MM-dd} rows={Entries.Count}")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = UkTime.Today(clock);
        Rules = (await queue.SettingsAsync(ct)).Chosen;
        Entries = await queue.EntriesAsync(Today, Today, ct);
        Coverage = Coverage.Of(Entries);
        Lists = await lists.ListsOfDayAsync(Today, ct);
    }
}
