using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Issue 11, items 3, 4, 9 and 10: names as people give them. Find a person finds every word of a name with or
/// without particles and accents, forgives typing (similar names after exact ones, labelled), a person known by
/// one name can be recorded and shown, and directory search ignores accents.
/// </summary>
public abstract class NamesTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : NamesTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : NamesTests(app);

    private static string Search(string name) => "/people?Name=" + Uri.EscapeDataString(name);

    private static AngleSharp.Dom.IElement? Row(HtmlPage page, string results, Guid personId) =>
        page.Document.QuerySelectorAll($"table[data-results={results}] a").FirstOrDefault(a => a.GetAttribute("href") == $"/people/{personId}");

    [Theory]
    [InlineData("Aoife", "Ní Bhriain", "Ní Bhriain")]
    [InlineData("Aoife", "Ní Bhriain", "Ni Bhriain")]
    [InlineData("Aoife", "Ní Bhriain", "Bhriain")]
    [InlineData("Aoife", "Ní Bhriain", "NiBhriain")]
    [InlineData("Aoife", "Ní Bhriain", "Aoife Ní Bhriain")]
    [InlineData("Aoife", "Ní Bhriain", "aoife ni bhriain")]
    [InlineData("Rhodri", "ap Gruffydd", "Gruffydd")]
    [InlineData("Rhodri", "ap Gruffydd", "Rhodri ap Gruffydd")]
    [InlineData("Pádraig", "Ó Súilleabháin", "O Suilleabhain")]
    [InlineData("Ruairidh", "MacGillEathain", "Mac Gill Eathain")]
    [InlineData("Daan", "van der Vlugt", "Vlugt")]
    [InlineData("Daan", "van der Vlugt", "van der vlugt")]
    [InlineData("Yasmin", "al-Khouri", "Khouri")]
    [InlineData("Yasmin", "al-Khouri", "El Khouri")]
    [InlineData("Khalid", "bin Rashidi", "Rashidi")]
    [InlineData("Gabriel", "García Márquez", "Garcia Marquez")]
    [InlineData("Gabriel", "García Márquez", "Márquez García")]
    [InlineData("Anwen", "Prydderch-Vaughan", "Vaughan Prydderch")]
    [InlineData("Anwen", "Prydderch-Vaughan", "PrydderchVaughan")]
    public async Task Find_a_person_finds_every_word_of_a_name_with_or_without_particles_and_accents(string given, string family, string typed)
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, given, family);
        using var client = await app.SignedInAsync(Users.Practitioner);

        var page = await client.GetPageAsync(Search(typed));

        var link = Row(page, "exact", person.Id);
        Assert.NotNull(link);
        Assert.Equal($"{family}, {given}", link.TextContent.Trim());
        PageChecks.AssertWellFormed(page);
    }

    [Fact]
    public async Task The_name_hint_says_what_the_search_does()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync("/people");
        Assert.DoesNotContain("part of one", page.MainText); // only the start of a word is searched (an index range)
        Assert.Contains("the start of one, in any order", page.MainText);
    }

    [Theory]
    [InlineData("John Smith", "Jon", "Smyth")]
    [InlineData("Smith John", "Jon", "Smyth")]
    [InlineData("Bill Smith", "William", "Smith")]
    [InlineData("Katie Smyth", "Catherine", "Smith")]
    public async Task Find_a_person_forgives_typing_like_the_identification_look_up(string typed, string given, string family)
    {
        // A date of birth of their own keeps the demo's many Smiths out of the way.
        var dob = new DateOnly(1931, 1, 1).AddDays(Random.Shared.Next(20_000));
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, given, family, dob);
        using var client = await app.SignedInAsync(Users.Practitioner);

        var page = await client.GetPageAsync(Search(typed) + $"&Dob.Day={dob.Day}&Dob.Month={dob.Month}&Dob.Year={dob.Year}");

        var link = Row(page, "similar", person.Id);
        Assert.NotNull(link);
        Assert.Contains("Similar name", link.ParentElement!.TextContent);
        Assert.Contains("Similar names", page.MainText);
        PageChecks.AssertWellFormed(page);
    }

    [Fact]
    public async Task Exact_matches_come_first_then_similar_names_labelled()
    {
        var family = TestData.UniqueName("Quist");
        var exact = await app.Data.AddPersonAsync(app.Data.Northshire, "John", family);
        var similar = await app.Data.AddPersonAsync(app.Data.Northshire, "Jon", family);
        using var client = await app.SignedInAsync(Users.Practitioner);

        var page = await client.GetPageAsync(Search($"John {family}"));

        Assert.NotNull(Row(page, "exact", exact.Id));
        Assert.Null(Row(page, "exact", similar.Id));
        Assert.NotNull(Row(page, "similar", similar.Id));
        var tables = page.Document.QuerySelectorAll("table[data-results]").Select(t => t.GetAttribute("data-results")).ToList();
        Assert.Equal(["exact", "similar"], tables);
    }

    [Fact]
    public async Task A_person_known_by_one_name_is_recorded_at_identification_and_shown_without_stray_spaces()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        var name = TestData.UniqueName("Kahurangi");

        var id = await journey.RecordNewPersonAsync(new PersonAnswers("", name, new DateOnly(1990, 4, 4)));

        var stored = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.Id == id));
        Assert.Equal(("", name), (stored.GivenName, stored.FamilyName));
        var details = await client.GetPageAsync($"/people/{id}");
        Assert.Equal(name, details.H1);
        Assert.DoesNotContain("null", details.MainText);
        var found = await client.GetPageAsync(Search(name));
        Assert.Equal(name, Row(found, "exact", id)?.TextContent.Trim()); // not "Name, "
    }

    [Fact]
    public async Task Identification_still_needs_a_last_name_and_says_how_to_record_one_name()
    {
        using var client = await app.SignedInAsync(Users.Practitioner);
        var journey = new IdentificationJourney(client);
        await journey.StartAsync();
        using (var r = await journey.SubmitSettingAsync()) await journey.ExpectRedirectAsync(r, "reason");
        using (var r = await journey.SubmitReasonAsync()) await journey.ExpectRedirectAsync(r, "person");

        using var refused = await journey.SubmitPersonAsync(new PersonAnswers("Dave", ""));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Contains("If they are known by one name only, enter it here and leave first name blank", page.ErrorSummary);
        Assert.DoesNotContain("Enter their first name", page.ErrorSummary);
    }

    [Fact]
    public async Task The_person_edit_page_saves_a_person_known_by_one_name()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Kai", TestData.UniqueName("Onename"));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form().Set("Input.GivenName", "").Set("Input.Aliases", "Kai");

        using (var saved = await form.SubmitAsync(client)) Assert.Equal($"/people/{person.Id}", Redirects.Target(saved));

        var stored = await app.Data.QueryAsync(db => db.People.Include(p => p.Aliases).SingleAsync(p => p.Id == person.Id));
        Assert.Equal("", stored.GivenName);
        Assert.Equal(("", "Kai"), (Assert.Single(stored.Aliases).GivenName, stored.Aliases[0].FamilyName));
        var details = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Equal(person.FamilyName, details.H1);
    }

    [Theory]
    [InlineData("Ty Croeso")]
    [InlineData("ty croeso")]
    [InlineData("TY CROESO")]
    [InlineData("Tŷ Croeso")]
    public async Task Directory_search_ignores_accents_and_case(string typed)
    {
        var service = await app.Data.AddServiceAsync(app.Data.Northshire, TestData.UniqueName("Tŷ Croeso "));
        using var client = await app.SignedInAsync(Users.Practitioner);

        var page = await client.GetPageAsync("/directory?Text=" + Uri.EscapeDataString(typed));

        Assert.Contains(page.Document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/directory/services/{service.Id}");
    }

    [Fact]
    public async Task Directory_search_finds_an_organisation_by_its_name_without_accents()
    {
        var service = await app.Data.AddServiceAsync(app.Data.Northshire);
        var org = await app.Data.QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == service.OrganisationId));
        var renamed = TestData.UniqueName("Cymdeithas Tai Gŵyr ");
        await app.Data.ChangeAsync(async db => (await db.Organisations.SingleAsync(o => o.Id == org.Id)).Name = renamed);
        using var client = await app.SignedInAsync(Users.Practitioner);

        var page = await client.GetPageAsync("/directory?Text=" + Uri.EscapeDataString(renamed.Replace("ŵ", "w", StringComparison.Ordinal).ToUpperInvariant()));

        Assert.Contains(page.Document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/directory/services/{service.Id}");
    }
}
