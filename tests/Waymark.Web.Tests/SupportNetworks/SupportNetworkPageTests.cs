using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Contacts;
using Waymark.SupportNetworks;
using Waymark.Web.Tests.DropIns;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.SupportNetworks;

/// <summary>A person's support network through the pages, and contacts with its members on the contact form.</summary>
public abstract class SupportNetworkPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : SupportNetworkPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : SupportNetworkPageTests(app);

    private string Practitioner => app.Data.UserId(Users.Practitioner);

    [Fact]
    public async Task Adding_someone_refuses_bad_input_keeping_it_then_shows_them_with_consent_and_do_not_contact_in_red_with_the_reason()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var form = (await client.GetPageAsync($"/people/{person.Id}/support-network/add")).Form("main form")
            .Set("Name", "").Set("Relationship", "Other").Set("Phone", "ring me").Set("Email", "dad at home").SetAll("DoNotContact", "true").Set("Notes", "Kept notes");
        using var refused = await form.SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Error: ", page.Title);
        foreach (var message in new[] { "Enter their name", "Enter how they are related", "Enter a phone number", "Enter an email address in the correct format", "Select yes if the person agrees", "Enter why the team must not contact them" })
            Assert.Contains(message, page.ErrorSummary!);
        var kept = page.Form("main form");
        Assert.Equal(("ring me", "dad at home", "Kept notes", "true"), (kept["Phone"], kept["Email"], kept["Notes"], kept["DoNotContact"]));

        using var added = await kept.Set("Name", "Idris Testfather").Set("Relationship", "Parent").Set("Phone", "01632 960 002").Set("Email", "")
            .Set("ConsentToContact", "no").Set("DoNotContactReason", "Threatened the person").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var list = await client.FollowAsync(added);
        Assert.Equal("Support network", list.H1);
        var red = list.Document.QuerySelector(".nhsuk-tag--red")!;
        Assert.Equal("Do not contact", red.TextContent.Trim());
        Assert.Contains("Threatened the person", red.ParentElement!.TextContent);
        Assert.Contains("No consent to contact", list.MainText);
        var person1 = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Contains("Threatened the person", person1.MainText);
        var stored = await app.Data.QueryAsync(db => db.Set<SupportNetworkMember>().SingleAsync(m => m.PersonId == person.Id));
        Assert.Equal((app.Data.UserId(Users.SupportWorker), false), (stored.ConsentRecordedByUserId, stored.ConsentToContact));
    }

    [Fact]
    public async Task The_contact_form_refuses_a_do_not_contact_member_with_the_reason_and_another_persons_member_and_records_a_contact_with_a_member()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var (other, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var mother = await app.Data.AddMemberAsync(person.Id, app.Data.Northshire, Practitioner, "Maya Testmother");
        var father = await app.Data.AddMemberAsync(person.Id, app.Data.Northshire, Practitioner, "Idris Testfather", doNotContact: "Threatened the person");
        var theirs = await app.Data.AddMemberAsync(other.Id, app.Data.Northshire, Practitioner, "Someone Else");
        using var client = await app.SignedInAsync(Users.Practitioner);

        var network = await client.GetPageAsync($"/people/{person.Id}/support-network");
        Assert.Contains($"/people/{person.Id}/contacts/new?member={mother.Id}", network.Links("main a"));
        Assert.DoesNotContain($"/people/{person.Id}/contacts/new?member={father.Id}", network.Links("main a"));
        var prefilled = await client.GetPageAsync($"/people/{person.Id}/contacts/new?member={mother.Id}");
        var form = prefilled.Form("main form");
        Assert.Equal((mother.Id.ToString(), "WithFamily"), (form["Member"], form["Kind"]));

        HtmlForm With(Guid member) => prefilled.Form("main form").Set("Reached", "yes").Set("Note", "Spoke about the weekend").Set("Member", member.ToString());
        var dnc = await HtmlPage.ReadAsync(await With(father.Id).SubmitAsync(client));
        Assert.Contains("Idris Testfather must not be contacted: Threatened the person", dnc.ErrorSummary!);
        var wrong = await HtmlPage.ReadAsync(await With(theirs.Id).SubmitAsync(client));
        Assert.Contains("Select someone from the person's support network", wrong.ErrorSummary!);
        var dropInKind = await HtmlPage.ReadAsync(await With(mother.Id).Set("Kind", "DropIn").SubmitAsync(client));
        Assert.Contains(ContactInput.NotRecordableKind, dropInKind.ErrorSummary!);
        Assert.Empty(await app.Data.QueryAsync(db => db.Set<Contact>().Where(c => c.PersonId == person.Id).ToListAsync()));

        using var saved = await With(mother.Id).SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var timeline = await client.FollowAsync(saved);
        Assert.Contains("With Maya Testmother (Parent)", timeline.MainText);
    }

    [Fact]
    public async Task Consent_to_contact_together_with_do_not_contact_is_refused_on_adding_and_changing()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var member = await app.Data.AddMemberAsync(person.Id, app.Data.Northshire, Practitioner);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var add = (await client.GetPageAsync($"/people/{person.Id}/support-network/add")).Form("main form")
            .Set("Name", "Gary Demo-Ex").Set("Relationship", "Partner").Set("ConsentToContact", "yes").SetAll("DoNotContact", "true").Set("DoNotContactReason", "Ex-partner");
        using (var refused = await add.SubmitAsync(client))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(SupportNetworkInput.ConsentWithDoNotContact, (await HtmlPage.ReadAsync(refused)).ErrorSummary!);
        }
        var change = (await client.GetPageAsync($"/support-network/{member.Id}/change")).Form("main form")
            .Set("ConsentToContact", "yes").SetAll("DoNotContact", "true").Set("DoNotContactReason", "Threatened the person");
        using (var refused = await change.SubmitAsync(client))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(SupportNetworkInput.ConsentWithDoNotContact, (await HtmlPage.ReadAsync(refused)).ErrorSummary!);
        }
        var stored = await app.Data.QueryAsync(db => db.Set<SupportNetworkMember>().Where(m => m.PersonId == person.Id).ToListAsync());
        Assert.Equal((1, false), (stored.Count, stored[0].DoNotContact));
        using var saved = await change.Set("ConsentToContact", "no").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task Two_editors_the_second_is_told_and_nothing_of_theirs_is_saved_and_removing_keeps_the_member()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var member = await app.Data.AddMemberAsync(person.Id, app.Data.Northshire, Practitioner);
        using var one = await app.SignedInAsync(Users.Practitioner);
        using var two = await app.SignedInAsync(Users.SupportWorker);
        var first = (await one.GetPageAsync($"/support-network/{member.Id}/change")).Form("main form");
        var second = (await two.GetPageAsync($"/support-network/{member.Id}/change")).Form("main form");
        using (var saved = await first.Set("Name", "Maya Renamed").SubmitAsync(one)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var conflict = await HtmlPage.ReadAsync(await second.Set("Name", "Maya Other").SubmitAsync(two));
        Assert.Contains("Someone else changed this member", conflict.ErrorSummary!);
        Assert.Equal("Maya Renamed", (await app.Data.QueryAsync(db => db.Set<SupportNetworkMember>().SingleAsync(m => m.Id == member.Id))).Name);

        var remove = (await one.GetPageAsync($"/support-network/{member.Id}/remove")).Form("main form");
        var noReason = await HtmlPage.ReadAsync(await remove.SubmitAsync(one));
        Assert.Contains("Enter why they are being removed", noReason.ErrorSummary!);
        using (var removed = await remove.Set("Reason", "Moved abroad").SubmitAsync(one)) Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var list = await one.GetPageAsync($"/people/{person.Id}/support-network");
        Assert.Contains("Nobody recorded", list.MainText);
        var all = await one.GetPageAsync($"/people/{person.Id}/support-network?removed=yes");
        Assert.Contains("Moved abroad", all.MainText);
    }

    [Fact]
    public async Task Another_teams_users_get_not_found()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var member = await app.Data.AddMemberAsync(person.Id, app.Data.Northshire, Practitioner);
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        foreach (var url in new[] { $"/people/{person.Id}/support-network", $"/people/{person.Id}/support-network/add", $"/support-network/{member.Id}/change", $"/support-network/{member.Id}/remove" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }
}
