using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Caseload;
using Waymark.Episodes;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Caseload;

/// <summary>The three caseload views share one query and one filter form; each fixes part of the filter.</summary>
public abstract class CaseloadPage(CaseloadQuery query, Capacity capacity, ICurrentUser user) : PageModel, IShowsPersonData
{
    [BindProperty(SupportsGet = true)] public string? Worker { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Setting { get; set; }
    [BindProperty(SupportsGet = true)] public string? Age { get; set; }
    [BindProperty(SupportsGet = true)] public List<string> Show { get; set; } = [];

    public Waymark.Caseload.CaseloadPage Result { get; private set; } = new([], 1, Waymark.Caseload.CaseloadQuery.PageSize, 0);
    public TeamLoad? Load { get; private set; }
    public abstract string Heading { get; }
    public abstract string Section { get; }
    public virtual bool ShowWorkerFilter => true;
    public virtual bool ShowKeyWorkerColumn => true;
    /// <summary>The list is a queue in <see cref="CaseloadQueue.MostUrgentFirst"/> order rather than newest first.</summary>
    public virtual bool MostUrgentFirst => false;
    /// <summary>Whether the signed-in user may take unallocated episodes from this list.</summary>
    public bool CanTake => User.Can(Permission.TakeEpisodes);

    public List<SelectListItem> WorkerItems { get; private set; } = [];
    public List<SelectListItem> StatusItems { get; } =
        [new("Open (any status)", ""), .. Enum.GetValues<EpisodeStatus>().Select(s => new SelectListItem(EpisodeStatuses.Display(s), s.ToString()))];
    public List<SelectListItem> SettingItems { get; } =
        [new("Any", ""), .. Enum.GetValues<Waymark.Episodes.Setting>().Select(s => new SelectListItem(Settings.Display(s), s.ToString()))];
    public List<SelectListItem> AgeItems { get; } = [new("All ages", ""), new("Youth (under 18)", "youth"), new("Adults", "adult")];
    public List<SelectListItem> ShowItems { get; } = [new("Screening not yet done", "not-screened"), new("Past planned end date", "overdue"), new("Assessment overdue", "assessment-overdue"), new("Follow-up overdue", "follow-up-overdue"), new("Not in touch", "not-in-touch")];

    protected abstract CaseloadFilter Fix(CaseloadFilter filter);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        var teamId = user.TeamId!.Value;
        Load = await capacity.ForTeamAsync(teamId, ct);
        WorkerItems = [new("Anyone", ""), .. Load.Workers.Select(w => new SelectListItem(w.DisplayName, w.UserId))];

        EpisodeStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            if (Enum.TryParse<EpisodeStatus>(Status, out var s) && Enum.IsDefined(s)) status = s;
            else ModelState.AddModelError(nameof(Status), "Select a status from the list");
        }
        Waymark.Episodes.Setting? setting = null;
        if (!string.IsNullOrEmpty(Setting))
        {
            if (Enum.TryParse<Waymark.Episodes.Setting>(Setting, out var st) && Enum.IsDefined(st)) setting = st;
            else ModelState.AddModelError(nameof(Setting), "Select a setting from the list");
        }
        bool? youth = Age switch { "youth" => true, "adult" => false, null or "" => null, _ => null };
        if (Age is not (null or "" or "youth" or "adult")) ModelState.AddModelError(nameof(Age), "Select an age group from the list");
        if (Show.Any(v => ShowItems.All(i => i.Value != v))) ModelState.AddModelError(nameof(Show), "Select what to show from the list");
        if (!string.IsNullOrEmpty(Worker) && Load.Workers.All(w => w.UserId != Worker))
            ModelState.AddModelError(nameof(Worker), "Select a key worker from the list");
        if (!ModelState.IsValid) return Page();

        var filter = Fix(new CaseloadFilter(
            KeyWorkerId: string.IsNullOrEmpty(Worker) ? null : Worker,
            Status: status, Setting: setting, Youth: youth, OverdueOnly: Show.Contains("overdue"),
            AssessmentOverdueOnly: Show.Contains("assessment-overdue"), FollowUpOverdueOnly: Show.Contains("follow-up-overdue"),
            NotScreenedOnly: Show.Contains("not-screened"), NotInTouchOnly: Show.Contains("not-in-touch")));
        Result = await query.RunAsync(teamId, filter, Math.Clamp(pageNumber, 1, 100_000), KnownTotal(filter, Load), ct);
        return Page();
    }

    public string? MyUserId => user.UserId;

    // The capacity figures already count the team's open episodes and each worker's: no need to count them again.
    private static int? KnownTotal(CaseloadFilter filter, TeamLoad load) =>
        filter == new CaseloadFilter() ? load.OpenEpisodes
        : filter == new CaseloadFilter(KeyWorkerId: filter.KeyWorkerId) && load.Workers.FirstOrDefault(w => w.UserId == filter.KeyWorkerId) is { } w ? w.OpenEpisodes
        : null;

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => [PersonView.List("Caseload", Result.Rows.Select(r => r.PersonId), $"view={Section} page={Result.PageNumber}")];
}
