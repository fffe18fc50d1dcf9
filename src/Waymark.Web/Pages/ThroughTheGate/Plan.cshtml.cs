using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.ThroughTheGate;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ThroughTheGate;

/// <summary>
/// A person's release from prison (<c>/people/{personId}/release</c>): their latest plan (prison, dates, meet at the gate,
/// release-day appointments, pre-release contacts, the follow-up after release) and what can be done next.
/// </summary>
public class PlanModel(ReleasePlanService service, WaymarkDbContext db, Waymark.Access.ICurrentUser user) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel, IShowsPersonData
{
    /// <summary>The release-day appointments offered: (query value, label). Issue 14 item 4.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> AppointmentKinds =
    [
        ("GP", "GP"), ("Housing", "Housing"), ("Probation", "Probation"), ("Benefits", "Benefits (Jobcentre or Universal Credit)"),
        ("Pharmacy", "Pharmacy"), ("Other", "Something else"),
    ];

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName is null ? [] : [PersonView.Record(nameof(ReleasePlan), View?.Plan.Id.ToString(), PersonId, "Release plan")];

    [FromRoute] public Guid PersonId { get; set; }
    public string? PersonName { get; private set; }
    /// <summary>Their latest plan with names, appointments and contacts; null when they have none.</summary>
    public ReleasePlanView? View { get; private set; }
    /// <summary>Whether the plan (if any) is the user's team's: only that team changes it.</summary>
    public bool OwnTeam => View is null || View.Plan.TeamId == user.TeamId;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == PersonId).Select(p => new { p.GivenName, p.FamilyName }).FirstOrDefaultAsync(ct);
        if (person is null) return NotFound();
        PersonName = Waymark.People.PersonNames.Full(person.GivenName, person.FamilyName);
        View = await service.ViewAsync(PersonId, ct);
        return Page();
    }
}
