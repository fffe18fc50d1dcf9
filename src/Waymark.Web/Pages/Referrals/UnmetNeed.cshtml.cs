using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Referrals;

/// <summary>
/// "No suitable service for this need" (issue 15 item 2): record that no referral could be made for one of the person's
/// needs, and why; the episode's records so far, each withdrawable (with a reason) when recorded in error.
/// </summary>
public class UnmetNeedModel(UnmetNeedService unmetNeeds, WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
    : EpisodeWorkPage(db, user, clock), IShowsPersonData
{
    /// <inheritdoc />
    protected override Permission ChangePermission => Permission.Refer;

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null ? [] : [PersonView.Record("UnmetNeed", EpisodeId.ToString(), Episode.PersonId, "Recording an unmet need")];

    /// <summary>The need (an assessment domain code); a GET may preselect it with <c>?need=housing</c>.</summary>
    [BindProperty(SupportsGet = true)] public string? Need { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Detail { get; set; }
    /// <summary>The record being withdrawn.</summary>
    [BindProperty] public Guid? UnmetNeedId { get; set; }
    [BindProperty] public string? WithdrawReason { get; set; }

    public List<SelectListItem> NeedItems { get; } =
        [new("Choose a need", ""), .. AssessmentDomains.All.Select(d => new SelectListItem(d.Name, d.Code))];
    public List<SelectListItem> ReasonItems { get; } = Choices.Of<UnmetNeedReason>(UnmetNeedReasons.Display);
    public IReadOnlyList<UnmetNeed> Recorded { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!AssessmentDomains.IsKnown(Need)) Need = null;
        return Page();
    }

    [RequiresPermission(Permission.Refer)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Forbid();
        var input = new UnmetNeedInput(string.IsNullOrEmpty(Need) ? null : Need, Choices.Enum<UnmetNeedReason>(Reason), Detail);
        try
        {
            await unmetNeeds.RecordAsync(EpisodeId, input, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e, field => field);
            return Page();
        }
        catch (DomainRuleException e) // the episode closed or moved since the page was opened
        {
            ModelState.AddModelError(nameof(Need), e.Message);
            return Page();
        }
        TempData["Success"] = "Unmet need recorded";
        return Redirect($"/episodes/{EpisodeId}/unmet-need");
    }

    [RequiresPermission(Permission.Refer)]
    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Forbid();
        if (UnmetNeedId is not { } id || Recorded.All(r => r.Id != id || !r.Stands))
        {
            ModelState.AddModelError(nameof(WithdrawReason), "Choose one of this episode's unmet needs to withdraw");
            return Page();
        }
        try
        {
            await unmetNeeds.WithdrawAsync(id, WithdrawReason, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e, _ => nameof(WithdrawReason));
            return Page();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(nameof(WithdrawReason), e.Message);
            return Page();
        }
        TempData["Success"] = "Unmet need withdrawn";
        return Redirect($"/episodes/{EpisodeId}/unmet-need");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadEpisodeAsync(ct)) return false;
        Recorded = await unmetNeeds.ForEpisodeAsync(EpisodeId, ct);
        await LoadNamesAsync(Recorded.Select(r => r.RecordedByUserId).Concat(Recorded.Select(r => r.WithdrawnByUserId)), ct);
        return true;
    }
}
