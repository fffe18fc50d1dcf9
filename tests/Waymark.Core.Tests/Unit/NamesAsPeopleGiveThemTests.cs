using Waymark.Matching;
using Waymark.People;

namespace Waymark.Core.Tests.Unit;

/// <summary>Issue 11, items 3, 4 and 10: name words and particles, one name only, and accent-blind directory text.</summary>
public class NamesAsPeopleGiveThemTests
{
    [Theory]
    [InlineData("Ní Bhriain", new[] { "nibhriain", "ni", "bhriain" })]
    [InlineData("Smith-Jones", new[] { "smithjones", "smith", "jones" })]
    [InlineData("García Márquez", new[] { "garciamarquez", "garcia", "marquez" })]
    [InlineData("van der Berg", new[] { "vanderberg", "van", "der", "berg" })]
    [InlineData("al-Hassan", new[] { "alhassan", "al", "hassan" })]
    [InlineData("O'Brien", new[] { "obrien", "o", "brien" })]
    [InlineData("McDonald", new[] { "mcdonald", "mc", "donald" })]
    [InlineData("MacGregor", new[] { "macgregor", "mac", "gregor" })]
    [InlineData("Smith", new[] { "smith" })]
    public void A_name_is_stored_under_the_whole_name_and_each_word(string name, string[] words)
    {
        Assert.Equal(words, NameKey.Words(name));
    }

    [Fact]
    public void An_empty_name_has_no_words()
    {
        Assert.Empty(NameKey.Words(null));
        Assert.Empty(NameKey.Words("  "));
    }

    [Theory]
    [InlineData("Ní Bhriain", new[] { "bhriain" })]
    [InlineData("Aoife Ní Bhriain", new[] { "aoife", "bhriain" })]
    [InlineData("NiBhriain", new[] { "nibhriain" })]
    [InlineData("Smith-Jones", new[] { "smith", "jones" })]
    [InlineData("van der Berg", new[] { "berg" })]
    [InlineData("el-Hassan", new[] { "hassan" })]
    [InlineData("ap", new[] { "ap" })] // only particles: kept, or nothing would be searched
    [InlineData("Van Der", new[] { "van", "der" })]
    [InlineData("'-, .", new string[0])]
    public void Typed_particles_are_optional_when_other_words_were_typed(string typed, string[] words)
    {
        Assert.Equal(words, NameKey.SearchWords(typed));
    }

    [Theory]
    [InlineData("Ní Bhriain", "bhriain")]
    [InlineData("van der Berg", "berg")]
    [InlineData("al-Hassan", "hassan")]
    [InlineData("El Hassan", "hassan")]
    [InlineData("ap Rhys", "rhys")]
    [InlineData("Smith-Jones", "smithjones")]
    [InlineData("Van", "van")]
    [InlineData(null, "")]
    public void Without_particles_keeps_the_rest_of_the_name(string? name, string core)
    {
        Assert.Equal(core, NameKey.WithoutParticles(name));
    }

    [Theory]
    [InlineData("Ní Bhriain", "Bhriain")]
    [InlineData("van der Berg", "Berg")]
    [InlineData("al-Hassan", "El Hassan")]
    [InlineData("ap Gruffydd", "Gruffydd")]
    [InlineData("bin Zayed", "Zayed")]
    public void The_engine_sees_family_names_differing_only_by_a_particle_as_very_similar(string a, string b)
    {
        var level = MatchEngine.FamilyLevel(NameKey.For(a), NameKey.For(b), Metaphone.Encode(NameKey.For(a)), Metaphone.Encode(NameKey.For(b)),
            NameKey.WithoutParticles(a), NameKey.WithoutParticles(b));
        Assert.Equal(Levels.FamilyName.VerySimilar, level);
    }

    [Fact]
    public void Different_names_with_the_same_particle_are_not_made_similar()
    {
        var level = MatchEngine.FamilyLevel("vanderberg", "vanderwaals", Metaphone.Encode("vanderberg"), Metaphone.Encode("vanderwaals"),
            NameKey.WithoutParticles("van der Berg"), NameKey.WithoutParticles("van der Waals"));
        Assert.NotEqual(Levels.FamilyName.VerySimilar, level);
        Assert.NotEqual(Levels.FamilyName.Exact, level);
    }

    [Fact]
    public void Matching_ranks_Aoife_Bhriain_as_the_same_name_nearly_as_Aoife_Ni_Bhriain()
    {
        var engine = new MatchEngine(MatchModel.Default());
        MatchRecord R(string id, string given, string family) => new() { Id = id, GivenNames = given, FamilyName = family, DateOfBirth = new DateOnly(1990, 5, 1) };
        var m = engine.Explain(engine.Prepare(R("a", "Aoife", "Bhriain")), engine.Prepare(R("b", "Aoife", "Ní Bhriain")));
        Assert.Equal("jw>=0.92", Assert.Single(m.Contributions, c => c.Field == "Last name").Level);
    }

    // Item 4: one name only.
    [Theory]
    [InlineData("", "Madonna", "Madonna", "Madonna")]
    [InlineData(null, "Madonna", "Madonna", "Madonna")]
    [InlineData("  ", " Madonna ", "Madonna", "Madonna")]
    [InlineData("Aoife", "Ní Bhriain", "Aoife Ní Bhriain", "Ní Bhriain, Aoife")]
    public void Names_are_written_without_stray_spaces_or_commas(string? given, string family, string full, string sorted)
    {
        Assert.Equal(full, PersonNames.Full(given, family));
        Assert.Equal(sorted, PersonNames.SortName(given, family));
        Assert.Equal(full, new Person { GivenName = given ?? "", FamilyName = family, CreatedBy = "t" }.FullName);
    }

    [Fact]
    public void A_single_name_is_neither_agreement_nor_disagreement_on_the_first_name()
    {
        var engine = new MatchEngine(MatchModel.Default());
        MatchRecord R(string id, string given) => new() { Id = id, GivenNames = given, FamilyName = "Madonna", DateOfBirth = new DateOnly(1990, 5, 1) };
        var withOne = engine.Explain(engine.Prepare(R("a", "")), engine.Prepare(R("b", "Louise")));
        var first = Assert.Single(withOne.Contributions, c => c.Field == "First name");
        Assert.Equal("missing", first.Level);
        Assert.Equal(0, first.Weight);
        var bothOne = engine.Explain(engine.Prepare(R("a", "")), engine.Prepare(R("b", "")));
        Assert.Equal(0, Assert.Single(bothOne.Contributions, c => c.Field == "First name").Weight);
        Assert.Equal(MatchRule.None, bothOne.Rule);
    }

    [Fact]
    public void A_single_name_has_no_given_keys_but_is_still_blocked_by_its_family_name()
    {
        var engine = new MatchEngine(MatchModel.Default());
        var p = engine.Prepare(new MatchRecord { Id = "a", GivenNames = "", FamilyName = "Madonna", DateOfBirth = new DateOnly(1990, 5, 1) });
        Assert.Empty(BlockingIndex.ReadableKeys(p, BlockingRule.GivenSoundAndBirthDayMonth));
        Assert.NotEmpty(BlockingIndex.ReadableKeys(p, BlockingRule.FamilySoundAndBirthYear));
        Assert.Contains("madonna", BlockingIndex.ReadableKeys(p, BlockingRule.NameWord));
    }

    // Item 10: directory text.
    [Theory]
    [InlineData("Tŷ Croeso", "ty croeso")]
    [InlineData("Ty Croeso", "ty croeso")]
    [InlineData("TY CROESO", "ty croeso")]
    [InlineData("ty  croeso!", "ty croeso")]
    [InlineData("Ty\u0302 Croeso", "ty croeso")] // already decomposed
    [InlineData("Café Núñez", "cafe nunez")]
    [InlineData("Straße", "strasse")]
    [InlineData("!!", "")]
    public void Directory_text_is_folded_for_accent_and_case_blind_search(string text, string folded)
    {
        Assert.Equal(folded, NameKey.Fold(text));
    }
}
