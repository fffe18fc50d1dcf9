using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.CriminalJustice;
using Waymark.Episodes;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.CriminalJustice;

/// <summary>
/// Record one criminal justice event of the kind in the URL on an episode ("/episodes/{id}/criminal-justice/hearing"),
/// or, with <c>?corrects={eventId}</c>, a correction that supersedes an earlier event of that kind (kept).
/// </summary>
public class RecordModel(CriminalJusticeService service, WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
    : EpisodeWorkPage(db, user, clock), IShowsPersonData
{
    /// <inheritdoc />
    protected override Permission ChangePermission => Permission.Refer;

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null ? [] :
        [PersonView.Record("CriminalJusticeEvent", EpisodeId.ToString(), Episode.PersonId, $"Recording: {CriminalJusticeEventKinds.Display(EventKind)}")];

    [FromRoute(Name = "kind")] public string? KindSlug { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Corrects { get; set; }

    [BindProperty] public DateParts On { get; set; } = new();
    [BindProperty] public DateParts HearingDate { get; set; } = new();
    [BindProperty] public string? HearingTime { get; set; }
    /// <summary>For a hearing time that happened twice (the October clock change): "BST" or "GMT".</summary>
    [BindProperty] public string? ClockChange { get; set; }
    [BindProperty] public string? Offence { get; set; }
    [BindProperty] public string? PoliceDecision { get; set; }
    [BindProperty] public string? RemandOrBail { get; set; }
    [BindProperty] public string? BailConditions { get; set; }
    [BindProperty] public string? Court { get; set; }
    [BindProperty] public string? Prison { get; set; }
    [BindProperty] public string? HearingType { get; set; }
    [BindProperty] public bool SupportAtCourt { get; set; }
    /// <summary>Hearing reminders asked for: "text", "email" (docs/support.md, "Reminders").</summary>
    [BindProperty] public List<string> Remind { get; set; } = [];
    [BindProperty] public string? Hearing { get; set; }
    [BindProperty] public string? CourtOutcome { get; set; }
    [BindProperty] public List<string> Requirements { get; set; } = [];
    [BindProperty] public bool PaymentPlanHelp { get; set; }
    [BindProperty] public string? LegalStatus { get; set; }
    [BindProperty] public string? TransferSection { get; set; }

    public CriminalJusticeEventKind EventKind { get; private set; }
    public string KindName => CriminalJusticeEventKinds.Display(EventKind);
    /// <summary>The typed hearing time when it happened twice, so the page asks which; null otherwise.</summary>
    public TimeOnly? AmbiguousTime { get; private set; }
    public string? CorrectedSummary { get; private set; }

    public List<SelectListItem> OffenceItems { get; } = OffenceCategories.All.Select(o => new SelectListItem(OffenceCategories.Display(o), o.ToString())).ToList();
    public List<SelectListItem> PoliceDecisionItems { get; } = PoliceDecisions.All.Select(d => new SelectListItem(d.Display, d.Code)).ToList();
    public List<SelectListItem> RemandItems { get; } = RemandsOrBail.All.Select(r => new SelectListItem(RemandsOrBail.Display(r), r.ToString())).ToList();
    public List<SelectListItem> HearingTypeItems { get; } = HearingTypes.All.Select(t => new SelectListItem(HearingTypes.Display(t), t.ToString())).ToList();
    public List<SelectListItem> CourtOutcomeItems { get; } = CourtOutcomes.All.Select(o => new SelectListItem(CourtOutcomes.Display(o), o.ToString())).ToList();
    public List<SelectListItem> RequirementItems { get; } = OrderRequirements.All.Select(r => new SelectListItem(r.Name, r.Code)).ToList();
    public List<SelectListItem> TransferLegalStatusItems { get; } =
        LegalStatuses.Transfers.Select(c => new SelectListItem(LegalStatuses.Display(c), c)).ToList();
    public List<SelectListItem> SectionItems { get; } =
        [new("Section 47 (a sentenced prisoner)", nameof(Waymark.CriminalJustice.TransferSection.S47)), new("Section 48 (a remand or other unsentenced prisoner)", nameof(Waymark.CriminalJustice.TransferSection.S48))];
    public List<SelectListItem> SupportItems { get; } = [new("The person should be supported at court", "true")];
    public List<SelectListItem> RemindItems { get; } = [new("Remind them by text message", "text"), new("Remind them by email", "email")];
    public List<SelectListItem> PaymentPlanItems { get; } = [new("The team will help with a payment plan", "true")];
    public List<SelectListItem> CourtItems { get; private set; } = [];
    public List<SelectListItem> PrisonItems { get; private set; } = [];
    public List<SelectListItem> HearingItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        On = DateParts.From(UkTime.DateOf(Now));
        return Page();
    }

    [RequiresPermission(Permission.Refer)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var input = Read();
        if (!ModelState.IsValid) return Page();
        try
        {
            await service.RecordAsync(EpisodeId, input!, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e, field => field switch
            {
                nameof(EventInput.On) => nameof(On),
                nameof(EventInput.HearingAt) => nameof(HearingDate),
                nameof(EventInput.AgencyId) => EventKind == CriminalJusticeEventKind.Hearing ? nameof(Court) : nameof(Prison),
                nameof(EventInput.HearingId) => nameof(Hearing),
                nameof(EventInput.RemindByText) or nameof(EventInput.RemindByEmail) => nameof(Remind),
                nameof(EventInput.Kind) => "",
                "" => "",
                _ => field,
            });
            return Page();
        }
        catch (EpisodeRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        TempData["Success"] = $"{KindName} recorded"
            + (service.PlannedReminders is { } plan ? string.Concat(plan.Planned.Select(r => $". {(r.Channel == Waymark.Reminders.ReminderChannel.Text ? "Text" : "Email")} reminder to be sent {Display.DateTime(r.DueAt)}"))
                + string.Concat(plan.NotPlanned.Select(n => $". {n}")) : "");
        return Redirect($"/episodes/{EpisodeId}#criminal-justice");
    }

    /// <summary>Reads the form into an input; format problems go on the model state.</summary>
    private EventInput? Read()
    {
        DateOnly? on = null;
        DateTimeOffset? hearingAt = null;
        if (EventKind == CriminalJusticeEventKind.Hearing)
        {
            (hearingAt, AmbiguousTime) = TypedMoment.Read(ModelState, HearingDate, HearingTime, ClockChange,
                new(nameof(HearingDate), nameof(HearingTime), nameof(ClockChange)),
                new("Date of the hearing", "Enter the date of the hearing", "Enter the time of the hearing, for example 10:00",
                    "Enter the time like 10:00 or 10am", "Time of the hearing"));
        }
        else
        {
            var (date, error) = On.Parse("Date");
            if (error is not null) ModelState.AddModelError(nameof(On), error);
            on = date;
        }
        Guid? agency = EventKind == CriminalJusticeEventKind.Hearing ? ParseId(Court, nameof(Court), "Select the court")
            : EventKind == CriminalJusticeEventKind.TransferReferral && !string.IsNullOrEmpty(Prison) ? ParseId(Prison, nameof(Prison), "Select one of your team's prisons, or none") : null;
        Guid? hearing = CriminalJusticeEventKinds.IsAboutHearing(EventKind) ? ParseId(Hearing, nameof(Hearing), "Select the hearing") : null;
        var input = new EventInput(EventKind, on, hearingAt, Choices.Enum<OffenceCategory>(Offence), PoliceDecision,
            Choices.Enum<RemandOrBail>(RemandOrBail), BailConditions, agency, Choices.Enum<HearingType>(HearingType), SupportAtCourt, hearing,
            Choices.Enum<CourtOutcome>(CourtOutcome), Requirements, PaymentPlanHelp, LegalStatus,
            Choices.Enum<TransferSection>(TransferSection), Corrects,
            EventKind == CriminalJusticeEventKind.Hearing && Remind.Contains("text"), EventKind == CriminalJusticeEventKind.Hearing && Remind.Contains("email"));
        // Report every problem at once, but not twice: the form's own reading wins for a field it already refused.
        foreach (var (field, message) in input.DateProblems(Episode!.Dates(Now)).Concat(input.Validate()))
        {
            var key = field switch
            {
                nameof(EventInput.On) => nameof(On), nameof(EventInput.HearingAt) => nameof(HearingDate),
                nameof(EventInput.AgencyId) => nameof(Court), nameof(EventInput.HearingId) => nameof(Hearing), _ => field,
            };
            // No hearing instant because the time (or the clock-change answer) was refused: that error says it all.
            if (field == nameof(EventInput.HearingAt) && hearingAt is null && (HasError(nameof(HearingTime)) || HasError(nameof(ClockChange)))) continue;
            if (!HasError(key)) ModelState.AddModelError(key, message);
        }
        return input;
    }

    private bool HasError(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;

    private Guid? ParseId(string? posted, string field, string message)
    {
        if (Guid.TryParse(posted, out var id)) return id;
        ModelState.AddModelError(field, message);
        return null;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (CriminalJusticeEventKinds.FromSlug(KindSlug) is not { } kind) return false;
        EventKind = kind;
        if (!await LoadEpisodeAsync(ct)) return false;
        if (Corrects is { } c)
        {
            var old = await service.FindAsync(EpisodeId, c, ct);
            if (old is null || old.Kind != kind) return false;
            CorrectedSummary = $"{Display.Date(old.On)}: {old.Summary(_ => null)}";
        }
        if (kind == CriminalJusticeEventKind.Hearing)
            CourtItems = [new("Select the court", ""), .. (await service.AgenciesAsync(Episode!.TeamId, courts: true, ct)).Select(a => new SelectListItem(a.Name, a.Id.ToString()))];
        if (kind == CriminalJusticeEventKind.TransferReferral)
            PrisonItems = [new("Not recorded", ""), .. (await service.AgenciesAsync(Episode!.TeamId, courts: false, ct)).Select(a => new SelectListItem(a.Name, a.Id.ToString()))];
        if (CriminalJusticeEventKinds.IsAboutHearing(kind))
            HearingItems = [new("Select the hearing", ""), .. (await service.ListedHearingsAsync(EpisodeId, ct)).Select(h => new SelectListItem(h.Name, h.Id.ToString()))];
        return true;
    }
}
