using Waymark.Matching;
using Waymark.Matching.Synthetic;
using Waymark.People;

namespace Waymark.Core.Tests.Unit.Matching;

/// <summary>Issue 11, item 2: relatives are not the same person (MatchEngine.PossiblyRelatives).</summary>
public class RelativesTests
{
    private static readonly MatchEngine Engine = new(MatchModel.Default());

    private static MatchRecord Person(string given, string family, DateOnly dob, Sex sex, string postcode, string? nhs = null, string? address = null) => new()
    {
        Id = $"{given}-{family}-{dob:yyyyMMdd}",
        GivenNames = given,
        FamilyName = family,
        DateOfBirth = dob,
        Sex = sex,
        Postcode = postcode,
        NhsNumber = nhs,
        AddressLine = address,
    };

    private static RankedMatch Explain(MatchRecord a, MatchRecord b) => Engine.Explain(Engine.Prepare(a), Engine.Prepare(b));

    [Fact]
    public void Twins_Amelia_and_Olivia_Okafor_are_possibly_relatives_never_a_definite_match()
    {
        var amelia = Person("Amelia", "Okafor", new DateOnly(2004, 6, 12), Sex.Female, "NS1 4AB", address: "12 Mill Lane");
        var olivia = Person("Olivia", "Okafor", new DateOnly(2004, 6, 12), Sex.Female, "NS1 4AB", address: "12 Mill Lane");

        var m = Explain(amelia, olivia);

        Assert.NotEqual(MatchOutcome.DefiniteMatch, m.Outcome);
        Assert.True(m.Probability < 0.999, $"p = {m.Probability}");
        var relative = Assert.Single(m.Contributions, c => c.Field == "Relative");
        Assert.Contains("possibly a relative", relative.Explanation);
        Assert.Equal("different", Assert.Single(m.Contributions, c => c.Field == "First name").Level);
    }

    [Theory]
    [InlineData("Okafor", 1979, 3, 1)]  // a parent at the same address
    [InlineData("Okafor", 2001, 9, 30)] // an older sister
    public void Family_at_the_same_address_with_another_first_name_is_never_definite(string family, int year, int month, int day)
    {
        var amelia = Person("Amelia", "Okafor", new DateOnly(2004, 6, 12), Sex.Female, "NS1 4AB", address: "12 Mill Lane");
        var relative = Person("Grace", family, new DateOnly(year, month, day), Sex.Female, "NS1 4AB", address: "12 Mill Lane");

        Assert.NotEqual(MatchOutcome.DefiniteMatch, Explain(amelia, relative).Outcome);
    }

    [Fact]
    public void The_same_person_with_a_nickname_is_not_taken_for_a_relative()
    {
        var m = Explain(Person("Robert", "Okafor", new DateOnly(1990, 1, 5), Sex.Male, "NS1 4AB"), Person("Bob", "Okafor", new DateOnly(1990, 1, 5), Sex.Male, "NS1 4AB"));

        Assert.DoesNotContain(m.Contributions, c => c.Field == "Relative");
        Assert.Equal(MatchOutcome.DefiniteMatch, m.Outcome);
    }

    [Fact]
    public void An_agreeing_identifier_outweighs_the_relatives_pattern()
    {
        var nhs = TestNhsNumbers.Next();
        var m = Explain(Person("Amelia", "Okafor", new DateOnly(2004, 6, 12), Sex.Female, "NS1 4AB", nhs), Person("Olivia", "Okafor", new DateOnly(2004, 6, 12), Sex.Female, "NS1 4AB", nhs));

        Assert.DoesNotContain(m.Contributions, c => c.Field == "Relative");
        Assert.Equal(MatchOutcome.DefiniteMatch, m.Outcome); // the same NHS number decides by rule
    }

    [Fact]
    public void The_generator_makes_relatives_who_share_a_family_name_and_home_but_not_a_first_name()
    {
        var records = new UkPeopleGenerator(7).Generate(2_000, 0, 500).ToList();
        var byEntity = records.ToDictionary(r => int.Parse(r.Entity, System.Globalization.CultureInfo.InvariantCulture));
        var relatives = byEntity.Where(e => e.Key >= 1_500).Select(e => e.Value).ToList();

        Assert.Equal(500, relatives.Count);
        foreach (var r in relatives)
            Assert.Contains(byEntity.Values, o => int.Parse(o.Entity, System.Globalization.CultureInfo.InvariantCulture) < 1_500
                && o.FamilyName == r.FamilyName && o.Postcode == r.Postcode && o.Street == r.Street && o.GivenName != r.GivenName);
    }

    [Fact]
    public void The_same_seed_gives_the_same_file_in_every_process()
    {
        // A value fixed in the test, so a hash seeded per process (HashCode) would fail it; it did, for postcodes.
        var first = new UkPeopleGenerator(42).Generate(10_000, 2_000).First();
        Assert.Equal(("rec-2575-dup-0", "JQ1 4ZS"), (first.RecId, first.Postcode));
        Assert.Equal(new UkPeopleGenerator(42).Generate(500, 100, 50), new UkPeopleGenerator(42).Generate(500, 100, 50));
    }
}
