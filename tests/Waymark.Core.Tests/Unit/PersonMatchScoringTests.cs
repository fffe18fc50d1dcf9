using Waymark.Core.Tests.Support;
using Waymark.Identification;
using Waymark.Matching;
using Waymark.People;

namespace Waymark.Core.Tests.Unit;

/// <summary>
/// How <see cref="ProbabilisticPersonLookup"/> scores and explains one known person against what was
/// typed at intake, under the default model with the look-up prior of a team of a thousand people.
/// </summary>
public class PersonMatchScoringTests
{
    private static readonly MatchEngine Engine = new(MatchModel.Default().WithPrior(0.3 / 1000));

    private static readonly Person JohnSmith = PersonBuilder.APerson()
        .Named("John", "Smith").BornOn(1985, 3, 12).WithSex(Sex.Male).Build();

    private static LookupRequest Typed(string? given, string? family, DateOnly? dob = null, Sex sex = Sex.NotKnown,
        string? nhs = null, string? pnc = null, string? postcode = null) =>
        new(given, family, dob, sex, nhs, pnc, postcode);

    /// <summary>The candidate as the look-up would return it, or null when it scores below a potential match.</summary>
    private static MatchCandidate? Score(LookupRequest r, Person p)
    {
        var row = new PersonMatchRow(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, p.Postcode, p.NhsNumber, p.PncId, PersonAbsences.Of(p),
            p.Aliases.Select(a => new PersonName(a.GivenName, a.FamilyName)).ToList(), p.OtherDatesOfBirth.Select(d => d.DateOfBirth).ToList());
        return ProbabilisticPersonLookup.Rank(Engine, PersonMatching.ToMatchRecord(r), [row]).Candidates.SingleOrDefault();
    }

    /// <summary>The candidate's explanation whatever its score.</summary>
    private static MatchCandidate Explain(LookupRequest r, Person p) =>
        ProbabilisticPersonLookup.ToCandidate(Engine.Explain(Engine.Prepare(PersonMatching.ToMatchRecord(r)), Engine.Prepare(PersonMatching.ToMatchRecord(p))),
            new PersonSummary(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.NhsNumber, p.PncId, p.Postcode, PersonAbsences.Of(p)));

    private static MatchReason Reason(MatchCandidate c, string field) => Assert.Single(c.Reasons, r => r.Field == field);

    [Fact]
    public void Jon_Smyth_born_3_December_1985_agrees_with_John_Smith_born_12_March_1985_on_names_and_swapped_day_and_month()
    {
        var c = Score(Typed("Jon", "Smyth", new DateOnly(1985, 12, 3)), JohnSmith);

        Assert.NotNull(c);
        Assert.Equal(JohnSmith.Id, c.Person.Id);
        Assert.Equal("known nickname (Jon → John)", Reason(c, "First name").Explanation);
        Assert.True(Reason(c, "First name").Agrees);
        Assert.True(Reason(c, "Last name").Agrees);
        Assert.Equal("day and month swapped (03/12/1985 vs 12/03/1985)", Reason(c, "Date of birth").Explanation);
        Assert.True(Reason(c, "Date of birth").Agrees);
        // The score is the prior plus every reason's weight.
        Assert.Equal(Engine.Model.PriorWeight + c.Reasons.Sum(r => r.Weight), c.Score, 6);
        Assert.InRange(c.Probability, 0.05, 0.999); // a potential match: the practitioner checks
    }

    [Fact]
    public void The_same_name_and_date_of_birth_score_higher_than_near_misses()
    {
        var exact = Score(Typed("john", "SMITH", new DateOnly(1985, 3, 12)), JohnSmith)!;
        var near = Score(Typed("Jon", "Smyth", new DateOnly(1985, 12, 3)), JohnSmith)!;

        Assert.StartsWith("same (John)", Reason(exact, "First name").Explanation, StringComparison.Ordinal);
        Assert.Equal("same (12/03/1985)", Reason(exact, "Date of birth").Explanation);
        Assert.True(exact.Score > near.Score);
    }

    [Fact]
    public void Given_and_family_names_typed_the_wrong_way_round_still_agree()
    {
        var c = Explain(Typed("Smith", "John", new DateOnly(1985, 3, 12)), JohnSmith);
        var given = Reason(c, "First name");
        Assert.True(given.Agrees);
        Assert.Contains("with first and last names swapped (Smith John ↔ John Smith)", given.Explanation);
        Assert.True(Reason(c, "Last name").Agrees);
    }

    [Fact]
    public void An_alias_counts_as_a_name_and_says_which_alias()
    {
        var person = PersonBuilder.APerson().Named("John", "Smith").AlsoKnownAs("Johnny", "Blaze").Build();
        var name = Reason(Explain(Typed("Johnny", "Blaze"), person), "First name");
        Assert.True(name.Agrees);
        Assert.Contains("matching the alias Johnny Blaze", name.Explanation);
    }

    [Fact]
    public void Another_date_of_birth_the_person_once_gave_counts_as_theirs()
    {
        var person = PersonBuilder.APerson().BornOn(1985, 3, 12).AlsoGaveDateOfBirth(1986, 3, 12).Build();
        var dob = Reason(Explain(Typed("John", "Smith", new DateOnly(1986, 3, 12)), person), "Date of birth");
        Assert.Equal("same (12/03/1986 (another date on record))", dob.Explanation);
        Assert.True(dob.Agrees);
    }

    [Theory]
    [InlineData("1985-03-13", "differs by one digit", true)]
    [InlineData("1958-03-12", "two digits transposed", true)] // 85 ↔ 58
    [InlineData("1985-07-30", "same year only", true)]                 // a little evidence for
    [InlineData("1990-07-30", "different", false)]
    public void Near_miss_dates_of_birth_are_explained(string typed, string words, bool agrees)
    {
        var reason = Reason(Explain(Typed("John", "Smith", DateOnly.Parse(typed)), JohnSmith), "Date of birth");
        Assert.StartsWith(words, reason.Explanation, StringComparison.Ordinal);
        Assert.Equal(agrees, reason.Agrees);
        Assert.Equal(agrees, reason.Weight > 0);
    }

    [Fact]
    public void A_different_NHS_number_counts_strongly_against_the_same_name_and_date_of_birth()
    {
        var person = PersonBuilder.APerson().Named("John", "Smith").BornOn(1985, 3, 12).WithNhsNumber("9434765919").Build();

        var conflicting = Explain(Typed("John", "Smith", new DateOnly(1985, 3, 12), nhs: "401 023 2137"), person);
        var without = Explain(Typed("John", "Smith", new DateOnly(1985, 3, 12)), person);

        var nhs = Reason(conflicting, "NHS number");
        Assert.False(nhs.Agrees);
        Assert.True(nhs.Weight < -9, $"a different valid NHS number weighs {nhs.Weight}");
        Assert.Equal(without.Score + nhs.Weight, conflicting.Score, 6);
        Assert.Null(conflicting.DecidedBy);
    }

    [Fact]
    public void The_same_valid_NHS_number_decides_by_rule()
    {
        var person = PersonBuilder.APerson().Named("John", "Smith").WithNhsNumber("9434765919").Build();
        var c = Score(Typed("J", "Smythe", nhs: "943 476 5919"), person)!;
        Assert.Equal("the same valid NHS number", c.DecidedBy);
        Assert.True(Reason(c, "NHS number").Agrees);
    }

    [Fact]
    public void Unknown_fields_neither_help_nor_hurt()
    {
        var person = PersonBuilder.APerson().Named("John", "Smith").BornOn(null).WithSex(Sex.NotKnown).Build();
        var c = Explain(Typed("John", "Smith", new DateOnly(1985, 3, 12), Sex.Male, nhs: "9434765919", postcode: "LS1 4AP"), person);
        Assert.Equal(["First name", "Last name"], c.Reasons.Where(r => r.Compared).Select(r => r.Field));
        Assert.All(c.Reasons.Where(r => !r.Compared), r => Assert.Equal((false, 0.0), (r.Agrees, r.Weight)));
        Assert.Equal(["Date of birth", "Sex", "Postcode", "NHS number"], c.Reasons.Where(r => !r.Compared).Select(r => r.Field).Where(f => f != "PNC ID"));
    }

    [Fact]
    public void Sex_and_postcode_add_a_little_when_they_agree()
    {
        var person = PersonBuilder.APerson().Named("John", "Smith").WithSex(Sex.Male).WithPostcode("LS1 4AP").Build();
        var c = Explain(Typed("John", "Smith", sex: Sex.Male, postcode: "ls14ap"), person);
        Assert.True(Reason(c, "Sex").Agrees);
        Assert.True(Reason(c, "Postcode").Agrees);

        var other = Explain(Typed("John", "Smith", sex: Sex.Female), person);
        Assert.False(Reason(other, "Sex").Agrees);
        Assert.True(other.Score < c.Score);
    }
}
