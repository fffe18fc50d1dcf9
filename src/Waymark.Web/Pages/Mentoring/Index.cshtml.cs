using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.Mentoring;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Mentoring;

/// <summary>"/mentoring": the mentor's active mentees, names only, each with the mentor's next meeting with them.</summary>
public class IndexModel(MentoringService mentoring) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => [PersonView.List("MentoringPairing", Mentees.Select(m => m.PersonId), "Mentees")];

    /// <summary>The mentees, by name.</summary>
    public IReadOnlyList<MenteeRow> Mentees { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Mentees = await mentoring.MenteesAsync(ct);
}
