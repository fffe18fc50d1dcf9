using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Waymark.Instruments;

namespace Waymark.Core.Tests.Unit.Instruments;

/// <summary>FHIR Questionnaire and QuestionnaireResponse survive a JSON round trip through Firely's serializer.</summary>
public class InstrumentFhirTests
{
    private static T RoundTrip<T>(T resource) where T : Resource
    {
        var json = resource.ToJson(pretty: false);
        return new FhirJsonDeserializer().Deserialize<T>(json);
    }

    private static Coding AsCoding(DataType? value) => Assert.IsType<Coding>(value);

    private static decimal Ordinal(Coding c) =>
        Assert.IsType<FhirDecimal>(c.GetExtension(InstrumentFhir.OrdinalValueExtension)?.Value).Value ?? throw new InvalidOperationException("no ordinal value");

    [Theory]
    [InlineData("phq-9")]
    [InlineData("audit")]
    [InlineData("tag")]
    public void A_questionnaire_round_trips_with_its_items_and_answer_values(string id)
    {
        var def = Answers.Get(id);
        var q = RoundTrip(InstrumentFhir.ToQuestionnaire(def));
        Assert.Equal(InstrumentFhir.DefaultCanonicalBase + id, q.Url);
        Assert.Equal(id, Assert.Single(q.Identifier).Value);
        Assert.Equal(def.Version, q.Version);
        Assert.Equal(def.Title, q.Title);
        Assert.Equal(PublicationStatus.Active, q.Status);
        Assert.Equal(def.Licence, q.Copyright);
        Assert.Equal(def.Items.Length, q.Item.Count);
        for (var i = 0; i < def.Items.Length; i++)
        {
            Assert.Equal(def.Items[i].Id, q.Item[i].LinkId);
            Assert.Equal(Questionnaire.QuestionnaireItemType.Choice, q.Item[i].Type);
            var codings = q.Item[i].AnswerOption.Select(o => AsCoding(o.Value)).ToList();
            Assert.Equal(def.Items[i].Options.Select(o => o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), codings.Select(c => c.Code));
            Assert.Equal(def.Items[i].Options.Select(o => o.Label), codings.Select(c => c.Display));
            Assert.Equal(def.Items[i].Options.Select(o => (decimal)o.Value),
                codings.Select(Ordinal));
        }
    }

    [Fact]
    public void Ordinal_values_carry_the_reversed_score()
    {
        var def = DefinitionReaderForTests.TestScale();
        var q = RoundTrip(InstrumentFhir.ToQuestionnaire(def));
        var c = q.Item[2].AnswerOption.Select(o => AsCoding(o.Value)).ToList();
        Assert.Equal(["0", "1", "2", "3", "4"], c.Select(x => x.Code));
        Assert.Equal([4m, 3m, 2m, 1m, 0m], c.Select(Ordinal));
    }

    [Fact]
    public void A_complete_response_round_trips_as_completed()
    {
        var def = Answers.Get("phq-9");
        var authored = new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero);
        var response = InstrumentFhir.ToQuestionnaireResponse(def, Answers.For(def, 0, 1, 2, 3, 0, 1, 2, 3, 1), authored, new ResourceReference("Patient/synthetic-1"));
        var r = RoundTrip(response);
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, r.Status);
        Assert.Equal(InstrumentFhir.DefaultCanonicalBase + "phq-9|1.0", r.Questionnaire);
        Assert.Equal("Patient/synthetic-1", r.Subject?.Reference);
        Assert.Equal(authored, r.AuthoredElement?.ToDateTimeOffset(TimeSpan.Zero));
        Assert.Equal(9, r.Item.Count);
        Assert.Equal(["0", "1", "2", "3", "0", "1", "2", "3", "1"], r.Item.Select(i => AsCoding(Assert.Single(i.Answer).Value).Code));
        Assert.Equal("Several days", AsCoding(r.Item[8].Answer[0].Value).Display);
    }

    [Fact]
    public void A_response_with_missing_answers_is_in_progress_and_leaves_them_out()
    {
        var def = Answers.Get("gad-7");
        var r = RoundTrip(InstrumentFhir.ToQuestionnaireResponse(def, Answers.For(def, 1, null, 2, null, 0, 0, 3), DateTimeOffset.UnixEpoch));
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.InProgress, r.Status);
        Assert.Equal(["1", "3", "5", "6", "7"], r.Item.Select(i => i.LinkId));
        Assert.Null(r.Subject);
    }

    [Fact]
    public void An_impossible_answer_is_refused()
    {
        var def = Answers.Get("phq-9");
        var e = Assert.Throws<ArgumentException>(() =>
            InstrumentFhir.ToQuestionnaireResponse(def, Answers.For(def, 0, 0, 0, 0, 0, 0, 0, 0, 7), DateTimeOffset.UnixEpoch));
        Assert.Contains("item 9", e.Message, StringComparison.Ordinal);
    }
}

internal static class DefinitionReaderForTests
{
    public static InstrumentDefinition TestScale()
    {
        var problems = new List<InstrumentLoadProblem>();
        return DefinitionReader.Read("test.json", InstrumentCatalogueTests.Valid, problems)
            ?? throw new InvalidOperationException(string.Join("; ", problems));
    }
}
