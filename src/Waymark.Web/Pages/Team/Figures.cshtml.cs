using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Access;
using Waymark.Referrals;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Team;

/// <summary>Per-service referral figures and declines by need, for the team manager and commissioners' evidence.</summary>
[ShowsNoPersonData("Aggregate referral figures by service.")]
public class FiguresModel(ServiceFigures figures, ICurrentUser user, TimeProvider clock) : PageModel
{
    public const int DefaultDays = 90;

    [BindProperty(SupportsGet = true)] public DateParts From { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts To { get; set; } = new();
    public TeamReferralFigures? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        var (from, fromError) = From.Parse("From date");
        var (to, toError) = To.Parse("To date");
        if (fromError is not null) ModelState.AddModelError(nameof(From), fromError);
        if (toError is not null) ModelState.AddModelError(nameof(To), toError);
        from ??= today.AddDays(-DefaultDays);
        to ??= today;
        if (ModelState.IsValid)
            foreach (var (field, message) in DateLimits.Period(from.Value, to.Value, today))
                ModelState.AddModelError(field == "To" ? nameof(To) : nameof(From), message);
        if (!ModelState.IsValid) return Page();
        if (From.IsEmpty) From = DateParts.From(from);
        if (To.IsEmpty) To = DateParts.From(to);
        Result = await figures.ForTeamAsync(user.TeamId!.Value, from.Value, to.Value, ct);
        return Page();
    }

    public static string Percent(double? rate) => rate is { } r ? $"{r:P0}" : "–";
}
