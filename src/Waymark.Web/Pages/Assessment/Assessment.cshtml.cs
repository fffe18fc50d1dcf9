using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Assessment;

/// <summary>One domain's answers as posted (strings, so a bad value is shown back as typed).</summary>
public class NeedRow
{
    /// <summary>The domain's code (a hidden field); null when posted empty.</summary>
    public string? Domain { get; set; }
    public string? Finding { get; set; }
    public string? Severity { get; set; }
    public string? Notes { get; set; }
    public string? PersonPriority { get; set; }
    public string? InTheirWords { get; set; }

    public bool HasAnswers => Finding is not null || Severity is not null || !string.IsNullOrWhiteSpace(Notes)
        || !string.IsNullOrEmpty(PersonPriority) || !string.IsNullOrWhiteSpace(InTheirWords);
}

public class AssessmentModel(AssessmentService assessments, WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
    : EpisodeWorkPage(db, user, clock), IShowsPersonData
{
    /// <inheritdoc />
    protected override Permission ChangePermission => Permission.Assess;

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null ? [] : [PersonView.Record("Assessment", EpisodeId.ToString(), Episode.PersonId)];

    public const int PriorityChoices = 10;

    [BindProperty] public List<NeedRow> Needs { get; set; } = [];
    [BindProperty] public string? WhatMattersToMe { get; set; }
    [BindProperty] public string? RiskSummary { get; set; }
    [BindProperty] public string? AdultSafeguardingConcern { get; set; }
    [BindProperty] public string? AdultSafeguardingDetails { get; set; }
    [BindProperty] public string? AdultSafeguardingAction { get; set; }
    [BindProperty] public string? ChildSafeguardingConcern { get; set; }
    [BindProperty] public string? ChildSafeguardingDetails { get; set; }
    [BindProperty] public string? ChildSafeguardingAction { get; set; }
    /// <summary>The version the form was loaded from; empty for a new assessment.</summary>
    [BindProperty] public string? Version { get; set; }
    [BindProperty] public string? Complete { get; set; }

    public PsychosocialAssessment? Saved { get; private set; }
    public bool Conflict { get; private set; }

    public List<SelectListItem> FindingItems { get; } = Choices.Of<NeedFinding>(NeedChoices.Display);
    public List<SelectListItem> SeverityItems { get; } = Choices.Of<Severity>(NeedChoices.Display);
    public List<SelectListItem> PriorityItems { get; } =
        [new("Not one of their priorities", ""), .. Enumerable.Range(1, PriorityChoices).Select(i => new SelectListItem(i == 1 ? "1 – matters most" : i.ToString(), i.ToString()))];
    public List<SelectListItem> YesNo { get; } = [new("Yes", "yes"), new("No", "no")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Fill(Saved);
        return Page();
    }

    [RequiresPermission(Permission.Assess)]

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Forbid();
        // Each domain's row exactly once, as the form has them; then only the domains we know, in our order
        // (so the page can always be shown again).
        PostedKeys.Check(ModelState, Needs.Select(n => n.Domain), AssessmentDomains.IsKnown, AssessmentDomains.All.Count);
        var posted = Needs.Where(n => AssessmentDomains.IsKnown(n.Domain)).GroupBy(n => n.Domain!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Needs = AssessmentDomains.All.Select(d => posted.GetValueOrDefault(d.Code) ?? new NeedRow { Domain = d.Code }).ToList();
        Guid? version = null;
        if (!string.IsNullOrEmpty(Version))
        {
            if (!Guid.TryParse(Version, out var v)) { ModelState.AddModelError("", "The form was incomplete. Reload the page and try again."); return Page(); }
            version = v;
        }

        var inputs = new List<AssessedNeedInput>();
        for (var i = 0; i < Needs.Count; i++)
        {
            var n = Needs[i];
            var finding = Choices.Enum<NeedFinding>(n.Finding);
            if (n.Finding is { Length: > 0 } && finding is null) ModelState.AddModelError($"Needs[{i}].Finding", $"{AssessmentDomains.NameOf(n.Domain)}: select an answer from the list");
            var severity = Choices.Enum<Severity>(n.Severity);
            if (n.Severity is { Length: > 0 } && severity is null) ModelState.AddModelError($"Needs[{i}].Severity", $"{AssessmentDomains.NameOf(n.Domain)}: select a severity from the list");
            int? priority = null;
            if (!string.IsNullOrEmpty(n.PersonPriority))
            {
                if (int.TryParse(n.PersonPriority, out var p)) priority = p;
                else ModelState.AddModelError($"Needs[{i}].PersonPriority", $"{AssessmentDomains.NameOf(n.Domain)}: priority must be a number");
            }
            inputs.Add(new AssessedNeedInput(n.Domain!, finding, severity, n.Notes, priority, n.InTheirWords));
        }
        bool? adult = YesNoValue(nameof(AdultSafeguardingConcern), AdultSafeguardingConcern);
        bool? child = YesNoValue(nameof(ChildSafeguardingConcern), ChildSafeguardingConcern);
        var input = new AssessmentInput(inputs, WhatMattersToMe, RiskSummary,
            adult, AdultSafeguardingDetails, AdultSafeguardingAction, child, ChildSafeguardingDetails, ChildSafeguardingAction);
        var completing = Complete == "true";
        if (ModelState.IsValid)
            foreach (var (field, message) in input.Validate(completing))
                ModelState.AddModelError(FieldKey(field), message);
        if (!ModelState.IsValid) return Page();
        try
        {
            var saved = await assessments.SaveAsync(EpisodeId, version, input, completing, ct);
            TempData["Success"] = completing && saved.CompletedAt is not null ? "Assessment saved and completed" : "Assessment saved";
            return Redirect(completing ? $"/episodes/{EpisodeId}" : $"/episodes/{EpisodeId}/assessment");
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            Conflict = true;
            Saved = await assessments.FindAsync(EpisodeId, ct);
            await LoadNamesAsync([Saved?.UpdatedByUserId], ct);
            // The form keeps what they typed; saving again is now a deliberate choice over the version shown.
            Version = Saved?.Version.ToString();
            ModelState.Remove(nameof(Version));
            return Page();
        }
        catch (EpisodeRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
    }

    private bool? YesNoValue(string field, string? posted)
    {
        switch (posted)
        {
            case null or "": return null;
            case "yes": return true;
            case "no": return false;
            default: ModelState.AddModelError(field, "Select yes or no"); return null;
        }
    }

    /// <summary>The service names domain fields "Needs[housing].Finding"; the form's fields are "Needs[0].Finding".</summary>
    private string FieldKey(string field)
    {
        if (!field.StartsWith("Needs[", StringComparison.Ordinal)) return field;
        var end = field.IndexOf(']', StringComparison.Ordinal);
        if (end < 0) return field;
        var domain = field[6..end];
        var i = Needs.FindIndex(n => n.Domain == domain);
        return i < 0 ? field : $"Needs[{i}]{field[(end + 1)..]}";
    }

    private void Fill(PsychosocialAssessment? a)
    {
        Needs = AssessmentDomains.All.Select(d =>
        {
            var n = a?.Needs.FirstOrDefault(x => x.Domain == d.Code);
            return new NeedRow
            {
                Domain = d.Code,
                Finding = n?.Finding.ToString(),
                Severity = n?.Severity?.ToString(),
                Notes = n?.Notes,
                PersonPriority = n?.PersonPriority?.ToString(),
                InTheirWords = n?.InTheirWords,
            };
        }).ToList();
        if (a is null) return;
        (WhatMattersToMe, RiskSummary) = (a.WhatMattersToMe, a.RiskSummary);
        AdultSafeguardingConcern = a.AdultSafeguardingConcern switch { true => "yes", false => "no", _ => null };
        (AdultSafeguardingDetails, AdultSafeguardingAction) = (a.AdultSafeguardingDetails, a.AdultSafeguardingAction);
        ChildSafeguardingConcern = a.ChildSafeguardingConcern switch { true => "yes", false => "no", _ => null };
        (ChildSafeguardingDetails, ChildSafeguardingAction) = (a.ChildSafeguardingDetails, a.ChildSafeguardingAction);
        Version = a.Version.ToString();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadEpisodeAsync(ct)) return false;
        Saved = await assessments.FindAsync(EpisodeId, ct);
        await LoadNamesAsync([Saved?.StartedByUserId, Saved?.UpdatedByUserId, Saved?.CompletedByUserId], ct);
        return true;
    }

    /// <summary>A domain's section starts open when it has answers or an error, and basic needs always do.</summary>
    public bool IsOpen(int i) =>
        AssessmentDomains.Find(Needs[i].Domain)?.IsBasicNeed == true || Needs[i].HasAnswers
        || ModelState.Keys.Any(k => k.StartsWith($"Needs[{i}].", StringComparison.Ordinal) && ModelState[k]!.Errors.Count > 0);
}
