using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Instruments;
using Waymark.Persistence;
using Waymark.Screening;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Screening;

/// <summary>An episode's screening: instruments that fit the person, results so far, and the outcome.</summary>
public class IndexModel(ScreeningService screening, InstrumentCatalogue catalogue, WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
    : EpisodeWorkPage(db, user, clock), IShowsPersonData
{
    /// <inheritdoc />
    protected override Permission ChangePermission => Permission.Screen;

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null ? [] : [PersonView.Record("Screening", EpisodeId.ToString(), Episode.PersonId)];

    public IReadOnlyList<InstrumentDefinition> Offered { get; private set; } = [];
    public int NotOffered { get; private set; }
    public IReadOnlyList<InstrumentCompletion> Completions { get; private set; } = [];
    public IReadOnlyList<ScreeningOutcome> Outcomes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadEpisodeAsync(ct)) return NotFound();
        Offered = InstrumentOffer.For(catalogue, AgeToday, Episode!.Setting);
        NotOffered = catalogue.Latest.Length - Offered.Count;
        Completions = await screening.CompletionsAsync(EpisodeId, ct);
        Outcomes = await screening.OutcomesAsync(EpisodeId, ct);
        await LoadNamesAsync(Completions.Select(c => c.CompletedByUserId).Concat(Outcomes.Select(o => o.RecordedByUserId)), ct);
        return Page();
    }
}
