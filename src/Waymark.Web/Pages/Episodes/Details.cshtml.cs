using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Episodes;

public class DetailsModel(EpisodeActions actions, Waymark.Referrals.ReferralService referrals, Waymark.CriminalJustice.CriminalJusticeService criminalJustice, Waymark.Caseload.Capacity capacity, WaymarkDbContext db, ICurrentUser user, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null ? [] : [PersonView.Record("Episode", Id.ToString(), Episode.PersonId)];

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Version { get; set; }
    [BindProperty] public string? Milestone { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Note { get; set; }

    public Episode? Episode { get; private set; }
    /// <summary>When the episode this one was reopened from was identified (a drop-in's "Reopen support"), or null.</summary>
    public DateTimeOffset? ReopenedFromIdentifiedAt { get; private set; }
    public IReadOnlyList<Waymark.Referrals.Referral> Referrals { get; private set; } = [];
    public IReadOnlyList<Waymark.Referrals.Outcome> Outcomes { get; private set; } = [];
    /// <summary>The planned end's changes, newest first (time-limited case management; changed on /episodes/{id}/planned-end).</summary>
    public IReadOnlyList<PlannedEndChange> PlannedEndChanges { get; private set; } = [];
    public HashSet<Guid> OverdueReferrals { get; private set; } = [];
    /// <summary>The "Criminal justice" section (Pages/CriminalJustice/_CriminalJustice.cshtml), paged by "?cjs=".</summary>
    public Waymark.Web.Pages.CriminalJustice.CriminalJusticeSection? CriminalJustice { get; private set; }
    public DateOnly Today => UkTime.Today(clock);
    public DateTimeOffset Now => clock.GetUtcNow();
    public Guid? TeamId => user.TeamId;
    public bool CanChange => Episode is { IsOpen: true } e && e.TeamId == user.TeamId;
    public bool CanAllocate => CanChange && User.IsInRole(Roles.TeamManager);
    /// <summary>Whether this user may screen, assess, or set the planned end and close (support workers may not; see <see cref="Permissions"/>).</summary>
    public bool CanScreen => CanChange && User.Can(Permission.Screen);
    public bool CanAssess => CanChange && User.Can(Permission.Assess);
    public bool CanClose => CanChange && User.Can(Permission.CloseEpisodes);
    /// <summary>The episode has no key worker and this user may take it (<see cref="Permission.TakeEpisodes"/>).</summary>
    public bool CanTake => CanChange && Episode!.KeyWorkerId is null && User.Can(Permission.TakeEpisodes);
    private Dictionary<string, string> _names = [];

    public List<SelectListItem> ReasonItems { get; } =
        [new("Select a reason", ""), .. Enum.GetValues<ClosureReason>().Select(r => new SelectListItem(ClosureReasons.Display(r), r.ToString()))];

    // Screened and assessed are recorded by the screening outcome and the assessment themselves.
    public IEnumerable<(Milestone, string, bool)> Milestones =>
    [
        (Waymark.Episodes.Milestone.SupportStarted, "Record support started", Episode!.SupportStartedAt is not null),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Page();
    }

    [RequiresPermission(Permission.Refer)]
    public Task<IActionResult> OnPostMilestoneAsync(CancellationToken ct) => ActAsync(v =>
    {
        if (!Enum.TryParse<Milestone>(Milestone, out var m) || m != Waymark.Episodes.Milestone.SupportStarted)
        {
            ModelState.AddModelError("", "Choose a step to record");
            return null;
        }
        return actions.RecordAsync(Id, v, m, ct);
    }, "Progress recorded", ct);

    [RequiresPermission(Permission.CloseEpisodes)]
    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => ActAsync(v =>
    {
        if (!Enum.TryParse<ClosureReason>(Reason, out var r) || !Enum.IsDefined(r))
            ModelState.AddModelError(nameof(Reason), "Select a reason for closing the episode");
        if (Note is { Length: > 2000 }) ModelState.AddModelError(nameof(Note), "Note must be 2,000 characters or fewer");
        if (!ModelState.IsValid) return null;
        return actions.CloseAsync(Id, v, r, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(), ct);
    }, "Episode closed", ct);

    /// <summary>The user becomes the key worker of this unallocated episode (from here or the unallocated list).</summary>
    [RequiresPermission(Permission.TakeEpisodes)]
    public async Task<IActionResult> OnPostTakeAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        try
        {
            await actions.TakeAsync(Id, ct);
        }
        catch (Exception e) when (e is EpisodeRuleException or ConcurrencyConflictException)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        // Warn, don't block, as allocation does: the worker knows their own load.
        var mine = (await capacity.ForTeamAsync(Episode!.TeamId, ct)).Workers.FirstOrDefault(w => w.UserId == user.UserId);
        TempData["Success"] = mine is { Limit: { } limit } && mine.OpenEpisodes > limit
            ? $"You are now the key worker for this episode. You have {mine.OpenEpisodes} open episodes, above your limit of {limit}."
            : "You are now the key worker for this episode";
        return Redirect($"/episodes/{Id}");
    }

    /// <summary>Runs a change; on a refused step or a conflict the page is shown again with the reason and what was typed.</summary>
    private async Task<IActionResult> ActAsync(Func<Guid, Task?> act, string success, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Guid.TryParse(Version, out var version))
        {
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            return Page();
        }
        try
        {
            var task = act(version);
            if (task is null || !ModelState.IsValid) return Page();
            await task;
        }
        catch (Exception e) when (e is EpisodeRuleException or ConcurrencyConflictException)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        TempData["Success"] = success;
        return Redirect($"/episodes/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Episode = await actions.FindAsync(Id, ct);
        if (Episode is null) return false;
        Referrals = await referrals.ForEpisodeAsync(Id, ct);
        Outcomes = await db.Outcomes.AsNoTracking().Where(o => o.EpisodeId == Id).OrderByDescending(o => o.On).ToListAsync(ct);
        var now = clock.GetUtcNow();
        OverdueReferrals = (await db.FollowUpTasks.AsNoTracking()
            .Where(t => t.EpisodeId == Id && t.DoneAt == null && t.ClosedAt == null && t.DueAt < now)
            .Select(t => t.ReferralId).ToListAsync(ct)).ToHashSet();
        PlannedEndChanges = await actions.PlannedEndChangesAsync(Id, ct);
        // Issue 14 (drop-ins): a reopened episode names the one it was reopened from.
        if (Episode.ReopenedFromEpisodeId is { } from)
            ReopenedFromIdentifiedAt = await db.Episodes.AsNoTracking().Where(x => x.Id == from).Select(x => (DateTimeOffset?)x.IdentifiedAt).FirstOrDefaultAsync(ct);
        var ids = new[] { Episode.IdentifiedByUserId, Episode.ScreenedByUserId, Episode.AssessedByUserId, Episode.SupportStartedByUserId, Episode.ClosedByUserId, Episode.KeyWorkerId }
            .Concat(PlannedEndChanges.Select(c => c.ChangedByUserId))
            .Where(x => x is not null).Distinct().ToList();
        _names = await db.DisplayNamesAsync(ids, ct);
        var cjsPage = int.TryParse(Request.Query[Waymark.Web.Pages.CriminalJustice.CriminalJusticeSection.PageParameter], out var n) ? Math.Clamp(n, 1, 100_000) : 1;
        CriminalJustice = new(Id, await criminalJustice.PageAsync(Id, cjsPage, ct), CanChange && User.Can(Permission.Refer), Today);
        return true;
    }

    public string NameOf(string? userId) => userId is not null && _names.TryGetValue(userId, out var n) ? n : "unknown";
}
