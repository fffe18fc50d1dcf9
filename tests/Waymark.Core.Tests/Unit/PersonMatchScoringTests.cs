using Waymark.Core.Tests.Support;
using Waymark.Identification;
using Waymark.People;

namespace Waymark.Core.Tests.Unit;

/// <summary>How <see cref="SimplePersonLookup"/> scores one known person against what was typed at intake.</summary>
public class PersonMatchScoringTests
{
    private static readonly Person JohnSmith = PersonBuilder.APerson()
        .Named("John", "Smith").BornOn(1985, 3, 12).WithSex(Sex.Male).Build();

    private static LookupRequest Typed(string? given, string? family, DateOnly? dob = null, Sex sex = Sex.NotKnown,
        string? nhs = null, string? pnc = null, string? postcode = null) =>
        new(given, family, dob, sex, nhs, pnc, postcode);

    private static MatchReason Reason(MatchCandidate c, string field) => Assert.Single(c.Reasons, r => r.Field == field);

    [Fact]
    public void Jon_Smyth_born_3_December_1985_agrees_with_John_Smith_born_12_March_1985_on_similar_names_and_swapped_day_and_month()
    {
        var c = SimplePersonLookup.Score(Typed("Jon", "Smyth", new DateOnly(1985, 12, 3)), JohnSmith);

        var name = Reason(c, "Name");
        Assert.True(name.Agrees);
        Assert.Equal("Similar first and last names", name.Explanation);
        var dob = Reason(c, "Date of birth");
        Assert.True(dob.Agrees);
        Assert.Equal("Date of birth with day and month swapped", dob.Explanation);
        Assert.Equal(name.Weight + dob.Weight, c.Score);
        Assert.True(c.Score >= 4, "should pass the lookup's threshold for a potential match");
        Assert.Equal(JohnSmith.Id, c.Person.Id);
    }

    [Fact]
    public void The_same_name_and_date_of_birth_score_higher_than_near_misses()
    {
        var exact = SimplePersonLookup.Score(Typed("john", "SMITH", new DateOnly(1985, 3, 12)), JohnSmith);
        var near = SimplePersonLookup.Score(Typed("Jon", "Smyth", new DateOnly(1985, 12, 3)), JohnSmith);

        Assert.Equal("Same name", Reason(exact, "Name").Explanation);
        Assert.Equal("Same date of birth", Reason(exact, "Date of birth").Explanation);
        Assert.True(exact.Score > near.Score);
    }

    [Fact]
    public void Given_and_family_names_typed_the_wrong_way_round_still_agree()
    {
        var c = SimplePersonLookup.Score(Typed("Smith", "John"), JohnSmith);
        var name = Reason(c, "Name");
        Assert.True(name.Agrees);
        Assert.Equal("Same name with first and last names swapped", name.Explanation);
    }

    [Fact]
    public void An_alias_counts_as_a_name_and_says_which_alias()
    {
        var person = PersonBuilder.APerson().Named("John", "Smith").AlsoKnownAs("Johnny", "Blaze").Build();
        var name = Reason(SimplePersonLookup.Score(Typed("Johnny", "Blaze"), person), "Name");
        Assert.True(name.Agrees);
        Assert.Equal("Same name (alias Johnny Blaze)", name.Explanation);
    }

    [Fact]
    public void Another_date_of_birth_the_person_once_gave_counts_as_theirs()
    {
        var person = PersonBuilder.APerson().BornOn(1985, 3, 12).AlsoGaveDateOfBirth(1986, 3, 12).Build();
        Assert.Equal("Same date of birth", Reason(SimplePersonLookup.Score(Typed("John", "Smith", new DateOnly(1986, 3, 12)), person), "Date of birth").Explanation);
    }

    [Theory]
    [InlineData("1985-03-13", "Date of birth differs by one digit", true)]
    [InlineData("1958-03-12", "Date of birth differs by one digit", true)] // 85 ↔ 58 transposed
    [InlineData("1985-07-30", "Same year of birth only", false)]
    [InlineData("1990-07-30", "Different date of birth", false)]
    public void Near_miss_dates_of_birth_are_explained(string typed, string explanation, bool agrees)
    {
        var reason = Reason(SimplePersonLookup.Score(Typed("John", "Smith", DateOnly.Parse(typed)), JohnSmith), "Date of birth");
        Assert.Equal(explanation, reason.Explanation);
        Assert.Equal(agrees, reason.Agrees);
    }

    [Fact]
    public void A_different_NHS_number_outweighs_the_same_name_and_date_of_birth()
    {
        var person = PersonBuilder.APerson().Named("John", "Smith").BornOn(1985, 3, 12).WithNhsNumber("9434765919").Build();

        var c = SimplePersonLookup.Score(Typed("John", "Smith", new DateOnly(1985, 3, 12), nhs: "401 023 2137"), person);

        Assert.False(Reason(c, "NHS number").Agrees);
        Assert.True(c.Score < 4, $"score {c.Score} should fall below the potential-match threshold");
    }

    [Fact]
    public void Unknown_fields_neither_help_nor_hurt()
    {
        var person = PersonBuilder.APerson().Named("John", "Smith").BornOn(null).WithSex(Sex.NotKnown).Build();
        var c = SimplePersonLookup.Score(Typed("John", "Smith", new DateOnly(1985, 3, 12), Sex.Male, nhs: "9434765919", postcode: "LS1 4AP"), person);
        Assert.Equal(["Name"], c.Reasons.Select(r => r.Field));
    }

    [Fact]
    public void Sex_and_postcode_add_a_little_when_they_agree()
    {
        var person = PersonBuilder.APerson().Named("John", "Smith").WithSex(Sex.Male).WithPostcode("LS1 4AP").Build();
        var c = SimplePersonLookup.Score(Typed("John", "Smith", sex: Sex.Male, postcode: "ls14ap"), person);
        Assert.True(Reason(c, "Sex").Agrees);
        Assert.True(Reason(c, "Postcode").Agrees);

        var other = SimplePersonLookup.Score(Typed("John", "Smith", sex: Sex.Female), person);
        Assert.False(Reason(other, "Sex").Agrees);
        Assert.True(other.Score < c.Score);
    }

    [Theory]
    [InlineData("jon", "john", true)]         // one letter missing
    [InlineData("smith", "smyth", true)]      // one letter different
    [InlineData("jon", "jonathan", true)]     // a short form
    [InlineData("ann", "anne", true)]
    [InlineData("mohammed", "muhammad", true)] // two edits allowed in longer names
    [InlineData("smith", "jones", false)]
    [InlineData("jon", "ron", false)]          // must share the first letter
    [InlineData("al", "alan", false)]          // too short to count as a short form
    [InlineData("", "john", false)]
    public void Similar_names_share_a_first_letter_and_are_a_small_edit_or_a_short_form_apart(string a, string b, bool similar)
    {
        Assert.Equal(similar, SimplePersonLookup.Similar(a, b));
        Assert.Equal(similar, SimplePersonLookup.Similar(b, a));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("smith", "smyth", 1)]
    [InlineData("flaw", "lawn", 2)]
    public void Levenshtein_counts_single_letter_edits(string a, string b, int distance)
    {
        Assert.Equal(distance, SimplePersonLookup.Levenshtein(a, b));
    }
}
