using Waymark.Core.Tests.Support;
using Waymark.People;
using Waymark.Teams;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

public abstract class PersonSearchTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    /// <summary>Saves the people in a new team of their own and returns a search acting for that team.</summary>
    private async Task<Func<PersonSearchCriteria, int, Task<Page<PersonSummary>>>> TeamWithAsync(params PersonBuilder[] people)
    {
        var team = await NewTeamAsync();
        await SaveAsync(people.Select(p => (object)p.KnownTo(team).Build()).ToArray());
        return async (criteria, page) =>
        {
            await using var db = As(PractitionerIn(team));
            return await new PersonSearch(db).SearchAsync(criteria, page, pageSize: 25);
        };
    }

    private static PersonSearchCriteria Name(string name) => new(name, null, null, null);

    private static IEnumerable<string> Names(Page<PersonSummary> page) => page.Items.Select(p => $"{p.GivenName} {p.FamilyName}");

    [Theory]
    [InlineData("smi")]
    [InlineData("Smith")]
    [InlineData("jo")]
    [InlineData("JOHN")]
    public async Task A_name_prefix_finds_the_person_by_given_or_family_name(string typed)
    {
        var search = await TeamWithAsync(APerson().Named("John", "Smith"), APerson().Named("Priya", "Patel"));
        Assert.Equal(["John Smith"], Names(await search(Name(typed), 1)));
    }

    [Theory]
    [InlineData("zoe")]
    [InlineData("ZOË")]
    [InlineData("zoe obrien")]
    [InlineData("O'Brien")]
    [InlineData("OBRIEN")]
    public async Task Search_ignores_case_accents_and_punctuation(string typed)
    {
        var search = await TeamWithAsync(APerson().Named("Zoë", "O'Brien-Núñez"), APerson().Named("Zara", "Ahmed"));
        Assert.Equal(["Zoë O'Brien-Núñez"], Names(await search(Name(typed), 1)));
    }

    [Fact]
    public async Task Strauss_finds_a_name_spelt_with_eszett()
    {
        var search = await TeamWithAsync(APerson().Named("Lena", "Strauß"));
        Assert.Single((await search(Name("strauss"), 1)).Items);
    }

    [Theory]
    [InlineData("jon smith")]
    [InlineData("smith jon")]
    [InlineData("Smith, Jon")]
    [InlineData("j smi")]
    public async Task Two_terms_find_given_and_family_name_in_either_order(string typed)
    {
        var search = await TeamWithAsync(APerson().Named("Jon", "Smith"), APerson().Named("Jon", "Jones"), APerson().Named("Sarah", "Smith"));
        Assert.Equal(["Jon Smith"], Names(await search(Name(typed), 1)));
    }

    [Theory]
    [InlineData("blaze")]
    [InlineData("johnny blaze")]
    [InlineData("blaze johnny")]
    public async Task An_alias_finds_the_person(string typed)
    {
        var search = await TeamWithAsync(APerson().Named("John", "Smith").AlsoKnownAs("Johnny", "Blaze"), APerson().Named("Jane", "Doe"));
        Assert.Equal(["John Smith"], Names(await search(Name(typed), 1)));
    }

    [Fact]
    public async Task A_date_of_birth_finds_people_born_that_day_including_dates_they_gave_before()
    {
        var search = await TeamWithAsync(
            APerson().Named("Ann", "Born").BornOn(1985, 3, 12),
            APerson().Named("Ben", "Gave").BornOn(1986, 1, 1).AlsoGaveDateOfBirth(1985, 3, 12),
            APerson().Named("Cal", "Other").BornOn(1985, 12, 3));

        var page = await search(new PersonSearchCriteria(null, new DateOnly(1985, 3, 12), null, null), 1);

        Assert.Equal(["Ann Born", "Ben Gave"], Names(page).Order());
    }

    [Fact]
    public async Task Name_and_date_of_birth_together_must_both_match()
    {
        var search = await TeamWithAsync(APerson().Named("John", "Smith").BornOn(1985, 3, 12), APerson().Named("John", "Smith").BornOn(1990, 1, 1));
        var page = await search(new PersonSearchCriteria("john smith", new DateOnly(1985, 3, 12), null, null), 1);
        Assert.Equal(new DateOnly(1985, 3, 12), Assert.Single(page.Items).DateOfBirth);
    }

    [Theory]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData("9434765919")]
    public async Task An_NHS_number_finds_the_person_however_it_is_spaced(string typed)
    {
        var search = await TeamWithAsync(APerson().Named("Nia", "Evans").WithNhsNumber("9434765919"), APerson().Named("Other", "Person").WithNhsNumber("4010232137"));
        Assert.Equal(["Nia Evans"], Names(await search(new PersonSearchCriteria(null, null, typed, null), 1)));
    }

    [Theory]
    [InlineData("2001/23p")]
    [InlineData("2001/0000023p")]
    [InlineData("2001/0000023P")]
    public async Task A_PNC_ID_finds_the_person_in_lower_case_or_with_a_short_serial(string typed)
    {
        var search = await TeamWithAsync(APerson().Named("Pat", "Kerr").WithPncId("2001/0000023P"), APerson().Named("Other", "Person").WithPncId("2001/1234567K"));
        Assert.Equal(["Pat Kerr"], Names(await search(new PersonSearchCriteria(null, null, null, typed), 1)));
    }

    [Fact]
    public async Task Results_are_paged_in_name_order_with_a_next_page_when_there_are_more()
    {
        var people = Enumerable.Range(1, 30).Select(i => APerson().Named($"Given{i:D2}", "Pager")).ToArray();
        var search = await TeamWithAsync(people);

        var first = await search(Name("pager"), 1);
        var second = await search(Name("pager"), 2);

        Assert.Equal(25, first.Items.Count);
        Assert.True(first.HasNext);
        Assert.False(first.HasPrevious);
        Assert.Equal(5, second.Items.Count);
        Assert.False(second.HasNext);
        Assert.True(second.HasPrevious);
        var all = first.Items.Concat(second.Items).Select(p => p.GivenName).ToList();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"Given{i:D2}"), all); // every person once, in order
    }

    [Fact]
    public async Task A_page_of_exactly_the_page_size_has_no_next_page()
    {
        var search = await TeamWithAsync(Enumerable.Range(1, 25).Select(i => APerson().Named($"G{i}", "Exact")).ToArray());
        var page = await search(Name("exact"), 1);
        Assert.Equal(25, page.Items.Count);
        Assert.False(page.HasNext);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("'-, .")]
    public async Task Criteria_with_nothing_searchable_are_empty(string typed)
    {
        Assert.True(new PersonSearchCriteria(typed, null, " ", null).IsEmpty);
        Assert.False(new PersonSearchCriteria(typed, new DateOnly(1985, 3, 12), null, null).IsEmpty);
        // With nothing to search on, a team's search is still only ever its own people.
        var search = await TeamWithAsync(APerson().Named("Only", "Mine"));
        Assert.Equal(["Only Mine"], Names(await search(Name(typed), 1)));
    }

    [Theory]
    [InlineData("12345", null)]        // not an NHS number
    [InlineData("9434765919x", null)]
    [InlineData(null, "not a pnc")]
    [InlineData(null, "01/23P")]
    public async Task A_malformed_NHS_number_or_PNC_ID_finds_nobody_rather_than_everybody(string? nhs, string? pnc)
    {
        var search = await TeamWithAsync(APerson().Named("Nia", "Evans").WithNhsNumber("9434765919").WithPncId("2001/0000023P"));
        Assert.Empty((await search(new PersonSearchCriteria(null, null, nhs, pnc), 1)).Items);
    }

    [Fact]
    public async Task A_name_nobody_has_finds_nobody()
    {
        var search = await TeamWithAsync(APerson().Named("John", "Smith"));
        Assert.Empty((await search(Name("xylophone"), 1)).Items);
        Assert.Empty((await search(Name("smithson"), 1)).Items); // a longer term is not a prefix of Smith
    }

    // Issue 11, item 3: multi-word surnames and particles, found as typed, with or without accents and particles.
    [Theory]
    [InlineData("Aoife", "Ní Bhriain", "Ní Bhriain")]
    [InlineData("Aoife", "Ní Bhriain", "Ni Bhriain")]
    [InlineData("Aoife", "Ní Bhriain", "Bhriain")]
    [InlineData("Aoife", "Ní Bhriain", "NiBhriain")]
    [InlineData("Aoife", "Ní Bhriain", "Aoife Ní Bhriain")]
    [InlineData("Aoife", "Ní Bhriain", "bhriain aoife")]
    [InlineData("Rhys", "ap Gruffydd", "Gruffydd")]
    [InlineData("Rhys", "ap Gruffydd", "Rhys ap Gruffydd")]
    [InlineData("Gwen", "ab Owain", "Owain")]
    [InlineData("Catrin", "verch Hywel", "Hywel")]
    [InlineData("Seán", "Ó Súilleabháin", "O Suilleabhain")]
    [InlineData("Seán", "Ó Súilleabháin", "Súilleabháin")]
    [InlineData("Siobhán", "Nic Dhomhnaill", "Dhomhnaill")]
    [InlineData("Ewan", "MacGregor", "Mac Gregor")]
    [InlineData("Ewan", "MacGregor", "MacGregor")]
    [InlineData("Ewan", "McDonald", "Mc Donald")]
    [InlineData("Ewan", "Mac an tSaoir", "tSaoir")]
    [InlineData("Daan", "van der Berg", "Berg")]
    [InlineData("Daan", "van der Berg", "van der Berg")]
    [InlineData("Daan", "van der Berg", "Vanderberg")]
    [InlineData("Femke", "de Vries", "Vries")]
    [InlineData("Omar", "al-Hassan", "Hassan")]
    [InlineData("Omar", "al-Hassan", "Al Hassan")]
    [InlineData("Omar", "al-Hassan", "el-Hassan")]
    [InlineData("Omar", "al-Hassan", "Alhassan")]
    [InlineData("Khalid", "bin Zayed", "Zayed")]
    [InlineData("Ali", "ibn Rashid", "Rashid")]
    [InlineData("Mariam", "bint Yusuf", "Yusuf")]
    [InlineData("Karim", "Abu Bakr", "Bakr")]
    [InlineData("Gabriel", "García Márquez", "Márquez")]
    [InlineData("Gabriel", "García Márquez", "Marquez")]
    [InlineData("Gabriel", "García Márquez", "Garcia Marquez")]
    [InlineData("Gabriel", "García Márquez", "Gabriel Garcia")]
    [InlineData("Anna", "Smith-Jones", "Jones")]
    [InlineData("Anna", "Smith-Jones", "Smith Jones")]
    [InlineData("Anna", "Smith-Jones", "Smith-Jones")]
    [InlineData("Anna", "Smith-Jones", "SmithJones")]
    [InlineData("Mary Ann", "O'Neill", "Ann Neill")]
    public async Task Every_word_of_a_name_is_found_with_or_without_particles_and_accents(string given, string family, string typed)
    {
        var search = await TeamWithAsync(APerson().Named(given, family), APerson().Named("Priya", "Patel"));
        var found = Assert.Single((await search(Name(typed), 1)).Items);
        Assert.Equal((given, family), (found.GivenName, found.FamilyName));
        Assert.False(found.SimilarName); // found by what was typed, not by a forgiving comparison
    }

    [Fact]
    public async Task A_typed_particle_that_is_also_a_first_name_puts_people_with_it_first()
    {
        // "Ben" is an Arabic particle (Ben Ali) and a first name: everyone called Smith is found, Ben Smith first.
        var search = await TeamWithAsync(APerson().Named("Aaron", "Smith"), APerson().Named("Ben", "Smith"), APerson().Named("Cara", "Smith"));
        var page = await search(Name("Ben Smith"), 1);
        Assert.Equal(["Ben Smith", "Aaron Smith", "Cara Smith"], Names(page));
        Assert.All(page.Items, p => Assert.False(p.SimilarName));
    }

    [Fact]
    public async Task A_word_that_is_not_in_the_name_still_finds_nobody()
    {
        var search = await TeamWithAsync(APerson().Named("Aoife", "Ní Bhriain"));
        Assert.Empty((await search(Name("Aoife Murphy"), 1)).Items);
        Assert.Empty((await search(Name("Bhriainx"), 1)).Items);
    }

    // Issue 11, item 9: Find a person forgives typing as the identification look-up does; exact matches come first.
    [Theory]
    [InlineData("John Smith", "Jon", "Smyth")]   // sounds alike, both names
    [InlineData("Smith John", "Jon", "Smyth")]   // and swapped
    [InlineData("Bill Smith", "William", "Smith")] // nickname
    [InlineData("Katie Smyth", "Catherine", "Smith")] // nickname and sound-alike
    [InlineData("Smyth", "John", "Smith")]       // one word
    public async Task Similar_names_are_found_after_exact_ones_and_marked(string typed, string given, string family)
    {
        var search = await TeamWithAsync(APerson().Named(given, family), APerson().Named("Priya", "Patel"));
        var found = Assert.Single((await search(Name(typed), 1)).Items);
        Assert.Equal((given, family), (found.GivenName, found.FamilyName));
        Assert.True(found.SimilarName);
    }

    [Fact]
    public async Task Exact_matches_come_before_similar_ones_on_every_page()
    {
        var people = Enumerable.Range(1, 20).Select(i => APerson().Named($"Jon{i:D2}", "Smyth"))
            .Append(APerson().Named("Zed", "Smith")).Append(APerson().Named("Aaron", "Smith")).ToArray();
        var search = await TeamWithAsync(people);

        var first = await search(Name("Smith"), 1);

        Assert.Equal(["Aaron Smith", "Zed Smith"], Names(first).Take(2));
        Assert.All(first.Items.Skip(2), p => Assert.True(p.SimilarName));
        Assert.Equal(22, first.Items.Count);
    }

    [Fact]
    public async Task People_saved_before_name_words_were_stored_are_keyed_at_start_up()
    {
        var search = await TeamWithAsync(APerson().Named("Aoife", "Ní Bhriain"));
        await using (var db = AsSystem())
        {
            db.PersonMatchKeys.RemoveRange(db.PersonMatchKeys.Where(k => k.Rule == Waymark.Matching.BlockingRule.NameWord || k.Rule == Waymark.Matching.BlockingRule.NameSound));
            await db.SaveChangesAsync();
        }
        Assert.Empty((await search(Name("Bhriain"), 1)).Items);

        await using (var db = AsSystem()) await Waymark.Persistence.DatabaseSetup.MigrateAsync(db);

        Assert.Single((await search(Name("Bhriain"), 1)).Items);
    }

    // Issue 11, item 4: a person known by one name (recorded as the family name, as NHS PDS does).
    [Fact]
    public async Task A_person_known_by_one_name_is_found_by_it()
    {
        var search = await TeamWithAsync(APerson().Named("", "Madonna"), APerson().Named("Priya", "Patel"));
        var found = Assert.Single((await search(Name("madonna"), 1)).Items);
        Assert.Equal("Madonna", found.FullName);
        Assert.Equal("Madonna", found.SortName);
    }

    [Fact]
    public async Task Search_never_returns_another_teams_people_with_the_same_name()
    {
        var other = await NewTeamAsync();
        await SaveAsync(APerson().Named("Sam", "Twin").KnownTo(other).Build());
        var search = await TeamWithAsync(APerson().Named("Sam", "Twin"));

        var page = await search(Name("sam twin"), 1);

        Assert.Single(page.Items);
    }
}

public sealed class PersonSearchTestsOnSqlite(SqliteTestDatabase db) : PersonSearchTests<SqliteTestDatabase>(db);

public sealed class PersonSearchTestsOnPostgres(PostgresTestDatabase db) : PersonSearchTests<PostgresTestDatabase>(db);
