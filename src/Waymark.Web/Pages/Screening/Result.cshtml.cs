using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Instruments;
using Waymark.Persistence;
using Waymark.Screening;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Screening;

/// <summary>One completed instrument: answers, score, band, flags; also as a FHIR QuestionnaireResponse.</summary>
public class ResultModel(ScreeningService screening, InstrumentCatalogue catalogue, Auditor audit, WaymarkDbContext db) : PageModel, IShowsPersonData
{
    /// <inheritdoc />
    public IEnumerable<AuditEntry> PersonDataShown => Completion is null ? [] : [PersonView.Record("InstrumentCompletion", Id.ToString(), Completion.PersonId)];

    [FromRoute] public Guid Id { get; set; }

    public InstrumentCompletion? Completion { get; private set; }
    /// <summary>The definition version it was scored with, if still loaded (for the question texts).</summary>
    public InstrumentDefinition? Definition { get; private set; }
    public string PersonName { get; private set; } = "";
    public string CompletedBy { get; private set; } = "";
    public bool CanRecordOutcome { get; private set; }
    public IReadOnlyDictionary<string, int?> Answers { get; private set; } = new Dictionary<string, int?>();
    public IReadOnlyDictionary<string, int?> Subscales { get; private set; } = new Dictionary<string, int?>();
    /// <summary>Questions the instrument's skip rules left out, with why (empty when the definition is no longer loaded).</summary>
    public IReadOnlyDictionary<string, string> Skipped { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Page();
    }

    /// <summary>The completed instrument as FHIR R4 JSON, for systems that take questionnaire responses.</summary>
    public async Task<IActionResult> OnGetFhirAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Definition is null) return NotFound();
        var response = InstrumentFhir.ToQuestionnaireResponse(Definition, Answers, Completion!.CompletedAt,
            new ResourceReference($"Patient/{Completion.PersonId}"), finished: true);
        response.Id = Completion.Id.ToString();
        await audit.RecordNowAsync(AuditAction.Exported, "InstrumentCompletion", Id.ToString(), Completion.PersonId, "FHIR QuestionnaireResponse", ct: ct);
        return Content(response.ToJson(pretty: true), "application/fhir+json");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Completion = await screening.CompletionAsync(Id, ct);
        if (Completion is null) return false;
        Definition = catalogue.Find(Completion.InstrumentId, Completion.InstrumentVersion);
        Answers = JsonSerializer.Deserialize<Dictionary<string, int?>>(Completion.AnswersJson) ?? [];
        Skipped = Definition is null ? new Dictionary<string, string>() : SkipReasons.For(Definition, Answers);
        Subscales = Completion.SubscalesJson is { } s ? JsonSerializer.Deserialize<Dictionary<string, int?>>(s) ?? [] : new Dictionary<string, int?>();
        var c = Completion;
        var info = await db.Episodes.AsNoTracking().Where(e => e.Id == c.EpisodeId)
            .Select(e => new
            {
                Name = Waymark.People.PersonNames.Full(e.Person!.GivenName, e.Person.FamilyName),
                e.TeamId, e.ClosedAt,
                By = db.Users.Where(u => u.Id == c.CompletedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            }).FirstAsync(ct);
        PersonName = info.Name;
        CompletedBy = info.By ?? "unknown";
        CanRecordOutcome = info.ClosedAt is null && info.TeamId == db.CurrentUser.TeamId && User.Can(Permission.Screen);
        return true;
    }

    public string AnswerText(string itemId, int? value)
    {
        if (Definition is not null && Skipped.TryGetValue(itemId, out var reason)) return SkipReasons.Sentence(Definition, itemId, reason);
        if (value is null) return "Not answered";
        var item = Definition?.Items.FirstOrDefault(i => i.Id == itemId);
        return item?.Option(value.Value) is { } o ? $"{o.Label} ({value})" : value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
