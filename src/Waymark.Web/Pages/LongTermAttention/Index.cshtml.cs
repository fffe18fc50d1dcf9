using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Waymark.Access;
using Waymark.Audit;
using Waymark.LongTermAttention;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.LongTermAttention;

/// <summary>
/// The team's people who need long-term attention ("/long-term-attention"): asks why it is being opened first (as a
/// closed record does), shows nothing until a reason is given, then lists a page of up to 50 with the reason written
/// in the page's audit event (one event naming every person shown, with the purpose).
/// </summary>
public class IndexModel(LongTermAttentionList list, ICurrentUser user, TimeProvider clock) : PageModel, IShowsPersonData
{
    private readonly List<AuditEntry> _shown = [];

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => _shown;

    [BindProperty(SupportsGet = true)] public string? Purpose { get; set; }
    [BindProperty(SupportsGet = true)] public string? PurposeOther { get; set; }
    /// <summary>True once the purpose form was sent (so an empty answer is an error, not a first visit).</summary>
    [BindProperty(SupportsGet = true)] public bool Asked { get; set; }

    /// <summary>The page of the list; null while the purpose is being asked.</summary>
    public AttentionPage? List { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public DateOnly Today { get; private set; }
    /// <summary>How many people the whole list names (at most <see cref="LongTermAttentionList.MaxPeople"/>).</summary>
    public int Listed { get; private set; }
    /// <summary>True when everyone listed has the same counts (the ranking picks nobody out).</summary>
    public bool AllAlike { get; private set; }
    /// <summary>The pages of the list (0 when it is empty).</summary>
    public int PageCount => (Listed + LongTermAttentionList.PageSize - 1) / LongTermAttentionList.PageSize;
    public List<SelectListItem> PurposeItems { get; } = LongTermAttentionPurpose.Reasons.Select(r => new SelectListItem(r.Text, r.Code)).ToList();

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        PageNumber = Math.Clamp(pageNumber, 1, 100_000);
        var (purpose, field, error) = LongTermAttentionPurpose.Describe(Purpose, PurposeOther);
        if (purpose is null)
        {
            if (Asked) ModelState.AddModelError(field!, error!);
            return Page();
        }
        Today = UkTime.Today(clock);
        List = await list.PageAsync(user.TeamId!.Value, PageNumber, ct);
        (Listed, AllAlike) = await list.SizeAsync(user.TeamId!.Value, ct);
        _shown.Add(PersonView.List("LongTermAttention", List.Rows.Select(r => r.PersonId), $"page={PageNumber}") with { Purpose = purpose });
        return Page();
    }
}
