using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.Support;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Team;

/// <summary>
/// The team manager sets how the team keeps in touch (docs/support.md): when an episode is "not in touch", the default
/// length of support, and when and how reminders go out.
/// </summary>
[ShowsNoPersonData("A team setting.")]
public class SupportSettingsModel(SupportSettingsService service, ICurrentUser user) : PageModel
{
    [BindProperty] public string? NotInTouchDays { get; set; }
    [BindProperty] public string? SupportMonths { get; set; }
    [BindProperty] public string? ReminderLeadHours { get; set; }
    [BindProperty] public string? QuietHoursStart { get; set; }
    [BindProperty] public string? QuietHoursEnd { get; set; }
    [BindProperty] public string? ReplyTelephone { get; set; }
    [BindProperty] public string? SenderName { get; set; }
    [BindProperty] public string? OutOfHoursTelephone { get; set; }
    [BindProperty] public string? OutOfHoursDescription { get; set; }
    [BindProperty] public string? Version { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var s = await service.CurrentAsync(user.TeamId!.Value, ct);
        var f = SupportSettingsForm.Of(s);
        (NotInTouchDays, SupportMonths, ReminderLeadHours, QuietHoursStart, QuietHoursEnd, ReplyTelephone, SenderName) =
            (f.NotInTouchDays, f.SupportMonths, f.ReminderLeadHours, f.QuietHoursStart, f.QuietHoursEnd, f.ReplyTelephone, f.SenderName);
        (OutOfHoursTelephone, OutOfHoursDescription) = (f.OutOfHoursTelephone, f.OutOfHoursDescription);
        Version = s.Version.ToString();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Guid.TryParse(Version, out var version))
        {
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            return Page();
        }
        try
        {
            await service.SaveAsync(new SupportSettingsForm(NotInTouchDays, SupportMonths, ReminderLeadHours, QuietHoursStart, QuietHoursEnd, ReplyTelephone, SenderName, OutOfHoursTelephone, OutOfHoursDescription), version, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            Version = (await service.CurrentAsync(user.TeamId!.Value, ct)).Version.ToString();
            ModelState.Remove(nameof(Version));
            return Page();
        }
        TempData["Success"] = "Support settings saved.";
        return Redirect("/team/support-settings");
    }
}
