using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Persistence;
using Waymark.Screening;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Screening;

public class OutcomeModel(ScreeningService screening, WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
    : EpisodeWorkPage(db, user, clock), IShowsPersonData
{
    /// <inheritdoc />
    protected override Permission ChangePermission => Permission.Screen;

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null ? [] : [PersonView.Record("ScreeningOutcome", EpisodeId.ToString(), Episode.PersonId, "Screening outcome form")];

    [BindProperty] public List<string> Needs { get; set; } = [];
    [BindProperty] public string? RiskToSelf { get; set; }
    [BindProperty] public string? RiskToOthers { get; set; }
    [BindProperty] public string? RiskFromOthers { get; set; }
    [BindProperty] public string? RiskNotes { get; set; }
    [BindProperty] public string? Urgency { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? SignpostedTo { get; set; }
    [BindProperty] public string? Notes { get; set; }
    /// <summary>The outcome number this form was started from (0: none), so a newer one is noticed.</summary>
    [BindProperty] public int BasedOn { get; set; }

    public ScreeningOutcome? Latest { get; private set; }
    public IReadOnlyList<InstrumentCompletion> Completions { get; private set; } = [];
    public AssessmentTargets Targets { get; private set; } = AssessmentTargets.Default;

    public List<SelectListItem> NeedItems { get; } = AssessmentDomains.All.Select(d => new SelectListItem(d.Name, d.Code)).ToList();
    public List<SelectListItem> RiskItems { get; } = Choices.Of<RiskLevel>(ScreeningChoices.Display);
    public List<SelectListItem> DecisionItems { get; } = Choices.Of<ScreeningDecision>(ScreeningChoices.Display);
    public List<SelectListItem> UrgencyItems => Choices.Of<Urgency>(u => $"{ScreeningChoices.Display(u)} – assess within {Duration(Targets.For(u))}");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Latest is { } l)
        {
            Needs = l.NeedCodes.ToList();
            (RiskToSelf, RiskToOthers, RiskFromOthers) = (l.RiskToSelf.ToString(), l.RiskToOthers.ToString(), l.RiskFromOthers.ToString());
            (RiskNotes, Urgency, Decision, SignpostedTo) = (l.RiskNotes, l.Urgency.ToString(), l.Decision.ToString(), l.SignpostedTo);
        }
        else
        {
            // Start from what identification suggested; the practitioner confirms or changes it.
            Needs = Episode!.Vulnerabilities.Select(AssessmentDomains.FromIdentificationPrompt).OfType<string>().ToList();
        }
        BasedOn = Latest?.Sequence ?? 0;
        return Page();
    }

    [RequiresPermission(Permission.Screen)]

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Forbid();
        var input = new ScreeningOutcomeInput(Needs, Choices.Enum<RiskLevel>(RiskToSelf), Choices.Enum<RiskLevel>(RiskToOthers),
            Choices.Enum<RiskLevel>(RiskFromOthers), RiskNotes, Choices.Enum<Urgency>(Urgency), Choices.Enum<ScreeningDecision>(Decision),
            SignpostedTo, Notes);
        AddErrors(input.Validate());
        if (!ModelState.IsValid) return Page();
        try
        {
            var o = await screening.RecordOutcomeAsync(EpisodeId, BasedOn, input, ct);
            TempData["Success"] = o.AssessmentDueAt is { } due
                ? $"Screening outcome recorded. Full assessment due by {Display.DateTime(due)}."
                : "Screening outcome recorded.";
            return Redirect($"/episodes/{EpisodeId}/screening");
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            // What they typed stays on the form; it is now based on the newer outcome shown beside it.
            BasedOn = Latest?.Sequence ?? 0;
            return Page();
        }
        catch (EpisodeRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadEpisodeAsync(ct)) return false;
        Latest = await screening.LatestOutcomeAsync(EpisodeId, ct);
        Completions = await screening.CompletionsAsync(EpisodeId, ct);
        Targets = await AssessmentTargetSettings.Of(Db, Episode!.TeamId, ct);
        await LoadNamesAsync([Latest?.RecordedByUserId], ct);
        return true;
    }

    public static string Duration(TimeSpan t) =>
        t.TotalMinutes < 120 ? $"{t.TotalMinutes:0} minutes"
        : t.TotalHours < 48 ? $"{t.TotalHours:0.#} hours"
        : $"{t.TotalDays:0.#} days";
}
