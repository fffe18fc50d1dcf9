using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.Web.Forms;

namespace Waymark.Web.Pages.Liaison;

/// <summary>
/// Record a decision to share with criminal justice agencies without the person's consent: the lawful basis, why, the
/// second person who agreed, what and with whom. Audited as a disclosure.
/// </summary>
public class WithoutConsentModel(CriminalJusticeSharing sharing, CriminalJusticeAgencies agencies, WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
    : SharingPage(db, user, clock, agencies)
{
    protected override Permission ChangePermission => Permission.ShareWithoutConsent;

    [BindProperty(SupportsGet = true)] public string? Basis { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? SecondPersonName { get; set; }
    [BindProperty] public List<string> Information { get; set; } = [];
    [BindProperty] public List<string> AgencyIds { get; set; } = [];

    public List<SelectListItem> BasisItems { get; } = LawfulBases.All.Select(b => new SelectListItem(LawfulBases.Display(b), b.ToString())).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Choices.Enum<LawfulBasis>(Basis) is null) Basis = null;
        ModelState.Clear();
        DefaultToNow();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var at = ReadMoment("Date of the decision", "Time of the decision");
        var input = new WithoutConsentInput(Choices.Enum<LawfulBasis>(Basis), Reason, SecondPersonName, Information, Ids(AgencyIds), at);
        try
        {
            if (!ModelState.IsValid)
            {
                AddProblems(input.Validate(Episode!.Dates(Now), []).Where(p => at is not null || p.Field != nameof(WithoutConsentInput.DecidedAt)).Select(p => new ValidationProblem(p.Field, p.Message)), Key);
                return Page();
            }
            await sharing.RecordWithoutConsentAsync(EpisodeId, input, ct);
        }
        catch (ValidationFailedException e)
        {
            AddProblems(e.Problems, Key);
            return Page();
        }
        catch (EpisodeRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        return BackToEpisode("Sharing without consent recorded (audited as a disclosure)");
    }

    private static string Key(string field) => field == nameof(WithoutConsentInput.DecidedAt) ? nameof(When) : field;
}
