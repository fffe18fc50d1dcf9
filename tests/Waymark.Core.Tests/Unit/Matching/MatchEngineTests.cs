using Waymark.Matching;
using Waymark.People;

namespace Waymark.Core.Tests.Unit.Matching;

/// <summary>Comparison levels, weights, rules, outcomes and the words a practitioner reads.</summary>
public class MatchEngineTests
{
    private static readonly MatchEngine Engine = new(MatchModel.Default());

    private static MatchRecord Person(string given, string family, DateOnly? dob = null, Sex sex = Sex.NotKnown,
        string? nhs = null, string? pnc = null, string? postcode = null, string? id = null) => new()
    {
        Id = id ?? $"{given}-{family}",
        GivenNames = given,
        FamilyName = family,
        DateOfBirth = dob,
        Sex = sex,
        NhsNumber = nhs,
        PncId = pnc,
        Postcode = postcode,
    };

    private static RankedMatch Explain(MatchRecord probe, MatchRecord candidate, MatchEngine? engine = null)
    {
        engine ??= Engine;
        return engine.Explain(engine.Prepare(probe), engine.Prepare(candidate));
    }

    private static FieldContribution Field(RankedMatch m, string field) => Assert.Single(m.Contributions, c => c.Field == field);

    [Fact]
    public void Jon_Smyth_3_December_1985_is_a_potential_match_for_John_Smith_12_March_1985_with_reasons()
    {
        var result = Engine.Find(Person("Jon", "Smyth", new DateOnly(1985, 12, 3)), [Person("John", "Smith", new DateOnly(1985, 3, 12))]);

        Assert.True(result.Outcome >= MatchOutcome.PotentialMatches, $"outcome {result.Outcome}");
        var m = Assert.Single(result.Candidates);
        Assert.Equal("nickname", Field(m, "First name").Level);
        Assert.Equal("First name: known nickname (Jon → John), +4.6", Field(m, "First name").ToString());
        Assert.Contains(Field(m, "Last name").Level, new[] { "phonetic", "jw>=0.92", "jw>=0.80" });
        Assert.Equal("Last name: sounds the same (Smyth vs Smith), +3.3", Field(m, "Last name").ToString());
        Assert.Equal("Date of birth: day and month swapped (03/12/1985 vs 12/03/1985), +8.6", Field(m, "Date of birth").ToString());
        Assert.Equal(m.Weight, Engine.Model.PriorWeight + m.Contributions.Sum(c => c.Weight), 6);
    }

    [Theory]
    [InlineData(1985, 3, 12, "exact")]
    [InlineData(1985, 12, 3, "day-month-swapped")]
    [InlineData(1985, 3, 13, "one-digit")]
    [InlineData(1986, 3, 12, "one-digit")]
    [InlineData(1958, 3, 12, "transposed")]
    [InlineData(1985, 3, 21, "transposed")]
    [InlineData(1985, 7, 30, "same-year")]
    [InlineData(1990, 7, 30, "different")]
    public void Date_of_birth_levels(int y, int mo, int d, string level)
    {
        var m = Explain(Person("John", "Smith", new DateOnly(y, mo, d)), Person("John", "Smith", new DateOnly(1985, 3, 12)));
        Assert.Equal(level, Field(m, "Date of birth").Level);
    }

    [Fact]
    public void Another_date_of_birth_on_record_is_compared_too()
    {
        var known = Person("John", "Smith", new DateOnly(1985, 3, 12)) with { OtherDatesOfBirth = [new DateOnly(1984, 1, 1)] };
        var m = Explain(Person("John", "Smith", new DateOnly(1984, 1, 1)), known);
        Assert.Equal("exact", Field(m, "Date of birth").Level);
        Assert.Contains("another date on record", Field(m, "Date of birth").Explanation);
    }

    [Fact]
    public void A_missing_date_of_birth_is_not_compared_and_weighs_nothing()
    {
        var m = Explain(Person("John", "Smith"), Person("John", "Smith", new DateOnly(1985, 3, 12)));
        var dob = Field(m, "Date of birth");
        Assert.Equal("missing", dob.Level);
        Assert.Equal(0, dob.Weight);
        Assert.Equal("Date of birth: not recorded on both, so not compared", dob.ToString());
    }

    [Theory]
    [InlineData("Jonathan", "exact")]
    [InlineData("Jon", "nickname")]
    [InlineData("Jonathn", "jw>=0.92")]
    [InlineData("J", "initial")]
    [InlineData("Peter", "different")]
    public void First_name_levels(string given, string level)
    {
        var m = Explain(Person(given, "Okafor"), Person("Jonathan", "Okafor"));
        Assert.Equal(level, Field(m, "First name").Level);
    }

    [Fact]
    public void Swapped_first_and_last_names_are_recognised_and_cost_a_little()
    {
        var straight = Explain(Person("John", "Smith", new DateOnly(1985, 3, 12)), Person("John", "Smith", new DateOnly(1985, 3, 12)));
        var swapped = Explain(Person("Smith", "John", new DateOnly(1985, 3, 12)), Person("John", "Smith", new DateOnly(1985, 3, 12)));

        Assert.Equal("exact+swapped", Field(swapped, "First name").Level);
        Assert.Contains("with first and last names swapped (Smith John ↔ John Smith)", Field(swapped, "First name").Explanation);
        Assert.True(swapped.Weight < straight.Weight);
        Assert.True(swapped.Weight > Explain(Person("Peter", "Jones", new DateOnly(1985, 3, 12)), Person("John", "Smith", new DateOnly(1985, 3, 12))).Weight + 10);
    }

    [Fact]
    public void An_alias_on_record_is_matched_and_named()
    {
        var known = Person("Kelly", "Marsh", new DateOnly(1990, 5, 1)) with { OtherNames = [new PersonName("Kelly", "Brown")] };
        var m = Explain(Person("Kelly", "Brown", new DateOnly(1990, 5, 1)), known);
        Assert.Equal("exact", Field(m, "Last name").Level);
        Assert.Contains("alias Kelly Brown", Field(m, "Last name").Explanation);
    }

    [Fact]
    public void A_common_surname_counts_for_less_than_a_rare_one()
    {
        var people = Enumerable.Range(0, 1000).Select(i => Person("Person" + i, i < 200 ? "Smith" : "Family" + i)).ToList();
        people.Add(Person("Ada", "Okonkwo"));
        var engine = new MatchEngine(MatchModel.Default().WithTermFrequencies(people));

        var smith = Field(Explain(Person("Ada", "Smith"), Person("Ada", "Smith"), engine), "Last name");
        var rare = Field(Explain(Person("Ada", "Okonkwo"), Person("Ada", "Okonkwo"), engine), "Last name");

        Assert.True(rare.Weight > smith.Weight + 7, $"rare {rare.Weight} vs common {smith.Weight}");
        Assert.Contains("shared by many", smith.Explanation);
        Assert.Contains("shared by few", rare.Explanation);
    }

    [Fact]
    public void The_same_valid_NHS_number_is_a_definite_match_whatever_else_differs()
    {
        var result = Engine.Find(Person("Jo", "Bloggs", nhs: "943 476 5919"), [Person("Joanne", "Blogs", new DateOnly(1970, 1, 1), nhs: "9434765919")]);
        Assert.Equal(MatchOutcome.DefiniteMatch, result.Outcome);
        var m = Assert.Single(result.Candidates);
        Assert.Equal(MatchRule.SameNhsNumber, m.Rule);
        Assert.Equal("Rule: same valid NHS number, so a definite match", m.Contributions[0].ToString());
    }

    [Fact]
    public void The_same_valid_PNC_ID_is_a_definite_match()
    {
        var pnc = "2001/0000023" + Waymark.Identifiers.PncId.CheckLetter(1, 23);
        var score = Engine.Score(Engine.Prepare(Person("A", "B", pnc: pnc)), Engine.Prepare(Person("C", "D", pnc: pnc)));
        Assert.Equal(MatchRule.SamePncId, score.Rule);
        Assert.Equal(MatchOutcome.DefiniteMatch, Engine.Classify(score));
    }

    [Fact]
    public void A_different_valid_NHS_number_weighs_strongly_against()
    {
        var dob = new DateOnly(1985, 3, 12);
        var without = Explain(Person("John", "Smith", dob, postcode: "NS1 4AB"), Person("John", "Smith", dob, postcode: "NS1 4AB"));
        var differing = Explain(Person("John", "Smith", dob, nhs: "9434765919", postcode: "NS1 4AB"), Person("John", "Smith", dob, nhs: "9434765870", postcode: "NS1 4AB"));
        Assert.True(without.Weight - differing.Weight >= 9, $"{without.Weight} vs {differing.Weight}");
        Assert.Equal("different", Field(differing, "NHS number").Level);
        Assert.Equal(MatchRule.None, differing.Rule);
    }

    [Fact]
    public void An_invalid_NHS_number_is_ignored()
    {
        var m = Explain(Person("John", "Smith", nhs: "1234567890"), Person("John", "Smith", nhs: "1234567890"));
        Assert.Equal(MatchRule.None, m.Rule);
        Assert.Equal("missing", Field(m, "NHS number").Level);
    }

    [Theory]
    [InlineData("NS1 4AB", "ns14ab", "exact")]
    [InlineData("NS1 4AB", "NS1 4AC", "one-character")]
    [InlineData("NS1 4AB", "NS1 4ZZ", "sector")]
    [InlineData("NS1 4AB", "NS1 7ZZ", "district")]
    [InlineData("NS1 4AB", "EB4 7ZZ", "different")]
    [InlineData("4011", "4012", "one-character")]
    [InlineData("4011", "4099", "district")]
    [InlineData("4011", "2600", "different")]
    public void Postcode_levels_for_UK_and_other_postcodes(string a, string b, string level)
    {
        var m = Explain(Person("A", "B", postcode: a), Person("A", "B", postcode: b));
        Assert.Equal(level, Field(m, "Postcode").Level);
    }

    [Fact]
    public void Outcomes_follow_the_thresholds()
    {
        var dob = new DateOnly(1985, 3, 12);
        var known = Person("John", "Smith", dob, Sex.Male, postcode: "NS1 4AB");
        var result = Engine.Find(Person("John", "Smith", dob, Sex.Male, postcode: "NS1 4AB"),
            [known, Person("Jon", "Smith", new DateOnly(1985, 3, 13), id: "near"), Person("Peter", "Jones", new DateOnly(1950, 1, 1), id: "other")]);
        Assert.Equal(MatchOutcome.DefiniteMatch, result.Outcome);
        Assert.Equal(["John-Smith", "near"], result.Candidates.Select(c => c.Record.Id));
        Assert.Equal(MatchOutcome.DefiniteMatch, result.Candidates[0].Outcome);
        Assert.True(result.Candidates[0].Probability >= 0.999);

        var none = Engine.Find(Person("Peter", "Jones", new DateOnly(1950, 1, 1)), [known]);
        Assert.Equal(MatchOutcome.NoMatch, none.Outcome);
        Assert.Empty(none.Candidates);

        var strict = new MatchEngine(MatchModel.Default(), new MatchThresholds(Definite: 0.999999999, Potential: 0.5));
        var potential = strict.Find(Person("Jon", "Smyth", new DateOnly(1985, 12, 3)), [known]);
        Assert.Equal(MatchOutcome.PotentialMatches, potential.Outcome);
    }

    [Fact]
    public void Every_field_is_explained_even_when_not_compared()
    {
        var m = Explain(Person("John", "Smith"), Person("John", "Smith"));
        Assert.Equal(["First name", "Last name", "Date of birth", "Sex", "Postcode", "Town", "Address", "NHS number", "PNC ID"],
            m.Contributions.Select(c => c.Field));
    }

    [Fact]
    public void Neighbours_at_one_postcode_do_not_count_the_town_and_street_again()
    {
        var a = new MatchRecord { Id = "a", GivenNames = "Amy", FamilyName = "Cole", Postcode = "NS1 4AB", Town = "Northshire", AddressLine = "3 Mill Lane" };
        var b = a with { Id = "b", GivenNames = "Ben", FamilyName = "Hart", AddressLine = "5 Mill Lane" };
        var m = Explain(a, b);
        Assert.Equal("exact", Field(m, "Postcode").Level);
        Assert.Equal("missing", Field(m, "Town").Level);
        Assert.Equal("missing", Field(m, "Address").Level);
        Assert.Equal(MatchOutcome.NoMatch, m.Outcome);
    }

    [Fact]
    public void Other_identifiers_are_compared_within_their_kind()
    {
        var engine = new MatchEngine(MatchModel.Default(["Custody record"]));
        var a = Person("A", "B") with { OtherIdentifiers = new Dictionary<string, string> { ["Custody record"] = "NS-123456" } };
        var b = Person("C", "D") with { OtherIdentifiers = new Dictionary<string, string> { ["Custody record"] = "ns123456" } };
        var c = Person("C", "D") with { OtherIdentifiers = new Dictionary<string, string> { ["Custody record"] = "NS-123465" } };
        Assert.Equal("same", Field(Explain(a, b, engine), "Custody record").Level);
        Assert.Equal("one-character", Field(Explain(a, c, engine), "Custody record").Level);
    }
}
