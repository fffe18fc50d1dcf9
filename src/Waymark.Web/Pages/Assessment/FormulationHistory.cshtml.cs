using Microsoft.AspNetCore.Mvc;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Assessment;

public class FormulationHistoryModel(Formulations formulations, WaymarkDbContext db) : FormulationPage(db), IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName.Length == 0 ? [] : [PersonView.Record("Formulation", null, PersonId, "Version history")];

    public IReadOnlyList<FormulationRevision> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct)) return NotFound();
        Revisions = await formulations.HistoryAsync(PersonId, ct);
        await LoadNamesAsync(Revisions.Select(r => r.WrittenByUserId), ct);
        return Page();
    }
}
