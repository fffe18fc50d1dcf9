using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Audit;

/// <summary>Who has seen or changed one person's record (for team managers; only people the team can see).</summary>
[AuditsPersonViewsItself("The view is recorded before the trail is read, so the trail shows its own viewing at the top.")]
public class PersonModel(WaymarkDbContext db, Auditor audit) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public string PersonName { get; private set; } = "";
    public AuditTrail Trail { get; private set; } = new([], 1, false);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        ModelState.Remove("page");
        var person = await db.People.AsNoTracking().Where(p => p.Id == Id).Select(p => new { p.GivenName, p.FamilyName }).FirstOrDefaultAsync(ct);
        if (person is null) return NotFound();
        PersonName = Waymark.People.PersonNames.Full(person.GivenName, person.FamilyName);
        await audit.RecordNowAsync(AuditAction.Viewed, "PersonAuditTrail", Id.ToString(), Id, ct: ct);
        Trail = await AuditTrail.LoadAsync(db, db.AuditEvents.Where(e => e.PersonId == Id), pageNumber, ct);
        return Page();
    }
}
