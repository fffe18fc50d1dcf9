using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Team;

/// <summary>The team manager sets when referrals are followed up (days after sending).</summary>
[ShowsNoPersonData("A team setting.")]
public class FollowUpSettingsModel(WaymarkDbContext db, Auditor audit, ICurrentUser user) : PageModel
{
    [BindProperty] public string? Days { get; set; }
    [BindProperty] public string? Loaded { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Days = await CurrentAsync(ct);
        Loaded = Days;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var days = FollowUpIntervals.Parse(Days);
        if (days is null)
        {
            ModelState.AddModelError(nameof(Days), $"Enter up to 6 numbers of days from 1 to {FollowUpIntervals.MaxDays}, separated by commas, like 7, 28");
            return Page();
        }
        var value = FollowUpIntervals.Format(days);
        var teamId = user.TeamId!.Value;
        // Applies only over what the manager loaded, so two managers never silently overwrite each other.
        var changed = await db.Teams.Where(t => t.Id == teamId && t.FollowUpDays == Loaded)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.FollowUpDays, value), ct);
        if (changed != 1)
        {
            ModelState.AddModelError("", "Someone else changed the follow-up days while you were editing. Your change has not been saved. Check them as they are now and try again.");
            Loaded = await CurrentAsync(ct);
            ModelState.Remove(nameof(Loaded));
            return Page();
        }
        await audit.RecordNowAsync(AuditAction.Updated, "FollowUpDays", teamId.ToString(), detail: value, ct: ct);
        TempData["Success"] = "Follow-up days saved. They apply to referrals sent from now on.";
        return Redirect("/team/follow-up");
    }

    private Task<string> CurrentAsync(CancellationToken ct) =>
        db.Teams.Where(t => t.Id == user.TeamId).Select(t => t.FollowUpDays).FirstAsync(ct);
}
