using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Waymark.Instruments;

namespace Waymark.Core.Tests.Unit.Instruments;

/// <summary>
/// Issue 11, item 12: skips belong to the instrument. The AUDIT as the WHO manual words it (Babor et al. 2001, box 4):
/// "Never" on question 1 skips to questions 9 and 10; questions 2 and 3 both 0 skip questions 4–8; skipped questions score 0.
/// </summary>
public class SkipLogicTests
{
    private static readonly InstrumentDefinition Audit = Answers.Get("audit");

    private static T RoundTrip<T>(T resource) where T : Resource => new FhirJsonDeserializer().Deserialize<T>(resource.ToJson());

    [Fact]
    public void Never_on_question_1_skips_questions_2_to_8_and_they_score_0()
    {
        var r = InstrumentScorer.Score(Audit, Answers.For(Audit, 0, null, null, null, null, null, null, null, 0, 2));
        Assert.Equal(["2", "3", "4", "5", "6", "7", "8"], r.Skipped.ToArray());
        Assert.Empty(r.Missing);
        Assert.Equal(2, r.Total);
        Assert.Equal("Zone I: low risk (alcohol education)", r.Band?.Label);
    }

    [Fact]
    public void Questions_2_and_3_both_0_skip_only_questions_4_to_8()
    {
        var r = InstrumentScorer.Score(Audit, Answers.For(Audit, 1, 0, 0, null, null, null, null, null, 0, 0));
        Assert.Equal(["4", "5", "6", "7", "8"], r.Skipped.ToArray());
        Assert.Equal(1, r.Total);
        Assert.True(r.IsComplete);
    }

    [Fact]
    public void An_answer_left_on_a_skipped_question_is_ignored_because_the_question_is_not_asked()
    {
        // A radio chosen on question 2 before question 1 was changed to "Never".
        var r = InstrumentScorer.Score(Audit, Answers.For(Audit, 0, 4, 4, 4, 4, 4, 4, 4, 0, 0));
        Assert.Equal(0, r.Total);
        Assert.Equal(7, r.Skipped.Length);
        Assert.Empty(r.Outcomes); // no "dependence" from answers to questions that were not asked
    }

    [Fact]
    public void Nothing_is_skipped_while_the_deciding_answer_is_not_given_or_does_not_skip()
    {
        Assert.Empty(InstrumentScorer.SkippedItems(Audit, Answers.For(Audit, null, null, null, null, null, null, null, null, null, null)));
        Assert.Empty(InstrumentScorer.SkippedItems(Audit, Answers.For(Audit, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0)));
        // Question 2 answered 0 but question 3 not yet: questions 4–8 are still asked.
        Assert.Empty(InstrumentScorer.SkippedItems(Audit, Answers.For(Audit, 2, 0, null, null, null, null, null, null, null, null)));
        var r = InstrumentScorer.Score(Audit, Answers.For(Audit, 2, 0, null, null, null, null, null, null, 0, 0));
        Assert.Equal(["3", "4", "5", "6", "7", "8"], r.Missing.ToArray());
        Assert.Null(r.Total);
    }

    [Fact]
    public void A_skip_condition_reads_in_words_with_the_answer_labels()
    {
        Assert.Equal("question 1 was \"Never\"", Audit.Items[1].Skip!.When.Describe(Audit));
        Assert.Equal("question 2 was \"1 or 2\" and question 3 was \"Never\"", Audit.Items[3].Skip!.When.Describe(Audit));
    }

    [Fact]
    public void The_other_built_in_instruments_have_no_skips_as_their_published_forms_have_none()
    {
        // AUDIT-C (Bush 1998; OHID form), BJMHS (Steadman 2005), GAD-7, PHQ-9 (their items; the optional difficulty
        // question, the only one asked conditionally, is not part of the definitions) and TAG (Slade 2000): none.
        foreach (var id in new[] { "audit-c", "bjmhs", "gad-7", "phq-9", "tag" })
            Assert.All(Answers.Get(id).Items, i => Assert.Null(i.Skip));
    }

    [Fact]
    public void The_FHIR_questionnaire_says_when_each_skipped_question_is_asked()
    {
        var q = RoundTrip(InstrumentFhir.ToQuestionnaire(Audit));
        var system = InstrumentFhir.AnswerSystem(Audit);
        Assert.Empty(q.Item[0].EnableWhen);
        Assert.Empty(q.Item[8].EnableWhen);
        Assert.Empty(q.Item[9].EnableWhen);

        // Question 2 (and 3): asked when question 1 is anything but "Never".
        foreach (var item in new[] { q.Item[1], q.Item[2] })
        {
            Assert.Equal(Questionnaire.EnableWhenBehavior.Any, item.EnableBehavior);
            Assert.All(item.EnableWhen, e => Assert.Equal(Questionnaire.QuestionnaireItemOperator.Equal, e.Operator));
            Assert.Equal(["1", "1", "1", "1"], item.EnableWhen.Select(e => e.Question));
            Assert.Equal(["1", "2", "3", "4"], item.EnableWhen.Select(e => Assert.IsType<Coding>(e.Answer).Code));
            Assert.All(item.EnableWhen, e => Assert.Equal(system, ((Coding)e.Answer).System));
        }
        // Questions 4–8: asked when question 2 or 3 scores above 0. "=" entries, so a question 2 and 3 disabled by
        // "Never" (FHIR: no answer) leave 4–8 disabled too.
        for (var i = 3; i <= 7; i++)
        {
            Assert.Equal(Questionnaire.EnableWhenBehavior.Any, q.Item[i].EnableBehavior);
            Assert.Equal(["2:1", "2:2", "2:3", "2:4", "3:1", "3:2", "3:3", "3:4"],
                q.Item[i].EnableWhen.Select(e => e.Question + ":" + ((Coding)e.Answer).Code));
        }
    }

    private const string SkipScale = """
        {
          "id": "skip-scale", "version": "1.0", "title": "Skip scale", "description": "For tests.", "source": "Tests.", "licence": "None.",
          "items": [
            { "id": "a", "text": "A", "options": [ { "label": "No", "value": 0 }, { "label": "Some", "value": 1 }, { "label": "Lots", "value": 2 } ] },
            { "id": "b", "text": "B", "options": [ { "label": "No", "value": 0 }, { "label": "Yes", "value": 1 } ] },
            { "id": "c", "text": "C", "options": [ { "label": "No", "value": 0 }, { "label": "Yes", "value": 1 } ],
              "skip": { "when": { "any": [ { "item": "a", "equals": 0 }, { "item": "b", "equals": 0 } ] }, "value": 0 } },
            { "id": "d", "text": "D", "options": [ { "label": "No", "value": 0 }, { "label": "Yes", "value": 1 } ],
              "skip": { "when": { "countOf": ["a", "b", "c"], "where": { "atLeast": 1 }, "atLeast": 2 }, "value": 0 } }
          ],
          "scoring": { "total": {} }
        }
        """;

    [Fact]
    public void A_skip_on_any_is_all_of_its_negations_and_a_count_is_an_SDC_expression()
    {
        var problems = new List<InstrumentLoadProblem>();
        var def = DefinitionReader.Read("skip-scale.json", SkipScale, problems) ?? throw new InvalidOperationException(string.Join("; ", problems));
        var q = RoundTrip(InstrumentFhir.ToQuestionnaire(def));

        // c is asked when a is not "No" and b is not "No": all of (a exists, a != 0, b = 1).
        var c = q.Item[2];
        Assert.Equal(Questionnaire.EnableWhenBehavior.All, c.EnableBehavior);
        Assert.Equal(["a exists True", "a != 0", "b = 1"], c.EnableWhen.Select(e =>
            e.Question + " " + (e.Operator == Questionnaire.QuestionnaireItemOperator.Exists ? "exists " + ((FhirBoolean)e.Answer).Value
                : (e.Operator == Questionnaire.QuestionnaireItemOperator.NotEqual ? "!= " : "= ") + ((Coding)e.Answer).Code)));

        // d: "fewer than 2 of a, b, c above 0" is not one flat list, so it is a FHIRPath expression.
        var d = q.Item[3];
        Assert.Empty(d.EnableWhen);
        var expression = Assert.IsType<Expression>(d.GetExtension(InstrumentFhir.EnableWhenExpressionExtension)?.Value);
        Assert.Equal("text/fhirpath", expression.Language);
        Assert.Equal("%resource.repeat(item).where(linkId = 'a' or linkId = 'b' or linkId = 'c').answer.value.where(code = '1' or code = '2').count() < 2", expression.Expression_);

        // The scorer agrees: a = 1, b = 1 → d skipped; a = 0 → c skipped (and scores 0), d asked.
        Assert.Equal(["d"], InstrumentScorer.SkippedItems(def, new Dictionary<string, int?> { ["a"] = 1, ["b"] = 1, ["c"] = 0 }).ToArray());
        Assert.Equal(["c"], InstrumentScorer.SkippedItems(def, new Dictionary<string, int?> { ["a"] = 0, ["b"] = 1 }).ToArray());
    }

    [Fact]
    public void A_finished_screening_is_a_completed_response_without_the_skipped_questions()
    {
        var answers = Answers.For(Audit, 0, 3, null, null, null, null, null, null, 0, 2);
        var r = RoundTrip(InstrumentFhir.ToQuestionnaireResponse(Audit, answers, DateTimeOffset.UnixEpoch, finished: true));
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, r.Status);
        Assert.Equal(["1", "9", "10"], r.Item.Select(i => i.LinkId)); // question 2's stray answer is not sent: it was not asked

        // Every question answered or skipped is complete even when not said to be finished.
        var skippedOnly = RoundTrip(InstrumentFhir.ToQuestionnaireResponse(Audit, Answers.For(Audit, 0, null, null, null, null, null, null, null, 0, 0), DateTimeOffset.UnixEpoch));
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, skippedOnly.Status);
        // A finished screening with a question the person did not answer is still completed (it will not be added to).
        var unanswered = RoundTrip(InstrumentFhir.ToQuestionnaireResponse(Audit, Answers.For(Audit, 0, null, null, null, null, null, null, null, 0, null), DateTimeOffset.UnixEpoch, finished: true));
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, unanswered.Status);
    }
}
