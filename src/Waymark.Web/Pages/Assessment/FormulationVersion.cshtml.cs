using Microsoft.AspNetCore.Mvc;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Assessment;

public class FormulationVersionModel(Formulations formulations, WaymarkDbContext db) : FormulationPage(db), IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Revision is null ? [] : [PersonView.Record("Formulation", Revision.Id.ToString(), PersonId, $"Version {Number}")];

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
        return Page();
    }
}
