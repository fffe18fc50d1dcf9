using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.Persistence;

namespace Waymark.Web.Pages.Liaison;

/// <summary>Record that the person withdrew a consent to share with criminal justice agencies: when, and what they said.</summary>
public class WithdrawModel(CriminalJusticeSharing sharing, CriminalJusticeAgencies agencies, WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
    : SharingPage(db, user, clock, agencies)
{
    protected override Permission ChangePermission => Permission.ShareWithCriminalJustice;

    [FromRoute] public Guid ConsentId { get; set; }
    [BindProperty] public string? Note { get; set; }

    public CriminalJusticeConsent? Consent { get; private set; }
    public EpisodeSharing? Sharing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadConsentAsync(ct)) return NotFound();
        DefaultToNow();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadConsentAsync(ct)) return NotFound();
        var at = ReadMoment("Date consent was withdrawn", "Time consent was withdrawn");
        var input = new WithdrawalInput(at, Note);
        try
        {
            if (!ModelState.IsValid)
            {
                AddProblems(input.Validate(Consent!, Now).Where(p => at is not null || p.Field != nameof(WithdrawalInput.At)).Select(p => new ValidationProblem(p.Field, p.Message)), Key);
                return Page();
            }
            await sharing.WithdrawAsync(EpisodeId, ConsentId, input, ct);
        }
        catch (ValidationFailedException e)
        {
            AddProblems(e.Problems, Key);
            return Page();
        }
        catch (Exception e) when (e is EpisodeRuleException or SharingRuleException)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        return BackToEpisode("Consent withdrawn: nothing more may be shared under it");
    }

    private async Task<bool> LoadConsentAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return false;
        Sharing = await sharing.ForEpisodeAsync(EpisodeId, ct);
        Consent = Sharing.Consents.FirstOrDefault(c => c.Id == ConsentId);
        return Consent is not null;
    }

    private static string Key(string field) => field == nameof(WithdrawalInput.At) ? nameof(When) : field;
}
