using Microsoft.AspNetCore.Mvc;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Web.Pages.Assessment;

public class FormulationVersionModel(Formulations formulations, Auditor audit, WaymarkDbContext db) : FormulationPage(db)
{
    [FromRoute] public int Number { get; set; }
    public FormulationRevision? Revision { get; private set; }
    public int Latest { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct)) return NotFound();
        Revision = await formulations.RevisionAsync(PersonId, Number, ct);
        if (Revision is null) return NotFound();
        Latest = (await formulations.CurrentAsync(PersonId, ct))?.Number ?? Number;
        await LoadNamesAsync([Revision.WrittenByUserId], ct);
        await audit.RecordNowAsync(AuditAction.Viewed, "Formulation", Revision.Id.ToString(), PersonId, $"Version {Number}", ct: ct);
        return Page();
    }
}
