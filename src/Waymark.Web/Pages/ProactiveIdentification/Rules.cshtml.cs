using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.ProactiveIdentification;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ProactiveIdentification;

/// <summary>Team managers choose which groups on custody and court lists the team screens every one of.</summary>
[ShowsNoPersonData("A team setting.")]
public class RulesModel(ProactiveQueue queue, Auditor audit) : PageModel
{
    [BindProperty] public List<string> Rules { get; set; } = [];
    [BindProperty] public Guid Loaded { get; set; }

    /// <summary>Every rule, as checkboxes.</summary>
    public static IReadOnlyList<SelectListItem> Items { get; } =
        SelectionRules.All.Select(r => new SelectListItem(SelectionRules.Display(r), SelectionRules.Code(r))).ToList();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A version that is not a version, or a rule that is not one of ours, is a broken or forged form: save nothing.
        if (!ModelState.IsValid || Request.Form["Loaded"].Count != 1 || Rules.Any(r => !SelectionRules.All.Any(x => SelectionRules.Code(x) == r)))
        {
            ModelState.Clear();
            ModelState.AddModelError("", "The form was incomplete. Reload the page and try again.");
            await LoadAsync(ct);
            return Page();
        }
        var chosen = SelectionRules.Parse(string.Join(' ', Rules));
        try
        {
            await queue.SaveSettingsAsync(chosen, Loaded, audit, ct);
        }
        catch (ConcurrencyConflictException e)
        {
            ModelState.Clear(); // show the rules as they are now, not as posted
            ModelState.AddModelError("", e.Message);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Success"] = "Saved. The screening queue selects these groups from now on.";
        return Redirect("/proactive/rules");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var settings = await queue.SettingsAsync(ct);
        Rules = settings.Chosen.Select(SelectionRules.Code).ToList();
        Loaded = settings.Version;
    }
}
