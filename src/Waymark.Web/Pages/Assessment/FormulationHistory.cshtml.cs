using Microsoft.AspNetCore.Mvc;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Web.Pages.Assessment;

public class FormulationHistoryModel(Formulations formulations, Auditor audit, WaymarkDbContext db) : FormulationPage(db)
{
    public IReadOnlyList<FormulationRevision> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct)) return NotFound();
        Revisions = await formulations.HistoryAsync(PersonId, ct);
        await LoadNamesAsync(Revisions.Select(r => r.WrittenByUserId), ct);
        await audit.RecordNowAsync(AuditAction.Viewed, "Formulation", null, PersonId, "Version history", ct: ct);
        return Page();
    }
}
