using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Instruments;
using Waymark.Persistence;
using Waymark.Screening;
using Waymark.Web.Infrastructure;
using Waymark.Web.TagHelpers;

namespace Waymark.Web.Pages.Screening;

/// <summary>Completing one instrument: every item on one page as radios (fast by keyboard, no script needed), scored on save.</summary>
public class InstrumentModel(ScreeningService screening, InstrumentCatalogue catalogue, WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
    : EpisodeWorkPage(db, user, clock), IShowsPersonData
{
    /// <inheritdoc />
    protected override Permission ChangePermission => Permission.Screen;

    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Episode is null || Definition is null ? [] : [PersonView.Record("Screening", EpisodeId.ToString(), Episode.PersonId, $"Started {Definition.Id}")];

    [FromRoute] public string InstrumentId { get; set; } = "";
    /// <summary>Item id → the value chosen, as posted.</summary>
    [BindProperty] public Dictionary<string, string?> Answers { get; set; } = [];
    /// <summary>The definition version the form showed, so the answers are scored against the questions asked.</summary>
    [BindProperty] public string? DefinitionVersion { get; set; }
    /// <summary>The practitioner confirms that some questions were left unanswered on purpose.</summary>
    [BindProperty] public bool SomeUnanswered { get; set; }

    public InstrumentDefinition? Definition { get; private set; }

    public static string FieldOf(string itemId) => $"Answers[{itemId}]";
    public static string IdOf(string itemId) => NhsIds.For(FieldOf(itemId));

    public string? ErrorFor(string itemId) =>
        ModelState.TryGetValue(FieldOf(itemId), out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;

    public string? Chosen(string itemId) => Answers.TryGetValue(itemId, out var v) ? v : null;

    /// <summary>
    /// Items the instrument's skip rules leave out for the answers posted so far (none before the first post),
    /// each with why in words (e.g. <c>question 1 was "Never"</c>). The server decides, so the form works without
    /// script; with script the page hides them as answers change (site.js reads <c>data-skip-when</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Skipped { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Redirect($"/episodes/{EpisodeId}/screening");
        DefinitionVersion = Definition!.Version;
        return Page();
    }

    [RequiresPermission(Permission.Screen)]

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!CanChange) return Forbid();
        var def = Definition!;
        var answers = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var item in def.Items)
        {
            var posted = Chosen(item.Id);
            if (string.IsNullOrEmpty(posted)) { answers[item.Id] = null; continue; }
            if (int.TryParse(posted, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && item.IsAnswer(v)) answers[item.Id] = v;
            else ModelState.AddModelError(FieldOf(item.Id), $"Question {item.Id}: choose one of the answers given");
        }
        // Questions the instrument skips for these answers are not asked: never demanded, and an answer left on one
        // (a radio chosen before question 1 was changed) is not kept, as it was not part of the screening.
        Skipped = SkipReasons.For(def, answers);
        // Said on the result, so answers given (without JavaScript nothing hides these questions) are not lost unseen.
        var notKept = Skipped.Keys.Where(id => answers[id] is not null).ToList();
        foreach (var id in Skipped.Keys) answers[id] = null;
        var missing = def.Items.Where(i => answers.GetValueOrDefault(i.Id) is null && !Skipped.ContainsKey(i.Id)).ToList();
        if (missing.Count > 0 && !SomeUnanswered)
            foreach (var item in missing)
                ModelState.AddModelError(FieldOf(item.Id), $"Answer question {item.Id}, or tick the box to say it was not answered");
        foreach (var item in missing.Where(i => i.Required && SomeUnanswered))
            ModelState.AddModelError(FieldOf(item.Id), $"Question {item.Id} must be answered for this instrument");
        if (!ModelState.IsValid) return Page();

        var result = InstrumentScorer.Score(def, answers);
        if (!result.IsValid)
        {
            foreach (var e in result.Errors) ModelState.AddModelError(FieldOf(e.ItemId), e.ToString());
            return Page();
        }
        try
        {
            var saved = await screening.SaveCompletionAsync(EpisodeId, new ScoredInstrument(
                def.Id, def.Version, def.Title, answers, result.Total, result.Prorated, result.Band?.Label,
                [.. result.Flags.Select(f => f.Message)], [.. result.Outcomes.Select(o => o.Label)],
                result.Subscales.ToDictionary(s => s.Label, s => s.Score), result.Missing.Length), ct);
            if (notKept.Count > 0)
                TempData["Notice"] = $"Your answer{(notKept.Count == 1 ? "" : "s")} to question{(notKept.Count == 1 ? "" : "s")} {string.Join(", ", notKept)} "
                    + $"{(notKept.Count == 1 ? "was" : "were")} not kept: {(notKept.Count == 1 ? "it is" : "they are")} not asked when {Skipped[notKept[0]]}, and score as the instrument says.";
            return Redirect($"/screening/results/{saved.Id}");
        }
        catch (EpisodeRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadEpisodeAsync(ct)) return false;
        Definition = (DefinitionVersion is { Length: > 0 } v ? catalogue.Find(InstrumentId, v) : null) ?? catalogue.Find(InstrumentId);
        return Definition is not null;
    }
}
