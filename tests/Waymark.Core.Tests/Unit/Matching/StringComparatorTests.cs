using Waymark.Matching;

namespace Waymark.Core.Tests.Unit.Matching;

public class JaroWinklerTests
{
    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.961)]
    [InlineData("DWAYNE", "DUANE", 0.840)]
    [InlineData("DIXON", "DICKSONX", 0.813)]
    [InlineData("JELLYFISH", "SMELLYFISH", 0.896)]
    public void Known_values_from_Winkler_and_the_literature(string a, string b, double expected)
    {
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 3);
        Assert.Equal(expected, JaroWinkler.Similarity(b, a), 3);
    }

    [Fact]
    public void Identical_is_one_and_nothing_in_common_or_empty_is_zero()
    {
        Assert.Equal(1, JaroWinkler.Similarity("smith", "smith"));
        Assert.Equal(0, JaroWinkler.Similarity("abc", "xyz"));
        Assert.Equal(0, JaroWinkler.Similarity("", "smith"));
    }

    [Fact]
    public void Long_strings_work_beyond_the_stack_buffer()
    {
        var a = new string('a', 100) + "b";
        var b = new string('a', 100) + "c";
        Assert.InRange(JaroWinkler.Similarity(a, b), 0.99, 1.0);
    }
}

public class MetaphoneTests
{
    [Theory]
    [InlineData("Smith", "SM0")]
    [InlineData("Smyth", "SM0")]
    [InlineData("John", "JN")]
    [InlineData("Jon", "JN")]
    [InlineData("Catherine", "K0RN")]
    [InlineData("Kathryn", "K0RN")]
    [InlineData("Stephen", "STFN")]
    [InlineData("Steven", "STFN")]
    [InlineData("Thomas", "TMS")]
    [InlineData("Tomas", "TMS")]
    [InlineData("Knight", "NT")]
    [InlineData("Night", "NT")]
    [InlineData("Wright", "RT")]
    [InlineData("Phillips", "FLPS")]
    [InlineData("Filips", "FLPS")]
    [InlineData("McDonald", "MKTNLT")]
    [InlineData("MacDonald", "MKTNLT")]
    [InlineData("Xavier", "SFR")]
    [InlineData("O'Brien", "ABRN")] // a first vowel is kept as A
    public void Sound_alike_names_share_a_code(string name, string code)
    {
        Assert.Equal(code, Metaphone.Encode(name));
    }

    [Fact]
    public void Different_sounding_names_differ_and_empty_is_empty()
    {
        Assert.NotEqual(Metaphone.Encode("Smith"), Metaphone.Encode("Jones"));
        Assert.Equal("", Metaphone.Encode(null));
        Assert.Equal("", Metaphone.Encode("  '- "));
        Assert.True(Metaphone.Encode("Wolstenholme-Fotheringham").Length <= Metaphone.MaxLength);
    }
}

public class NicknameTests
{
    [Theory]
    [InlineData("Jon", "John")]
    [InlineData("Jon", "Jonathan")]
    [InlineData("Bill", "William")]
    [InlineData("Peggy", "Margaret")]
    [InlineData("Liz", "Elizabeth")]
    [InlineData("BETTY", "elizabeth")]
    [InlineData("Bob", "Robert")]
    [InlineData("Kate", "Catherine")]
    public void Known_nicknames_are_equivalent_either_way(string a, string b)
    {
        Assert.True(Nicknames.AreEquivalent(a, b));
        Assert.True(Nicknames.AreEquivalent(b, a));
    }

    [Theory]
    [InlineData("John", "William")]
    [InlineData("John", "John")]
    [InlineData("Zebedee", "Zeb")]
    [InlineData("", "John")]
    public void Others_are_not(string a, string b)
    {
        Assert.False(Nicknames.AreEquivalent(a, b));
    }

    [Fact]
    public void The_list_has_a_few_hundred_pairs()
    {
        Nicknames.GroupsOf("john");
        Assert.InRange(Nicknames.PairCount, 300, 5000);
    }
}

public class EditDistanceTests
{
    [Theory]
    [InlineData("NS14AB", "NS14AC", true)]  // substitution
    [InlineData("NS14AB", "NS41AB", true)]  // neighbours swapped
    [InlineData("NS14AB", "NS4AB", true)]   // deletion
    [InlineData("4011", "40111", true)]     // insertion
    [InlineData("NS14AB", "NS14BA", true)]
    [InlineData("NS14AB", "NS15AC", false)]
    [InlineData("4011", "4102", false)]
    public void Within_one_edit(string a, string b, bool expected)
    {
        Assert.Equal(expected, MatchEngine.WithinOneEdit(a, b));
        Assert.Equal(expected, MatchEngine.WithinOneEdit(b, a));
    }
}
