using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.CrisisPlans;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.CrisisPlans;

/// <summary>
/// A page that shows a person's crisis plan (the plan, an older version, the printed and easy-read copies): loads it
/// for the user's team, 404 when the team does not know the person (or, for a version, it does not exist), and
/// audits the view.
/// </summary>
public abstract class CrisisPlanPage(CrisisPlanService plans) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Plan is null ? [] :
        [PersonView.Record(Plan.Shown is null ? "Person" : "CrisisPlanVersion", Plan.Shown?.Id.ToString() ?? PersonId.ToString(), PersonId, ViewDetail)];

    [FromRoute] public Guid PersonId { get; set; }
    /// <summary>The plan as loaded; null before loading or when not found.</summary>
    public CrisisPlanView? Plan { get; private set; }

    /// <summary>The audit detail of the view, e.g. "Viewed a crisis plan".</summary>
    protected abstract string ViewDetail { get; }

    protected CrisisPlanService Plans => plans;

    /// <summary>Loads the plan showing <paramref name="number"/> (null: the latest); false when not found.</summary>
    protected async Task<bool> LoadAsync(int? number, CancellationToken ct)
    {
        Plan = await plans.ViewAsync(PersonId, number, ct);
        return Plan is not null;
    }
}
