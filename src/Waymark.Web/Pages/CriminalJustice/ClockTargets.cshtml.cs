using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.CriminalJustice;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.CriminalJustice;

/// <summary>Team managers set the transfer and MHTR clock targets (days).</summary>
[ShowsNoPersonData("A team setting.")]
public class ClockTargetsModel(CriminalJusticeService service, ICurrentUser user) : PageModel
{
    [BindProperty] public string? TransferDays { get; set; }
    [BindProperty] public string? MhtrDays { get; set; }
    [BindProperty] public string? Version { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var s = await service.SettingsAsync(user.TeamId!.Value, ct);
        TransferDays = s.TransferDays.ToString(CultureInfo.InvariantCulture);
        MhtrDays = s.MhtrDays.ToString(CultureInfo.InvariantCulture);
        Version = s.Version.ToString();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Guid.TryParse(Version, out var version))
        {
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            return Page();
        }
        var transfer = Days(TransferDays);
        var mhtr = Days(MhtrDays);
        foreach (var (field, message) in CriminalJusticeClockSettings.Validate(transfer, mhtr)) ModelState.AddModelError(field, message);
        if (!ModelState.IsValid) return Page();
        try
        {
            await service.SaveSettingsAsync(transfer, mhtr, version, ct);
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            Version = (await service.SettingsAsync(user.TeamId!.Value, ct)).Version.ToString();
            ModelState.Remove(nameof(Version));
            return Page();
        }
        TempData["Success"] = "Clock targets saved. They apply to clocks that start from now on.";
        return Redirect("/criminal-justice/clocks");
    }

    private static int? Days(string? posted) =>
        int.TryParse(posted?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
}
