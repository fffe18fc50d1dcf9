using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Screening;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Screening;

/// <summary>Every screening outcome and instrument result for a person, newest first, paged.</summary>
public class HistoryModel(WaymarkDbContext db) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName.Length == 0 ? [] : [PersonView.Record("ScreeningHistory", null, PersonId, $"Page {PageNumber}")];

    public const int PageSize = 20;

    [FromRoute] public Guid PersonId { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public string PersonName { get; private set; } = "";
    public IReadOnlyList<ScreeningOutcome> Outcomes { get; private set; } = [];
    public IReadOnlyList<InstrumentCompletion> Results { get; private set; } = [];
    public bool HasMore { get; private set; }
    /// <summary>A page after the last of both lists (a stale link, an edited address): "There are no more results".</summary>
    public bool PastTheEnd => PageNumber > 1 && Outcomes.Count == 0 && Results.Count == 0;
    private Dictionary<string, string> _names = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var p = await db.People.AsNoTracking().Where(x => x.Id == PersonId).Select(x => new { x.GivenName, x.FamilyName }).FirstOrDefaultAsync(ct);
        if (p is null) return NotFound();
        PersonName = Waymark.People.PersonNames.Full(p.GivenName, p.FamilyName);
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var skip = (PageNumber - 1) * PageSize;
        var outcomes = await db.ScreeningOutcomes.AsNoTracking().Where(o => o.PersonId == PersonId)
            .OrderByDescending(o => o.RecordedAt).ThenByDescending(o => o.Sequence).Skip(skip).Take(PageSize + 1).ToListAsync(ct);
        var results = await db.InstrumentCompletions.AsNoTracking().Where(c => c.PersonId == PersonId)
            .OrderByDescending(c => c.CompletedAt).Skip(skip).Take(PageSize + 1).ToListAsync(ct);
        HasMore = outcomes.Count > PageSize || results.Count > PageSize;
        Outcomes = outcomes.Take(PageSize).ToList();
        Results = results.Take(PageSize).ToList();
        var ids = Outcomes.Select(o => o.RecordedByUserId).Concat(Results.Select(r => r.CompletedByUserId)).Distinct().ToList();
        _names = await db.DisplayNamesAsync(ids, ct);
        return Page();
    }

    public string NameOf(string? userId) => userId is not null && _names.TryGetValue(userId, out var n) ? n : "unknown";
}
