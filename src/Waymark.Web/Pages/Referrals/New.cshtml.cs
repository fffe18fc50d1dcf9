using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Referrals;

/// <summary>Make a referral: services matched to the person's needs (basic needs first) and age, then how.</summary>
public class NewModel(ReferralService referrals, WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
    : EpisodeWorkPage(db, user, clock), IShowsPersonData
{
    /// <inheritdoc />
    protected override Permission ChangePermission => Permission.Refer;

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null ? [] : [PersonView.Record("Referral", null, Episode.PersonId, "Choosing a service")];

    /// <summary>"{serviceId}|{need}": the service chosen under the need it is for.</summary>
    [BindProperty] public string? Choice { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? Supported { get; set; }
    [BindProperty] public string? SupportPlan { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Send { get; set; }

    public IReadOnlyList<NeedSuggestions> Suggestions { get; private set; } = [];
    public List<SelectListItem> MethodItems { get; } = Choices.Of<ReferralMethod>(ReferralLifecycle.Display);
    public List<SelectListItem> YesNo { get; } = [new("Yes – a worker goes with them or attends the first appointment", "yes"), new("No", "no")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Redirect($"/episodes/{EpisodeId}");
        return Page();
    }

    [RequiresPermission(Permission.Refer)]

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Forbid();
        Guid? serviceId = null;
        string? need = null;
        var parts = (Choice ?? "").Split('|');
        if (parts.Length == 2 && Guid.TryParse(parts[0], out var sid)) (serviceId, need) = (sid, parts[1]);
        var input = new ReferralInput(serviceId, need, Choices.Enum<ReferralMethod>(Method),
            Supported switch { "yes" => true, "no" => false, _ => null }, SupportPlan, Note);
        foreach (var (field, message) in input.Validate())
            ModelState.AddModelError(field is nameof(ReferralInput.ServiceId) or nameof(ReferralInput.Need) ? nameof(Choice) : field, message);
        if (!ModelState.IsValid) return Page();
        try
        {
            var r = await referrals.CreateAsync(EpisodeId, input, send: Send == "true", ct);
            TempData["Success"] = Send == "true" ? "Referral sent. Follow-ups are in your tasks." : "Referral saved as a draft";
            return Redirect($"/referrals/{r.Id}");
        }
        catch (DomainRuleException e) // the service refused, or the episode is closed
        {
            ModelState.AddModelError(nameof(Choice), e.Message);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadEpisodeAsync(ct)) return false;
        Suggestions = await referrals.SuggestAsync(EpisodeId, ct);
        return true;
    }
}
