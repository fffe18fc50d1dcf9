using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.Mentoring;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Team;

/// <summary>"/team/mentoring": the team's active mentoring pairings (mentee, mentor, since, shared plans), paged, with "End" for each.</summary>
public class MentoringModel(MentoringService mentoring) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Result is null ? [] : [PersonView.List("MentoringPairing", Result.Rows.Select(r => r.PersonId), "Team mentoring")];

    public PairingsPage? Result { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default) => Result = await mentoring.PairingsAsync(pageNumber, ct);
}
