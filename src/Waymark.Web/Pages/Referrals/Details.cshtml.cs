using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Referrals;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Referrals;

/// <summary>One referral: its events, the next step, its follow-ups, consent to share and outcomes.</summary>
public class DetailsModel(ReferralService referrals, WaymarkDbContext db, ICurrentUser user, TimeProvider clock) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Referral is null ? [] : [PersonView.Record("Referral", Id.ToString(), Referral.PersonId)];

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Version { get; set; }
    [BindProperty] public string? Step { get; set; }
    [BindProperty] public DateParts When { get; set; } = new();
    [BindProperty] public string? DeclineReason { get; set; }
    [BindProperty] public DateParts AppointmentDate { get; set; } = new();
    [BindProperty] public string? AppointmentTime { get; set; }

    /// <summary>For an appointment time that happened twice (the October clock change): "BST" for the first, "GMT" for the second.</summary>
    [BindProperty] public string? AppointmentClockChange { get; set; }

    /// <summary>The typed appointment time when it happened twice, so the page asks which; null otherwise.</summary>
    public TimeOnly? AmbiguousAppointmentTime { get; private set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public Guid? TaskId { get; set; }
    [BindProperty] public string? TaskNote { get; set; }
    [BindProperty] public string? ConsentWhat { get; set; }
    [BindProperty] public string? ConsentWithWhom { get; set; }
    [BindProperty] public string? ConsentForm { get; set; }
    [BindProperty] public DateParts ConsentGiven { get; set; } = new();
    [BindProperty] public Guid? ConsentId { get; set; }

    public Referral? Referral { get; private set; }
    public string PersonName { get; private set; } = "";
    public bool CanChange { get; private set; }
    public IReadOnlyList<FollowUpTask> Tasks { get; private set; } = [];
    public IReadOnlyList<ConsentToShare> Consents { get; private set; } = [];
    public IReadOnlyList<Outcome> Outcomes { get; private set; } = [];
    public DateTimeOffset Now => clock.GetUtcNow();
    private Dictionary<string, string> _names = [];

    public List<SelectListItem> StepItems => Referral is null ? [] :
        ReferralLifecycle.Allowed(Referral.Status).Select(s => new SelectListItem(ReferralLifecycle.Display(s), s.ToString())).ToList();
    public List<SelectListItem> DeclineItems { get; } =
        [new("Select a reason", ""), .. Enum.GetValues<DeclineReason>().Select(r => new SelectListItem(ReferralLifecycle.Display(r), r.ToString()))];
    public List<SelectListItem> FormItems { get; } = [new("Verbally", "Verbal"), new("In writing", "Written")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        ConsentWithWhom = Referral!.ServiceName;
        return Page();
    }

    [RequiresPermission(Permission.Refer)]

    public async Task<IActionResult> OnPostStepAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Forbid();
        if (!Guid.TryParse(Version, out var version)) { ModelState.AddModelError("", "The form was incomplete. Reload the page and try again."); return Page(); }
        var step = Choices.Enum<ReferralStep>(Step);
        var (whenDate, whenError) = When.Parse("The date it happened");
        if (whenError is not null) ModelState.AddModelError(nameof(When), whenError);
        DateTimeOffset? at = whenDate is { } d && d != UkTime.Today(clock) ? UkTime.FromLocal(d, new TimeOnly(12, 0)) : null;
        DateTimeOffset? appointment = null;
        if (step == ReferralStep.AppointmentBooked)
        {
            var (apptDate, apptError) = AppointmentDate.Parse("Appointment date");
            if (apptError is not null) ModelState.AddModelError(nameof(AppointmentDate), apptError);
            TimeOnly time = new(9, 0);
            if (!string.IsNullOrWhiteSpace(AppointmentTime) && TimeOfDay.Parse(AppointmentTime) is { } typedTime) time = typedTime;
            if (!string.IsNullOrWhiteSpace(AppointmentTime) && TimeOfDay.Parse(AppointmentTime) is null)
                ModelState.AddModelError(nameof(AppointmentTime), "Enter the time like 14:30 or 2:30pm, or leave it empty");
            else if (apptDate is { } ad)
            {
                var typed = UkTime.ReadTyped(ad, time, AppointmentClockChange, "Appointment time");
                appointment = typed.At;
                if (typed.Ambiguous) { AmbiguousAppointmentTime = time; ModelState.AddModelError(nameof(AppointmentClockChange), typed.Error!); }
                else if (typed.Error is not null) ModelState.AddModelError(nameof(AppointmentTime), typed.Error);
            }
        }
        var input = new StepInput(step, at, Choices.Enum<Waymark.Referrals.DeclineReason>(DeclineReason), appointment, Note);
        if (ModelState.IsValid)
            foreach (var (field, message) in input.Validate(clock.GetUtcNow()))
                ModelState.AddModelError(field switch { nameof(StepInput.At) => nameof(When), nameof(StepInput.AppointmentAt) => nameof(AppointmentDate), _ => field }, message);
        if (!ModelState.IsValid) return Page();
        return await RunAsync(() => referrals.RecordStepAsync(Id, version, input, ct), $"{ReferralLifecycle.Display(step!.Value)} recorded");
    }

    [RequiresPermission(Permission.Refer)]

    public async Task<IActionResult> OnPostTaskAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange || TaskId is not { } taskId || Tasks.All(t => t.Id != taskId)) return NotFound();
        if (TaskNote is { Length: > 2000 }) { ModelState.AddModelError(nameof(TaskNote), "Note must be 2,000 characters or fewer"); return Page(); }
        return await RunAsync(() => referrals.CompleteTaskAsync(taskId, TaskNote, ct), "Follow-up done");
    }

    [RequiresPermission(Permission.Refer)]

    public async Task<IActionResult> OnPostConsentAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Forbid();
        var (given, error) = ConsentGiven.Parse("Date consent was given");
        if (error is not null) ModelState.AddModelError(nameof(ConsentGiven), error);
        else if (given is null) ModelState.AddModelError(nameof(ConsentGiven), "Enter the date consent was given");
        if (string.IsNullOrWhiteSpace(ConsentWhat)) ModelState.AddModelError(nameof(ConsentWhat), "Enter what the person agreed can be shared");
        else if (ConsentWhat.Length > 2000) ModelState.AddModelError(nameof(ConsentWhat), "What can be shared must be 2,000 characters or fewer");
        if (string.IsNullOrWhiteSpace(ConsentWithWhom)) ModelState.AddModelError(nameof(ConsentWithWhom), "Enter who it can be shared with");
        else if (ConsentWithWhom.Length > 500) ModelState.AddModelError(nameof(ConsentWithWhom), "Who it can be shared with must be 500 characters or fewer");
        var form = Choices.Enum<ConsentForm>(ConsentForm);
        if (form is null) ModelState.AddModelError(nameof(ConsentForm), "Select how consent was given");
        if (given is { } g && g > UkTime.Today(clock)) ModelState.AddModelError(nameof(ConsentGiven), "Date consent was given cannot be in the future");
        if (!ModelState.IsValid) return Page();
        var at = given == UkTime.Today(clock) ? clock.GetUtcNow() : UkTime.FromLocal(given!.Value, new TimeOnly(12, 0));
        return await RunAsync(() => referrals.RecordConsentAsync(Id, ConsentWhat, ConsentWithWhom, form, at, ct), "Consent recorded");
    }

    [RequiresPermission(Permission.Refer)]

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange || ConsentId is not { } cid || Consents.All(c => c.Id != cid)) return NotFound();
        return await RunAsync(() => referrals.WithdrawConsentAsync(cid, ct), "Consent withdrawn");
    }

    private async Task<IActionResult> RunAsync(Func<Task> action, string success)
    {
        try
        {
            await action();
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e, Field);
            return Page();
        }
        catch (Exception e) when (e is DomainRuleException or ConcurrencyConflictException)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        TempData["Success"] = success;
        return Redirect($"/referrals/{Id}");
    }

    /// <summary>The form's input for a field the referral service names (step, follow-up and consent forms).</summary>
    private static string Field(string field) => field switch
    {
        nameof(StepInput.Step) => nameof(Step),
        nameof(StepInput.DeclineReason) => nameof(DeclineReason),
        nameof(StepInput.AppointmentAt) => nameof(AppointmentDate),
        nameof(StepInput.At) => nameof(When),
        nameof(StepInput.Note) => nameof(Note),
        "note" => nameof(TaskNote),
        "what" => nameof(ConsentWhat),
        "withWhom" => nameof(ConsentWithWhom),
        "form" => nameof(ConsentForm),
        "givenAt" => nameof(ConsentGiven),
        _ => "",
    };

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Referral = await referrals.FindAsync(Id, ct);
        if (Referral is null) return false;
        var r = Referral;
        var episode = await db.Episodes.AsNoTracking().Where(e => e.Id == r.EpisodeId)
            .Select(e => new { e.TeamId, e.ClosedAt, Name = Waymark.People.PersonNames.Full(e.Person!.GivenName, e.Person.FamilyName) }).FirstAsync(ct);
        PersonName = episode.Name;
        CanChange = episode.TeamId == user.TeamId;
        Tasks = await db.FollowUpTasks.AsNoTracking().Where(t => t.ReferralId == Id).OrderBy(t => t.Number).ToListAsync(ct);
        Consents = await db.Consents.AsNoTracking().Where(c => c.ReferralId == Id).OrderByDescending(c => c.RecordedAt).ToListAsync(ct);
        Outcomes = await db.Outcomes.AsNoTracking().Where(o => o.ReferralId == Id).OrderByDescending(o => o.On).ToListAsync(ct);
        var ids = r.Events.Select(e => e.ByUserId).Concat(Tasks.Select(t => t.AssignedToUserId)).Concat(Tasks.Select(t => t.DoneByUserId))
            .Concat(Consents.Select(c => c.RecordedByUserId)).Append(r.CreatedByUserId).OfType<string>().Distinct().ToList();
        _names = await db.DisplayNamesAsync(ids, ct);
        return true;
    }

    public string NameOf(string? id) => id is not null && _names.TryGetValue(id, out var n) ? n : "unknown";

    public bool ConsentStands => Consents.Any(c => c.Stands);
}
