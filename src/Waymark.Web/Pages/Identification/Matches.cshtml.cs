using Microsoft.AspNetCore.Mvc;
using Waymark.Audit;
using Waymark.Identification;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Identification;

/// <summary>"Do we know this person?" — the practitioner decides; nothing is linked automatically.</summary>
[AuditsPersonViewsItself("The look-up that finds the candidates shown is audited as a search wherever it runs, GET or POST.")]
public class MatchesModel(IdentificationService journeys, WaymarkDbContext db, IPersonLookup lookup, MatchDecisions decisions, Auditor audit) : JourneyPage(journeys, db)
{
    [BindProperty] public string? Choice { get; set; }
    public LookupResult Result { get; private set; } = new(LookupOutcome.NoMatch, []);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Draft.HasPerson) return Redirect(StepUrl("person"));
        await FindAsync(ct);
        Choice = Draft.ExistingPersonId?.ToString() ?? (Draft.IsNewPerson ? "new" : null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Draft.HasPerson) return Redirect(StepUrl("person"));
        await FindAsync(ct);
        if (Choice == "new")
        {
            Draft.ExistingPersonId = null;
            Draft.IsNewPerson = true;
        }
        else if (Guid.TryParse(Choice, out var id) && Result.Candidates.Any(c => c.Person.Id == id))
        {
            Draft.ExistingPersonId = id;
            Draft.IsNewPerson = false;
        }
        else
        {
            ModelState.AddModelError(nameof(Choice), "Select the person this is, or that this is a new person");
            return Page();
        }
        // Every candidate shown gets the practitioner's verdict: the chosen one "this is them", the rest "not them".
        await decisions.RecordAsync(Draft, Result.Candidates, Draft.ExistingPersonId, ct);
        await Db.SaveChangesAsync(ct);
        return Redirect(StepUrl("check"));
    }

    private async Task FindAsync(CancellationToken ct)
    {
        Result = await lookup.FindAsync(new LookupRequest(Draft.GivenName, Draft.FamilyName, Draft.DateOfBirth, Draft.Sex,
            Draft.NhsNumber, Draft.PncId, Draft.Postcode), ct);
        await audit.RecordNowAsync(AuditAction.Searched, "IdentificationLookup", Draft.Id.ToString(),
            detail: $"outcome={Result.Outcome} candidates={Result.Candidates.Count}", ct: ct);
    }
}
