using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Waymark.Episodes;
using Waymark.Identification;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Web.Pages.Identification;

public class CheckAnswersModel(IdentificationService journeys, WaymarkDbContext db) : JourneyPage(journeys, db)
{
    private readonly IdentificationService _journeys = journeys;
    public string PersonName { get; private set; } = "";
    public DateOnly? DateOfBirth { get; private set; }
    /// <summary>Why the date of birth is empty, when it is (ADR 18).</summary>
    public Absence? DateOfBirthAbsence { get; private set; }
    public int? AgeAtIdentification { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Incomplete() is { } step) return Redirect(StepUrl(step));
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Incomplete() is { } step) return Redirect(StepUrl(step));
        try
        {
            var episode = await _journeys.CompleteAsync(Draft, ct);
            TempData["Success"] = "Identification recorded";
            return Redirect($"/people/{episode.PersonId}");
        }
        catch (EpisodeRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            return await ShowAsync(ct);
        }
    }

    private string? Incomplete() =>
        !Draft.HasSetting ? "setting" : !Draft.HasReason ? "reason" : !Draft.HasPerson ? "person" : !Draft.HasMatchDecision ? "matches" : null;

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        PersonName = Waymark.People.PersonNames.Full(Draft.GivenName, Draft.FamilyName);
        DateOfBirth = Draft.DateOfBirth;
        DateOfBirthAbsence = Absent.ToStore(Draft.DateOfBirth is not null, Draft.DateOfBirthAbsence);
        if (Draft.ExistingPersonId is { } id)
        {
            var p = await Db.People.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.GivenName, x.FamilyName, x.DateOfBirth, x.DateOfBirthAbsence }).FirstOrDefaultAsync(ct);
            if (p is null) return Redirect(StepUrl("matches"));
            PersonName = Waymark.People.PersonNames.Full(p.GivenName, p.FamilyName);
            DateOfBirth = p.DateOfBirth;
            DateOfBirthAbsence = p.DateOfBirthAbsence;
        }
        if (DateOfBirth is { } dob && Draft.IdentifiedAt is { } at)
            AgeAtIdentification = Age.On(dob, UkTime.DateOf(at));
        return Page();
    }
}
