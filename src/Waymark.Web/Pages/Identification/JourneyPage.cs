using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Audit;
using Waymark.Identification;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Identification;

/// <summary>
/// A step of the identification journey. The draft is loaded through the data filter, so only the
/// user who started it, in the same team, can continue it; anyone else gets 404. A draft for someone
/// already known holds details copied from their record, so showing it is a view of that person.
/// </summary>
public abstract class JourneyPage(IdentificationService journeys, WaymarkDbContext db) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Draft?.ExistingPersonId is { } p
        ? [PersonView.Record("IdentificationDraft", DraftId.ToString(), p, "Identification journey")] : [];

    [FromRoute] public Guid DraftId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Change { get; set; }
    public IdentificationDraft Draft { get; private set; } = default!;
    protected WaymarkDbContext Db => db;

    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        var draft = await journeys.FindDraftAsync(DraftId, ct);
        if (draft is null) return false;
        Draft = draft;
        return true;
    }

    protected IActionResult Next(string step) =>
        Redirect(Change && step != "matches" ? $"/identification/{DraftId}/check" : $"/identification/{DraftId}/{step}");

    public string StepUrl(string step) => $"/identification/{DraftId}/{step}";
}
