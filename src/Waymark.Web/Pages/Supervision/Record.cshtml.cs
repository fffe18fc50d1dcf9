using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Supervision;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Supervision;

/// <summary>Record a supervision session for one of the team's case workers ("/supervision/record").</summary>
[ShowsNoPersonData("Staff supervision of team members; nothing about the people the team works with.")]
public class RecordModel(SupervisionService supervision) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public DateParts HeldOn { get; set; } = new();
    [BindProperty] public string? SupervisorName { get; set; }

    public List<SelectListItem> WorkerItems { get; private set; } = [];
    public static List<SelectListItem> KindItems => SupervisionKinds.All.Select(k => new SelectListItem(SupervisionKinds.Display(k), k.ToString())).ToList();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        HeldOn = DateParts.From(supervision.Today);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (date, error) = HeldOn.Parse("The date of the session", laterRuleBoundsTheFuture: true);
        if (error is not null) ModelState.AddModelError(nameof(HeldOn), error);
        SupervisionKind? kind = !string.IsNullOrEmpty(Kind) && !int.TryParse(Kind, out _) && Enum.TryParse<SupervisionKind>(Kind, out var k) && Enum.IsDefined(k) ? k : null;
        try
        {
            var s = await supervision.RecordAsync(new SupervisionInput { UserId = UserId, Kind = kind, HeldOn = date, SupervisorName = SupervisorName }, ct);
            if (ModelState.IsValid)
            {
                TempData["Success"] = "Supervision session recorded";
                return Redirect("/supervision");
            }
        }
        catch (ValidationFailedException e)
        {
            foreach (var p in e.Problems)
            {
                var field = p.Field == nameof(SupervisionInput.HeldOn) ? nameof(HeldOn) : p.Field;
                if (ModelState[field] is not { ValidationState: ModelValidationState.Invalid }) ModelState.AddModelError(field, p.Message);
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        WorkerItems = [new SelectListItem("Select a team member", ""), .. (await supervision.WorkersAsync(ct)).Select(w => new SelectListItem(w.Name, w.UserId))];
}
