using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Diary;

/// <summary>
/// A worker's diary (day or week): the user's own, or with <c>?worker=</c> a team member's for a team manager; anyone
/// else asking for another worker's diary gets "not found", as does a worker who is not a case worker of the team.
/// </summary>
public abstract class DiaryPage(AppointmentService service, ICurrentUser user, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Entries.Count == 0 ? [] :
        [PersonView.List("Diary", Entries.Select(e => e.Appointment.PersonId), $"worker={WorkerId} from={From:yyyy-MM-dd} days={Days}")];

    [FromQuery(Name = "worker")] public string? Worker { get; set; }

    /// <summary>Whose diary it is.</summary>
    public string WorkerId { get; private set; } = "";
    public string WorkerName { get; private set; } = "";
    public bool IsMine => WorkerId == user.UserId;
    public DateOnly From { get; protected set; }
    public DateOnly Today => UkTime.Today(clock);
    public List<DiaryEntry> Entries { get; private set; } = [];
    protected abstract int Days { get; }
    protected AppointmentService Service => service;

    /// <summary>Whether the user may choose whose diary to see (a team manager: <see cref="Permission.ManageTeam"/>).</summary>
    public bool CanChooseWorker => User.Can(Permission.ManageTeam);
    /// <summary>"My diary" then the team's case workers by name (user id, name), for the "Whose diary" choice; empty unless <see cref="CanChooseWorker"/>.</summary>
    public IReadOnlyList<(string UserId, string Name)> Workers { get; private set; } = [];
    /// <summary>The query parameter that carries the date on this page ("date" for a day, "start" for a week), kept by the "Whose diary" form.</summary>
    public abstract string DateParameter { get; }

    /// <summary>The query string part that keeps the worker, e.g. "&amp;worker=…", or "".</summary>
    public string WorkerQuery => IsMine ? "" : "&worker=" + Uri.EscapeDataString(WorkerId);

    /// <summary>
    /// Reads the date (yyyy-MM-dd; none for today; one that is not a real day is a model error <see cref="LinkedDate.BadDate"/> and
    /// today is shown) and the worker; false for "not found" (another worker's diary the user may not see).
    /// </summary>
    protected async Task<bool> LoadAsync(string? date, Func<DateOnly, DateOnly> start, CancellationToken ct)
    {
        var day = Today;
        // A date a link cannot give (typed or cut short): the error summary, with today's diary.
        if (!string.IsNullOrEmpty(date))
        {
            if (LinkedDate.TryRead(date, out var linked)) day = linked;
            else ModelState.AddModelError("", LinkedDate.BadDate);
        }
        From = start(day);
        WorkerId = user.UserId!;
        if (!string.IsNullOrEmpty(Worker) && Worker != user.UserId)
        {
            if (!User.Can(Permission.ManageTeam) || !await service.IsWorkerAsync(Worker, ct)) return false;
            WorkerId = Worker;
        }
        WorkerName = (await HttpContext.RequestServices.GetRequiredService<Persistence.WaymarkDbContext>().DisplayNamesAsync([WorkerId], ct)).GetValueOrDefault(WorkerId) ?? "";
        if (CanChooseWorker)
        {
            // The manager's own diary is always a choice, first, even when they hold no caseload themselves.
            var workers = await service.WorkersAsync(ct);
            Workers = [(user.UserId!, "My diary"), .. workers.Where(w => w.UserId != user.UserId)];
        }
        Entries = Days == 1 ? await service.DayAsync(WorkerId, From, ct) : await service.WeekAsync(WorkerId, From, ct);
        return true;
    }
}
