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
    /// <summary>
    /// SDC's extension for an enable condition plain <c>enableWhen</c> cannot say (one flat list joined by all or any),
    /// as a FHIRPath expression over the response.
    /// </summary>
    public const string EnableWhenExpressionExtension = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";

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
            if (item.Skip is { } skip) AddEnableWhen(qi, def, skip.When, system);
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
    /// The answers as a response to <see cref="ToQuestionnaire"/>. Status: completed when <paramref name="finished"/>
    /// (a screening saved in Waymark is finished, even if the person did not answer everything) or when every item is
    /// answered or skipped; otherwise in progress. Items not answered are left out, and so are items the instrument's
    /// skip rules leave out (FHIR: a disabled item has no answer), even if an answer was recorded for one.
    /// </summary>
    /// <exception cref="ArgumentException">An answer is not one of its item's options, or names no item.</exception>
    public static QuestionnaireResponse ToQuestionnaireResponse(
        InstrumentDefinition def, IReadOnlyDictionary<string, int?> answers, DateTimeOffset authored,
        ResourceReference? subject = null, string canonicalBase = DefaultCanonicalBase, bool finished = false)
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
        var skipped = InstrumentScorer.SkippedItems(def, answers);
        foreach (var item in def.Items)
        {
            if (skipped.Contains(item.Id)) continue;
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
        response.Status = complete || finished ? QuestionnaireResponse.QuestionnaireResponseStatus.Completed : QuestionnaireResponse.QuestionnaireResponseStatus.InProgress;
        return response;
    }

    // Enable conditions. An item is enabled when its skip does not hold. The negated skip is built from "the answer
    // to item X is one of these codes" atoms joined by and/or, then written as plain enableWhen when it is one flat
    // list: "any" of "X = code" entries, or "all" of atoms (one code: "X = code"; several: "X exists" and "X != code"
    // for each other code). FHIR treats a disabled item as unanswered, so "X = code" is false for a skipped X: the
    // AUDIT's question 4 (enabled when question 2 or 3 scores above 0) stays disabled when question 1 "Never" has
    // disabled 2 and 3, as the WHO form says. Anything else is written as SDC's enableWhenExpression (FHIRPath).

    private abstract record Formula;
    private sealed record Atom(string LinkId, IReadOnlyList<string> Codes, IReadOnlyList<string> OtherCodes) : Formula;
    private sealed record And(IReadOnlyList<Formula> Parts) : Formula;
    private sealed record Or(IReadOnlyList<Formula> Parts) : Formula;
    /// <summary>Fewer than <c>Below</c> of the items have one of the codes.</summary>
    private sealed record FewerThan(IReadOnlyList<string> LinkIds, IReadOnlyList<string> Codes, int Below) : Formula;

    private static void AddEnableWhen(Questionnaire.ItemComponent qi, InstrumentDefinition def, Condition skip, string system)
    {
        var enabled = Flatten(Not(def, skip));
        switch (enabled)
        {
            case Atom a when a.Codes.Count == 1:
                qi.EnableWhen.Add(Equal(a.LinkId, a.Codes[0], system));
                return;
            case Atom a:
                qi.EnableBehavior = Questionnaire.EnableWhenBehavior.Any;
                foreach (var c in a.Codes) qi.EnableWhen.Add(Equal(a.LinkId, c, system));
                return;
            case Or o when o.Parts.All(p => p is Atom):
                qi.EnableBehavior = Questionnaire.EnableWhenBehavior.Any;
                foreach (var a in o.Parts.Cast<Atom>())
                    foreach (var c in a.Codes) qi.EnableWhen.Add(Equal(a.LinkId, c, system));
                return;
            case And x when x.Parts.All(p => p is Atom):
                qi.EnableBehavior = Questionnaire.EnableWhenBehavior.All;
                foreach (var a in x.Parts.Cast<Atom>())
                {
                    if (a.Codes.Count == 1) { qi.EnableWhen.Add(Equal(a.LinkId, a.Codes[0], system)); continue; }
                    qi.EnableWhen.Add(new Questionnaire.EnableWhenComponent { Question = a.LinkId, Operator = Questionnaire.QuestionnaireItemOperator.Exists, Answer = new FhirBoolean(true) });
                    foreach (var c in a.OtherCodes)
                        qi.EnableWhen.Add(new Questionnaire.EnableWhenComponent { Question = a.LinkId, Operator = Questionnaire.QuestionnaireItemOperator.NotEqual, Answer = new Coding(system, c) });
                }
                return;
            default:
                qi.Extension.Add(new Extension(EnableWhenExpressionExtension, new Expression { Language = "text/fhirpath", Expression_ = FhirPath(enabled) }));
                return;
        }
    }

    private static Questionnaire.EnableWhenComponent Equal(string linkId, string code, string system) =>
        new() { Question = linkId, Operator = Questionnaire.QuestionnaireItemOperator.Equal, Answer = new Coding(system, code) };

    /// <summary>The negation of a skip condition (skips read answers only; the reader refuses scores in them).</summary>
    private static Formula Not(InstrumentDefinition def, Condition c) => c switch
    {
        ItemCondition i => AtomWhere(def, i.Item, v => !i.Test.Matches(v)),
        AnyCondition any => new And([.. any.Conditions.Select(p => Not(def, p))]),
        AllCondition all => new Or([.. all.Conditions.Select(p => Not(def, p))]),
        CountCondition { AtLeast: 1 } count => new And([.. count.Items.Select(id => AtomWhere(def, id, v => !count.Where.Matches(v)))]),
        CountCondition count => new FewerThan(count.Items, Codes(def, count.Items[0], count.Where.Matches), count.AtLeast),
        _ => throw new NotSupportedException($"A skip cannot depend on {c.GetType().Name}."),
    };

    private static Atom AtomWhere(InstrumentDefinition def, string itemId, Func<int, bool> keep) =>
        new(itemId, Codes(def, itemId, keep), Codes(def, itemId, v => !keep(v)));

    private static List<string> Codes(InstrumentDefinition def, string itemId, Func<int, bool> keep) =>
        [.. def.Items[def.IndexOf(itemId)].Options.Where(o => keep(o.Value)).Select(o => Code(o.Value))];

    private static Formula Flatten(Formula f) => f switch
    {
        And a => a.Parts.Count == 1 ? Flatten(a.Parts[0]) : new And([.. a.Parts.Select(Flatten).SelectMany(p => p is And inner ? inner.Parts : [p])]),
        Or o => o.Parts.Count == 1 ? Flatten(o.Parts[0]) : new Or([.. o.Parts.Select(Flatten).SelectMany(p => p is Or inner ? inner.Parts : [p])]),
        _ => f,
    };

    private static string FhirPath(Formula f) => f switch
    {
        Atom a => $"%resource.repeat(item).where(linkId = {Quote(a.LinkId)}).answer.value.where({AnyCode(a.Codes)}).exists()",
        And a => string.Join(" and ", a.Parts.Select(p => "(" + FhirPath(p) + ")")),
        Or o => string.Join(" or ", o.Parts.Select(p => "(" + FhirPath(p) + ")")),
        FewerThan n => string.Create(CultureInfo.InvariantCulture,
            $"%resource.repeat(item).where({string.Join(" or ", n.LinkIds.Select(id => "linkId = " + Quote(id)))}).answer.value.where({AnyCode(n.Codes)}).count() < {n.Below}"),
        _ => throw new NotSupportedException(),
    };

    private static string AnyCode(IReadOnlyList<string> codes) => codes.Count == 0 ? "false" : string.Join(" or ", codes.Select(c => "code = " + Quote(c)));

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static string Code(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"phq-9" → "Phq9": FHIR's name must look like a programming identifier.</summary>
    private static string ComputableName(string id) =>
        string.Concat(id.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
