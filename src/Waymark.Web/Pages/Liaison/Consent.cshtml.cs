using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Liaison;

/// <summary>
/// Record the person's consent to share with criminal justice agencies: what, with which of the team's agencies, for
/// what, how given, their capacity, and when. A person without capacity cannot consent: the page says so and points to
/// sharing without consent (best interests).
/// </summary>
public class ConsentModel(CriminalJusticeSharing sharing, CriminalJusticeAgencies agencies, WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
    : SharingPage(db, user, clock, agencies)
{
    protected override Permission ChangePermission => Permission.ShareWithCriminalJustice;

    [BindProperty] public List<string> Information { get; set; } = [];
    [BindProperty] public List<string> AgencyIds { get; set; } = [];
    [BindProperty] public List<string> Purposes { get; set; } = [];
    [BindProperty] public string? Form { get; set; }
    /// <summary>"yes" the person has capacity to consent to this; "no" they lack it.</summary>
    [BindProperty] public string? Capacity { get; set; }
    [BindProperty] public string? CapacityNote { get; set; }

    /// <summary>
    /// An agency to tick when the form opens (<c>?agency={id}</c>, e.g. from a liaison report's check page); ignored
    /// unless it is one of the team's agencies in use.
    /// </summary>
    [FromQuery(Name = "agency")] public Guid? Agency { get; set; }

    /// <summary>
    /// Where to go after recording the consent instead of the episode page: a local path only (<see cref="LocalUrls.Safe"/>;
    /// anything else goes back to the episode).
    /// </summary>
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Set when consent was refused for lack of capacity, so the page links to sharing without consent.</summary>
    public bool LacksCapacity { get; private set; }

    public List<SelectListItem> PurposeItems { get; } = SharingPurposes.All.Select(x => new SelectListItem(x.Name, x.Code)).ToList();
    public List<SelectListItem> FormItems { get; } = [new("Verbally", nameof(ConsentForm.Verbal)), new("In writing", nameof(ConsentForm.Written))];
    public List<SelectListItem> CapacityItems { get; } =
        [new("Yes, they have capacity to consent to this", "yes"), new("No, they do not have capacity to consent to this", "no")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        DefaultToNow();
        if (Agency is { } a && AgencyItems.Any(i => i.Value == a.ToString())) AgencyIds = [a.ToString()];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var hasCapacity = Capacity switch { "yes" => true, "no" => false, _ => (bool?)null };
        var at = hasCapacity == false ? null : ReadMoment("Date consent was given", "Time consent was given");
        var input = new ConsentInput(Information, Ids(AgencyIds), Purposes, Choices.Enum<ConsentForm>(Form), hasCapacity, CapacityNote, at);
        try
        {
            if (hasCapacity != false && !ModelState.IsValid)
            {
                // Show every problem at once: the service's checks of the rest of the form too.
                AddProblems(input.Validate(Episode!.Dates(Now)).Where(p => at is not null || p.Field != nameof(ConsentInput.GivenAt)).Select(p => new ValidationProblem(p.Field, p.Message)), Key);
                return Page();
            }
            await sharing.RecordConsentAsync(EpisodeId, input, ct);
        }
        catch (LacksCapacityException e)
        {
            ModelState.Clear();
            LacksCapacity = true;
            ModelState.AddModelError(nameof(Capacity), e.Message);
            return Page();
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
        var back = LocalUrls.Safe(ReturnUrl);
        return back != "/" ? LocalRedirect(back) : BackToEpisode("Consent to share with criminal justice agencies recorded");
    }

    private static string Key(string field) => field switch
    {
        nameof(ConsentInput.HasCapacity) => nameof(Capacity),
        nameof(ConsentInput.GivenAt) => nameof(When),
        _ => field,
    };
}
