using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Waymark.Persistence;
using Waymark.Retention;

namespace Waymark.Web.Pages.LegalHolds;

/// <summary>
/// On a person's page: whether a legal hold stands on their records (any team's: destruction is blocked whoever placed it;
/// the reason is shown only for the user's own team's hold), and for team managers a link to place or lift one and one to
/// export everything for a subject access request. Shown inside a page that already audits the view of the record.
/// </summary>
public class LegalHoldSummaryViewComponent(WaymarkDbContext db) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var ct = HttpContext.RequestAborted;
        var own = await db.Set<LegalHold>().Where(h => h.PersonId == personId && h.LiftedAt == null).OrderBy(h => h.PlacedAt).FirstOrDefaultAsync(ct);
        var any = own is not null || await db.Set<LegalHold>().IgnoreQueryFilters().AnyAsync(h => h.PersonId == personId && h.LiftedAt == null, ct);
        return View("/Pages/LegalHolds/_Summary.cshtml", (personId, any, own));
    }
}
