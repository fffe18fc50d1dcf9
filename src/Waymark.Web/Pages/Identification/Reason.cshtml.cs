using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Episodes;
using Waymark.Identification;
using Waymark.Persistence;

namespace Waymark.Web.Pages.Identification;

public class ReasonModel(IdentificationService journeys, WaymarkDbContext db) : JourneyPage(journeys, db)
{
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? Why { get; set; }
    [BindProperty] public List<string> Prompts { get; set; } = [];

    public List<SelectListItem> PromptItems { get; } = Vulnerability.Prompts.Select(p => new SelectListItem(p.Name, p.Code)).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Draft.HasSetting) return Redirect(StepUrl("setting"));
        Source = Draft.IdentifiedBySource;
        Why = Draft.IdentificationReason;
        Prompts = Draft.VulnerabilityPrompts.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (string.IsNullOrWhiteSpace(Source)) ModelState.AddModelError(nameof(Source), "Enter who identified them");
        else if (Source.Trim().Length > 200) ModelState.AddModelError(nameof(Source), "Who identified them must be 200 characters or fewer");
        if (string.IsNullOrWhiteSpace(Why)) ModelState.AddModelError(nameof(Why), "Enter why they were identified");
        else if (Why.Trim().Length > 4000) ModelState.AddModelError(nameof(Why), "Why they were identified must be 4,000 characters or fewer");
        if (Prompts.Any(p => !Vulnerability.IsKnown(p))) ModelState.AddModelError(nameof(Prompts), "Select vulnerabilities from the list");
        if (!ModelState.IsValid) return Page();

        Draft.IdentifiedBySource = Source!.Trim();
        Draft.IdentificationReason = Why!.Trim();
        Draft.VulnerabilityPrompts = string.Join(' ', Prompts.Distinct());
        await Db.SaveChangesAsync(ct);
        return Next(Draft.ExistingPersonId is null ? "person" : "check");
    }
}
