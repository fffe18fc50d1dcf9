using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.People;
using Waymark.Persistence;
using Waymark.ThroughTheGate;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.ThroughTheGate;

/// <summary>
/// A page about a person's release plan (<c>/people/{personId}/release…</c>): loads the person the team knows and their
/// latest plan. A person the team does not know is not found.
/// </summary>
public abstract class ReleasePlanPage(ReleasePlanService service, WaymarkDbContext db) : PageModel, IShowsPersonData
{
    /// <summary>The release plan service.</summary>
    protected ReleasePlanService Service => service;

    [FromRoute] public Guid PersonId { get; set; }
    /// <summary>The version of the plan the form was filled from (two editors: the second is refused).</summary>
    [BindProperty] public Guid Version { get; set; }

    /// <summary>The person (loaded by <see cref="LoadAsync"/>).</summary>
    public Person? Person { get; private set; }
    /// <summary>Their latest release plan, or null.</summary>
    public ReleasePlan? Plan { get; private set; }

    /// <summary>What the page is doing, for the view audit, e.g. "Recording a release".</summary>
    protected abstract string Doing { get; }

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Person is null ? [] : [PersonView.Record(nameof(ReleasePlan), Plan?.Id.ToString(), Person.Id, Doing)];

    /// <summary>Loads the person and their latest plan; false when the team does not know the person.</summary>
    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        Person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == PersonId, ct);
        if (Person is null) return false;
        Plan = await service.LatestAsync(PersonId, ct);
        return true;
    }

    /// <summary>Puts a conflict on the form and shows the plan as it is now (the version moves on, so saving again overwrites knowingly).</summary>
    protected void ShowConflict(string message)
    {
        ModelState.AddModelError("", message);
        if (Plan is not null) Version = Plan.Version;
        ModelState.Remove(nameof(Version));
    }

    /// <summary>The plan's page.</summary>
    protected IActionResult BackToPlan(string success)
    {
        TempData["Success"] = success;
        return Redirect($"/people/{PersonId}/release");
    }
}
