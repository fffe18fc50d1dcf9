using System.Text.Json;
using Hl7.Fhir.Model;
using Waymark.Instruments;
using Waymark.Screening;

namespace Waymark.Fhir;

/// <summary>
/// A completed screening instrument as a UK Core QuestionnaireResponse: the questionnaire's canonical URL and version
/// (the same Questionnaire <c>waymark instruments fhir</c> prints), status <c>completed</c>, the patient, when it was
/// completed, and each answered item as its coded answer (<see cref="InstrumentFhir.ToQuestionnaireResponse"/>). When
/// the instrument's definition is no longer loaded the answers are left out (their words and codes cannot be given).
/// Left out: the score, band, flags and outcome notes (they are the team's judgement; docs/fhir.md).
/// </summary>
public static class FhirQuestionnaireResponse
{
    /// <summary>The QuestionnaireResponse for <paramref name="completion"/>; <paramref name="catalogue"/> gives the item texts and codes.</summary>
    public static QuestionnaireResponse From(InstrumentCompletion completion, InstrumentCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(catalogue);
        var subject = UkCore.PatientReference(completion.PersonId);
        var def = catalogue.Find(completion.InstrumentId, completion.InstrumentVersion);
        QuestionnaireResponse? response = null;
        if (def is not null && Answers(completion.AnswersJson) is { } answers)
        {
            try { response = InstrumentFhir.ToQuestionnaireResponse(def, answers, completion.CompletedAt, subject, finished: true); }
            catch (ArgumentException) { response = null; } // answers that no longer fit the definition: leave them out
        }
        response ??= new QuestionnaireResponse
        {
            Questionnaire = InstrumentFhir.DefaultCanonicalBase + completion.InstrumentId + "|" + completion.InstrumentVersion,
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            AuthoredElement = UkCore.DateTime(completion.CompletedAt),
            Subject = subject,
        };
        response.Id = completion.Id.ToString();
        return UkCore.Claim(response);
    }

    private static Dictionary<string, int?>? Answers(string json)
    {
        try { return JsonSerializer.Deserialize<Dictionary<string, int?>>(json); }
        catch (JsonException) { return null; }
    }
}
