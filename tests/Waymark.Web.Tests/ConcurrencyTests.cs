using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>Two people change the same record from pages loaded at the same time: the second is told, and the first's change stays.</summary>
public abstract class ConcurrencyTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : ConcurrencyTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : ConcurrencyTests(app);

    [Fact]
    public async Task Second_save_of_a_persons_details_from_a_stale_page_is_refused_with_a_message_and_the_first_change_stays()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Gwen", TestData.UniqueName("Both"));
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.Practitioner2);
        var firstForm = (await first.GetPageAsync($"/people/{person.Id}/edit")).Form();
        var secondForm = (await second.GetPageAsync($"/people/{person.Id}/edit")).Form();

        using (var saved = await firstForm.Set("Input.PreferredName", "Gwenny").SubmitAsync(first))
            Assert.Equal($"/people/{person.Id}", Redirects.Target(saved));
        using var refused = await secondForm.Set("Input.Phone", "07700 900123").SubmitAsync(second);

        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Someone else changed this person's details while you were editing", page.ErrorSummary);
        Assert.Equal("07700 900123", page.FieldValue("Input_Phone")); // what they typed is still there to re-enter
        var (saved2, updates) = await app.Data.QueryAsync(async db => (
            await db.People.SingleAsync(p => p.Id == person.Id),
            await db.AuditEvents.Where(a => a.PersonId == person.Id && a.Action == AuditAction.Updated).Select(a => a.UserId).ToListAsync()));
        Assert.Equal("Gwenny", saved2.PreferredName);
        Assert.Null(saved2.Phone);
        Assert.Equal([app.Data.UserId(Users.Practitioner)], updates); // the refused save left no audit event either

        // Reloading gives the current version, and saving then works.
        var fresh = (await second.GetPageAsync($"/people/{person.Id}/edit")).Form();
        Assert.Equal("Gwenny", fresh["Input.PreferredName"]);
        using (var retried = await fresh.Set("Input.Phone", "07700 900123").SubmitAsync(second))
            Assert.Equal($"/people/{person.Id}", Redirects.Target(retried));
        var final = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.Id == person.Id));
        Assert.Equal(("Gwenny", "07700 900123"), (final.PreferredName, final.Phone));
    }

    [Fact]
    public async Task Closing_an_episode_from_a_stale_page_after_a_milestone_was_recorded_is_refused()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.TeamManager);
        var firstPage = await first.GetPageAsync($"/episodes/{episode.Id}");
        var secondPage = await second.GetPageAsync($"/episodes/{episode.Id}");

        var screen = firstPage.Form("form[action$='handler=Milestone']:has(input[name=Milestone][value=SupportStarted])");
        using (var recorded = await screen.SubmitAsync(first)) Assert.Equal($"/episodes/{episode.Id}", Redirects.Target(recorded));
        var close = secondPage.Form("form[action$='handler=Close']").Set("Reason", nameof(ClosureReason.DeclinedByPerson)).Set("Note", "Declined at the desk");
        using var refused = await close.SubmitAsync(second);

        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Someone else changed this episode while you were looking at it", page.ErrorSummary);
        var saved = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.Id == episode.Id));
        Assert.NotNull(saved.SupportStartedAt);
        Assert.Equal(app.Data.UserId(Users.Practitioner), saved.SupportStartedByUserId);
        Assert.Null(saved.ClosedAt);
        Assert.Equal(EpisodeStatus.InSupport, saved.Status);
    }

    [Fact]
    public async Task Recording_the_same_milestone_twice_from_two_stale_pages_records_it_once()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.SupportWorker);
        const string selector = "form[action$='handler=Milestone']:has(input[name=Milestone][value=SupportStarted])";
        var firstForm = (await first.GetPageAsync($"/episodes/{episode.Id}")).Form(selector);
        var secondForm = (await second.GetPageAsync($"/episodes/{episode.Id}")).Form(selector);

        using (var recorded = await firstForm.SubmitAsync(first)) Assert.Equal($"/episodes/{episode.Id}", Redirects.Target(recorded));
        using var refused = await secondForm.SubmitAsync(second);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.NotNull(page.ErrorSummary);
        Assert.Contains("Support has already started", page.ErrorSummary);
        var saved = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.Id == episode.Id));
        Assert.Equal(app.Data.UserId(Users.Practitioner), saved.SupportStartedByUserId);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.AuditEvents.CountAsync(a => a.RecordId == episode.Id.ToString() && a.Action == AuditAction.Updated)));
    }
}
