using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Assessment;

/// <summary>The current formulation and the form to revise it (a new version; the old ones stay).</summary>
public class FormulationModel(Formulations formulations, WaymarkDbContext db) : FormulationPage(db), IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => PersonName.Length == 0 ? [] : [PersonView.Record("Formulation", Current?.Id.ToString(), PersonId, Current is null ? "No formulation yet" : $"Version {Current.Number}")];

    [BindProperty] public string? CoreProblems { get; set; }
    [BindProperty] public string? HowTheyRelate { get; set; }
    [BindProperty] public string? WhatMaintainsThem { get; set; }
    [BindProperty] public string? Plan { get; set; }
    [BindProperty] public string? ChangeNote { get; set; }
    [BindProperty] public int BasedOn { get; set; }

    public FormulationRevision? Current { get; private set; }
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Current is { } c) (CoreProblems, HowTheyRelate, WhatMaintainsThem, Plan) = (c.CoreProblems, c.HowTheyRelate, c.WhatMaintainsThem, c.Plan);
        BasedOn = Current?.Number ?? 0;
        return Page();
    }

    /// <summary>Whether this user may write a new version (support workers read it only).</summary>
    public bool CanRevise => User.Can(Permission.Assess);

    [RequiresPermission(Permission.Assess)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var input = new FormulationInput(CoreProblems, HowTheyRelate, WhatMaintainsThem, Plan, ChangeNote);
        foreach (var (field, message) in input.Validate()) ModelState.AddModelError(field, message);
        if (!ModelState.IsValid) return Page();
        try
        {
            var r = await formulations.ReviseAsync(PersonId, BasedOn, input, ct: ct);
            TempData["Success"] = $"Formulation saved as version {r.Number}";
            return Redirect($"/people/{PersonId}/formulation");
        }
        catch (Waymark.Persistence.ConcurrencyConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            Conflict = true;
            BasedOn = Current?.Number ?? 0;
            ModelState.Remove(nameof(BasedOn));
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadPersonAsync(ct)) return false;
        Current = await formulations.CurrentAsync(PersonId, ct);
        await LoadNamesAsync([Current?.WrittenByUserId], ct);
        return true;
    }
}
