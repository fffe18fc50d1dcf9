using System.Globalization;
using Hl7.Fhir.Model;

namespace Waymark.Instruments;

/// <summary>
/// FHIR R4 views of instruments and answers, for sharing with other systems. Each answer is a Coding
/// whose code is the recorded value; the number it scores travels in the ordinalValue extension.
/// </summary>
public static class InstrumentFhir
{
    /// <summary>Used when the caller gives no canonical base. <c>.invalid</c> because it is not a published address.</summary>
    public const string DefaultCanonicalBase = "http://waymark.invalid/fhir/Questionnaire/";
    public const string OrdinalValueExtension = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    public const string InstrumentIdSystem = "http://waymark.invalid/fhir/instrument-id";

    public static string CanonicalUrl(InstrumentDefinition def, string canonicalBase = DefaultCanonicalBase) =>
        canonicalBase.TrimEnd('/') + "/" + def.Id;

    /// <summary>The code system of an instrument's answers: the questionnaire's own URL.</summary>
    public static string AnswerSystem(InstrumentDefinition def, string canonicalBase = DefaultCanonicalBase) =>
        CanonicalUrl(def, canonicalBase) + "/answers";

    public static Questionnaire ToQuestionnaire(InstrumentDefinition def, string canonicalBase = DefaultCanonicalBase)
    {
        ArgumentNullException.ThrowIfNull(def);
        var system = AnswerSystem(def, canonicalBase);
        var q = new Questionnaire
        {
            Id = def.Id,
            Url = CanonicalUrl(def, canonicalBase),
            Identifier = [new Identifier(InstrumentIdSystem, def.Id)],
            Version = def.Version,
            Name = ComputableName(def.Id),
            Title = def.Title,
            Status = PublicationStatus.Active,
            Description = def.Description,
            Copyright = def.Licence,
            SubjectType = [ResourceType.Patient],
        };
        foreach (var item in def.Items)
        {
            var qi = new Questionnaire.ItemComponent
            {
                LinkId = item.Id,
                Text = item.Text,
                Type = Questionnaire.QuestionnaireItemType.Choice,
                Required = item.Required,
            };
            foreach (var option in item.Options)
            {
                var coding = new Coding(system, Code(option.Value), option.Label);
                coding.Extension.Add(new Extension(OrdinalValueExtension, new FhirDecimal(item.Scored(option.Value))));
                qi.AnswerOption.Add(new Questionnaire.AnswerOptionComponent { Value = coding });
            }
            q.Item.Add(qi);
        }
        return q;
    }

    /// <summary>
    /// The answers as a response to <see cref="ToQuestionnaire"/>: completed when every item is answered,
    /// otherwise in progress. Items not answered (including those skipped by the instrument's own rules) are left out.
    /// </summary>
    /// <exception cref="ArgumentException">An answer is not one of its item's options, or names no item.</exception>
    public static QuestionnaireResponse ToQuestionnaireResponse(
        InstrumentDefinition def, IReadOnlyDictionary<string, int?> answers, DateTimeOffset authored,
        ResourceReference? subject = null, string canonicalBase = DefaultCanonicalBase)
    {
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = InstrumentScorer.FindErrors(def, answers);
        if (!errors.IsEmpty) throw new ArgumentException(string.Join("; ", errors), nameof(answers));

        var system = AnswerSystem(def, canonicalBase);
        var response = new QuestionnaireResponse
        {
            Questionnaire = CanonicalUrl(def, canonicalBase) + "|" + def.Version,
            AuthoredElement = new FhirDateTime(authored),
            Subject = subject,
        };
        var complete = true;
        foreach (var item in def.Items)
        {
            if (!answers.TryGetValue(item.Id, out var a) || a is not { } value)
            {
                complete = false;
                continue;
            }
            var option = item.Option(value)!;
            response.Item.Add(new QuestionnaireResponse.ItemComponent
            {
                LinkId = item.Id,
                Text = item.Text,
                Answer = [new QuestionnaireResponse.AnswerComponent { Value = new Coding(system, Code(value), option.Label) }],
            });
        }
        response.Status = complete ? QuestionnaireResponse.QuestionnaireResponseStatus.Completed : QuestionnaireResponse.QuestionnaireResponseStatus.InProgress;
        return response;
    }

    private static string Code(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"phq-9" → "Phq9": FHIR's name must look like a programming identifier.</summary>
    private static string ComputableName(string id) =>
        string.Concat(id.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
