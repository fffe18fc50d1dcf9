using Waymark.People;

namespace Waymark.Core.Tests.Unit;

public class NameKeyTests
{
    [Theory]
    [InlineData("Zoë", "zoe")]
    [InlineData("Núñez", "nunez")]
    [InlineData("Şahin", "sahin")]
    [InlineData("François", "francois")]
    [InlineData("Zoe\u0308", "zoe")] // already decomposed: e + combining diaeresis
    public void Removes_accents(string name, string key)
    {
        Assert.Equal(key, NameKey.For(name));
    }

    [Theory]
    [InlineData("O'Brien", "obrien")]
    [InlineData("O’Brien", "obrien")] // typographic apostrophe
    [InlineData("Smith-Jones", "smithjones")]
    [InlineData("Mary Ann", "maryann")]
    [InlineData("St. John", "stjohn")]
    public void Drops_apostrophes_hyphens_spaces_and_full_stops(string name, string key)
    {
        Assert.Equal(key, NameKey.For(name));
    }

    [Theory]
    [InlineData("SMITH")]
    [InlineData("smith")]
    [InlineData("SmItH")]
    public void Ignores_case(string name)
    {
        Assert.Equal("smith", NameKey.For(name));
    }

    [Theory]
    [InlineData("Strauß", "strauss")]
    [InlineData("STRAUẞ", "strauss")] // capital sharp s
    public void Spells_sharp_s_as_ss_so_Strauss_finds_Strauss_with_eszett(string name, string key)
    {
        Assert.Equal(key, NameKey.For(name));
        Assert.Equal(NameKey.For("Strauss"), NameKey.For(name));
    }

    [Theory]
    [InlineData("Łukasz", "lukasz")]
    [InlineData("Søren", "soren")]
    [InlineData("Ægir", "aegir")]
    [InlineData("Þórr", "thorr")]
    public void Folds_letters_that_have_no_accent_to_strip(string name, string key)
    {
        Assert.Equal(key, NameKey.For(name));
    }

    [Fact]
    public void The_example_in_the_documentation_holds()
    {
        var key = NameKey.For("Zoë O'Brien-Núñez");
        Assert.Equal("zoeobriennunez", key);
        Assert.Equal(["zoe", "obrien"], NameKey.Terms("zoe obrien"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("'-.")]
    public void Nothing_searchable_gives_an_empty_key(string? name)
    {
        Assert.Equal("", NameKey.For(name));
    }

    [Fact]
    public void Terms_splits_on_spaces_commas_and_tabs_and_drops_empty_and_repeated_terms()
    {
        Assert.Equal(["jon", "oneil"], NameKey.Terms("Jon  O'Neil"));
        Assert.Equal(["smith", "jon"], NameKey.Terms("Smith, Jon\tsmith"));
        Assert.Empty(NameKey.Terms(" - ' , "));
        Assert.Empty(NameKey.Terms(null));
    }

    [Fact]
    public void Every_key_with_a_prefix_falls_inside_the_prefix_range()
    {
        var upper = NameKey.UpperBound("smi");
        foreach (var key in new[] { "smi", "smith", "smithjones", "smiz9" })
        {
            Assert.True(string.CompareOrdinal(key, "smi") >= 0);
            Assert.True(string.CompareOrdinal(key, upper) < 0, key);
        }
        Assert.False(string.CompareOrdinal("smj", upper) < 0);
    }
}
