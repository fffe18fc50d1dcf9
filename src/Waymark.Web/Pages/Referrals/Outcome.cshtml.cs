using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Referrals;

/// <summary>Record an outcome for an episode, attributed to one of its referrals if one brought it about.</summary>
public class OutcomeModel(ReferralService referrals, WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
    : EpisodeWorkPage(db, user, clock), IShowsPersonData
{
    /// <inheritdoc />
    protected override Permission ChangePermission => Permission.Refer;

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null ? [] : [PersonView.Record("Outcome", EpisodeId.ToString(), Episode.PersonId, "Recording an outcome")];

    [BindProperty(SupportsGet = true)] public string? Referral { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public DateParts On { get; set; } = new();
    [BindProperty] public string? Note { get; set; }

    public List<SelectListItem> CodeItems { get; } = Choices.Of<OutcomeCode>(Outcome.Display);
    public List<SelectListItem> ReferralItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanRecord) return Redirect($"/episodes/{EpisodeId}");
        On = DateParts.From(UkTime.DateOf(Now));
        return Page();
    }

    [RequiresPermission(Permission.Refer)]

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanRecord) return Forbid();
        var code = Choices.Enum<OutcomeCode>(Code);
        if (code is null) ModelState.AddModelError(nameof(Code), "Select the outcome");
        var (on, error) = On.Parse("Date");
        if (error is not null) ModelState.AddModelError(nameof(On), error);
        else if (on is null) ModelState.AddModelError(nameof(On), "Enter when it happened");
        Guid? referralId = null;
        if (!string.IsNullOrEmpty(Referral))
        {
            if (Guid.TryParse(Referral, out var rid) && ReferralItems.Any(i => i.Value == rid.ToString())) referralId = rid;
            else ModelState.AddModelError(nameof(Referral), "Choose one of this episode's referrals, or none");
        }
        if (Note is { Length: > 2000 }) ModelState.AddModelError(nameof(Note), "Note must be 2,000 characters or fewer");
        if (!ModelState.IsValid) return Page();
        try
        {
            await referrals.RecordOutcomeAsync(EpisodeId, referralId, code, on, Note, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e, field => field switch
            {
                "code" => nameof(Code), "on" => nameof(On), "note" => nameof(Note), "referralId" => nameof(Referral), _ => "",
            });
            return Page();
        }
        TempData["Success"] = "Outcome recorded";
        return Redirect(referralId is { } r ? $"/referrals/{r}" : $"/episodes/{EpisodeId}");
    }

    private bool CanRecord => Episode is { } e && e.TeamId == CurrentUser.TeamId;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadEpisodeAsync(ct)) return false;
        // Ids are formatted here, not in SQL: SQLite would give them in upper case.
        var referrals = await Db.Referrals.AsNoTracking().Where(r => r.EpisodeId == EpisodeId)
            .OrderByDescending(r => r.CreatedAt).Select(r => new { r.Id, r.ServiceName }).ToListAsync(ct);
        ReferralItems = [new("Not linked to a referral", ""), .. referrals.Select(r => new SelectListItem(r.ServiceName, r.Id.ToString()))];
        return true;
    }
}
