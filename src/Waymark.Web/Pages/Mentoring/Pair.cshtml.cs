using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Audit;
using Waymark.Mentoring;
using Waymark.Persistence;
using Waymark.Web.Forms;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Mentoring;

/// <summary>
/// "/people/{personId}/mentoring": a team manager pairs a volunteer of the team with the person, recording the date the
/// person agreed and which plans the mentor sees (both by default). A person with an active mentor is shown it instead.
/// </summary>
public class PairModel(MentoringService mentoring) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] :
        [PersonView.Record("Person", PersonId.ToString(), PersonId, "Pairing with a mentor")];

    [FromRoute] public Guid PersonId { get; set; }
    /// <summary>The chosen volunteer's user id.</summary>
    [BindProperty] public string? Mentor { get; set; }
    [BindProperty] public DateParts AgreedOn { get; set; } = new();
    /// <summary>"action" and/or "crisis".</summary>
    [BindProperty] public List<string> Shares { get; set; } = ["action", "crisis"];

    public string? PersonName { get; private set; }
    /// <summary>The person's active pairing, if any.</summary>
    public PairingRow? Current { get; private set; }
    public List<SelectListItem> VolunteerItems { get; private set; } = [];
    public List<SelectListItem> ShareItems { get; } = [new("Their action plan", "action"), new("Their crisis plan", "crisis")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var (date, error) = AgreedOn.Parse("The date they agreed", laterRuleBoundsTheFuture: true);
        if (error is not null) ModelState.AddModelError(nameof(AgreedOn), error);
        var input = new PairingInput(string.IsNullOrEmpty(Mentor) ? null : Mentor, date, Shares.Contains("action"), Shares.Contains("crisis"));
        try
        {
            if (!ModelState.IsValid)
            {
                foreach (var p in MentoringRules.Problems(input, DateOnly.MaxValue).Where(p => p.Field != nameof(PairingInput.AgreedOn)))
                    ModelState.AddModelError(KeyFor(p.Field), p.Message);
                return Page();
            }
            await mentoring.PairAsync(PersonId, input, ct);
        }
        catch (ValidationFailedException e)
        {
            ModelState.AddProblems(e, KeyFor);
            return Page();
        }
        catch (Exception e) when (e is MentoringRuleException or ConcurrencyConflictException)
        {
            ModelState.AddModelError("", e.Message);
            Current = await mentoring.ActiveOfAsync(PersonId, ct);
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        TempData["Success"] = "Paired with a mentor";
        return Redirect($"/people/{PersonId}");
    }

    private static string KeyFor(string field) => field switch
    {
        nameof(PairingInput.MentorUserId) => nameof(Mentor),
        _ => field,
    };

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        PersonName = await mentoring.PersonNameAsync(PersonId, ct);
        if (PersonName is null) return false;
        Current = await mentoring.ActiveOfAsync(PersonId, ct);
        VolunteerItems = [new("Select a mentor", ""), .. (await mentoring.VolunteersAsync(ct)).Select(v => new SelectListItem(v.Name, v.UserId))];
        return true;
    }
}
