using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Teams;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>Views, searches and changes leave audit events with who, in what role and team; team managers can read them.</summary>
public abstract class AuditTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : AuditTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : AuditTests(app);

    private Task<List<AuditEvent>> EventsAsync(Func<AuditEvent, bool> where) =>
        app.Data.QueryAsync(async db => (await db.AuditEvents.OrderBy(a => a.Id).ToListAsync()).Where(where).ToList());

    [Fact]
    public async Task Viewing_a_person_records_who_viewed_it_in_which_role_and_team()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SupportWorker);

        await client.GetPageAsync($"/people/{person.Id}");

        var viewed = Assert.Single(await EventsAsync(a => a.PersonId == person.Id && a.Action == AuditAction.Viewed));
        Assert.Equal(("Person", person.Id.ToString()), (viewed.RecordType, viewed.RecordId));
        Assert.Equal(app.Data.UserId(Users.SupportWorker), viewed.UserId);
        Assert.Equal(Roles.SupportWorker, viewed.Role);
        Assert.Equal(app.Data.Northshire, viewed.TeamId);
        Assert.True(viewed.At > DateTimeOffset.UtcNow.AddMinutes(-5) && viewed.At <= DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task A_search_records_what_was_searched_for_and_by_whom()
    {
        var family = TestData.UniqueName("Audited");
        await app.Data.AddPersonAsync(app.Data.Northshire, "Idris", family);
        using var client = await app.SignedInAsync(Users.Practitioner2);

        var results = await client.GetPageAsync($"/people?Name={family}");
        Assert.Single(results.Document.QuerySelectorAll("main table tbody tr"));

        var searched = Assert.Single(await EventsAsync(a => a.Action == AuditAction.Searched && (a.Detail ?? "").Contains(family, StringComparison.Ordinal)));
        Assert.Equal("PersonSearch", searched.RecordType);
        Assert.Equal((app.Data.UserId(Users.Practitioner2), Roles.Practitioner, app.Data.Northshire), (searched.UserId, searched.Role, searched.TeamId));
        Assert.Contains("results=1", searched.Detail);
    }

    [Fact]
    public async Task An_edit_records_what_changed_together_with_the_change()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Cerys", TestData.UniqueName("Changed"));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/edit")).Form()
            .Set("Input.GivenName", "Ceri").Set("Input.FirstLanguage", "Welsh");

        using (var saved = await form.SubmitAsync(client)) Assert.Equal($"/people/{person.Id}", Redirects.Target(saved));

        var updated = Assert.Single(await EventsAsync(a => a.PersonId == person.Id && a.Action == AuditAction.Updated));
        Assert.Equal("Changed: GivenName, FirstLanguage", updated.Detail);
        Assert.Equal((app.Data.UserId(Users.Practitioner), Roles.Practitioner, app.Data.Northshire), (updated.UserId, updated.Role, updated.TeamId));
        var changed = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.Id == person.Id));
        Assert.Equal(("Ceri", "Welsh"), (changed.GivenName, changed.FirstLanguage));
        // Same transaction: a save refused at commit (stale version) leaves neither the change nor its event.
        using (var stale = await form.Set("Input.GivenName", "Stale").SubmitAsync(client))
            Assert.Contains("Someone else changed", (await HtmlPage.ReadAsync(stale)).ErrorSummary);
        Assert.Single(await EventsAsync(a => a.PersonId == person.Id && a.Action == AuditAction.Updated));
        Assert.Equal("Ceri", await app.Data.QueryAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.GivenName).SingleAsync()));
    }

    [Fact]
    public async Task The_team_manager_sees_who_viewed_and_changed_a_persons_record()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Owain", TestData.UniqueName("Trail"));
        using (var practitioner = await app.SignedInAsync(Users.Practitioner))
        {
            await practitioner.GetPageAsync($"/people/{person.Id}");
            var form = (await practitioner.GetPageAsync($"/people/{person.Id}/edit")).Form().Set("Input.Gender", "Man");
            using var saved = await form.SubmitAsync(practitioner);
            Assert.Equal($"/people/{person.Id}", Redirects.Target(saved));
        }
        using var manager = await app.SignedInAsync(Users.TeamManager);

        var trail = await manager.GetPageAsync($"/audit/people/{person.Id}");

        var rows = trail.Document.QuerySelectorAll("main table tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => HtmlPage.Collapse(td.TextContent)).ToArray()).ToList();
        Assert.Contains(rows, r => r[1] == "Alex Morgan (Practitioner)" && r[2] == "Viewed" && r[3] == "Person" && r[4].Contains("Viewed record", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[1] == "Alex Morgan (Practitioner)" && r[2] == "Viewed" && r[4].Contains("Opened to change details", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[1] == "Alex Morgan (Practitioner)" && r[2] == "Updated" && r[4] == "Changed: Gender");
        // Newest first: the manager opening this trail (itself audited), then the edit.
        Assert.Equal(("Pat Hughes (TeamManager)", "Viewed", "PersonAuditTrail"), (rows[0][1], rows[0][2], rows[0][3]));
        Assert.Equal("Updated", rows[1][2]);
        Assert.Single(await EventsAsync(a => a.PersonId == person.Id && a.RecordType == "PersonAuditTrail" && a.UserId == app.Data.UserId(Users.TeamManager)));

        var userTrail = await manager.GetPageAsync($"/audit/users/{app.Data.UserId(Users.Practitioner)}");
        Assert.Equal("Alex Morgan", userTrail.H1);
        var userRows = userTrail.Document.QuerySelectorAll("main table tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => HtmlPage.Collapse(td.TextContent)).ToArray()).ToList();
        Assert.Contains(userRows, r => r[2] == "Updated" && r[3] == "Person" && r[4] == "Changed: Gender");
        Assert.All(userRows, r => Assert.Equal("Alex Morgan (Practitioner)", r[1]));
    }
}
