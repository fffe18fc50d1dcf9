using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Referrals;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Referrals;

/// <summary>
/// "My tasks": the screenings and assessments due on my episodes (most urgent first), then the follow-ups assigned to me,
/// overdue first. "/tasks/episodes" pages through all of the first; "/tasks/team" is the team's overdue follow-ups.
/// </summary>
public class TasksModel(FollowUpQuery query, Waymark.Caseload.CaseloadQuery caseload, Waymark.CriminalJustice.CriminalJusticeService criminalJustice, Waymark.Reminders.ReminderQueries reminders, Waymark.ThroughTheGate.ReleasePlanService releases, ICurrentUser user) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown =>
    [
        .. Episodes is { } e ? new[] { PersonView.List("MyEpisodeTasks", e.Rows.Select(r => r.PersonId), $"page={e.PageNumber}") } : [],
        .. EpisodesOnly ? [] : new[] { PersonView.List(Team ? "TeamFollowUps" : "MyFollowUps", Result.Rows.Select(r => r.PersonId), $"page={Result.PageNumber}") },
        .. Hearings is { } h ? new[] { PersonView.List("MyHearingsToSupport", h.Select(r => r.PersonId), "today and tomorrow") } : [],
        .. FailedReminders is { Count: > 0 } f ? new[] { PersonView.List("MyFailedReminders", f.Select(r => r.PersonId), "not dealt with") } : [],
        .. ReleaseFollowUps is { Rows.Count: > 0 } rf ? new[] { PersonView.List("MyReleaseFollowUpsDue", rf.Rows.Select(r => r.Plan.PersonId), "due") } : [],
    ];

    [FromRoute] public string? View { get; set; }
    public FollowUpPage Result { get; private set; } = new([], 1, false);
    /// <summary>My episodes waiting for screening or a due assessment; null on the team's view.</summary>
    public Waymark.Caseload.CaseloadPage? Episodes { get; private set; }
    public bool Team => View == "team";
    /// <summary>"Court hearings to support" on my tasks (today and tomorrow); null on the other views.</summary>
    public IReadOnlyList<Waymark.CriminalJustice.HearingToSupport>? Hearings { get; private set; }
    /// <summary>"Reminders that failed" on my tasks (people on my open episodes; not yet dealt with); null on the other views.</summary>
    public IReadOnlyList<Waymark.Reminders.FailedReminderTask>? FailedReminders { get; private set; }
    /// <summary>"Follow-up after release from prison due" on my tasks (plans whose follow-up is due today or earlier where I am the key worker; first page); null on the other views.</summary>
    public Waymark.ThroughTheGate.ReleaseListPage? ReleaseFollowUps { get; private set; }
    /// <summary>"/tasks/episodes": only the screening and assessment list, paged.</summary>
    public bool EpisodesOnly => View == "episodes";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (View is not (null or "team" or "episodes")) return NotFound();
        pageNumber = Math.Clamp(pageNumber, 1, 100_000);
        if (!Team && user.TeamId is { } teamId)
        {
            var due = new Waymark.Caseload.CaseloadFilter(KeyWorkerId: user.UserId!, ScreeningOrAssessmentDueOnly: true, MostUrgentFirst: true);
            Episodes = await caseload.RunAsync(teamId, due, EpisodesOnly ? pageNumber : 1, ct: ct);
        }
        if (EpisodesOnly) return Page();
        if (!Team && user.TeamId is { } myTeam) Hearings = await criminalJustice.HearingsToSupportAsync(myTeam, user.UserId!, ct);
        if (!Team && user.TeamId is not null) FailedReminders = await reminders.MyFailuresAsync(ct);
        if (!Team && user.TeamId is not null) ReleaseFollowUps = await releases.MyFollowUpsDueAsync(1, ct);
        Result = Team ? await query.TeamOverdueAsync(user.TeamId!.Value, pageNumber, ct) : await query.MineAsync(user.UserId!, pageNumber, ct);
        return Page();
    }
}
