using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Caldicott's "justify the purpose": once the team's episodes with someone have all closed, their
/// record opens only after the user says why, and the reason is audited.
/// </summary>
public abstract class AccessPurposeTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : AccessPurposeTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : AccessPurposeTests(app);

    private async Task<Guid> PersonWithOnlyClosedEpisodesAsync()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire,
            e => e.Close(app.Data.UserId(Users.Practitioner), e.IdentifiedAt.AddMinutes(30), ClosureReason.SupportCompleted, null));
        return person.Id;
    }

    private Task<List<AuditEvent>> ViewsOfAsync(Guid personId) =>
        app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.PersonId == personId && a.Action == AuditAction.Viewed).ToListAsync());

    [Fact]
    public async Task A_closed_record_asks_why_before_it_opens_and_shows_nothing_else()
    {
        var id = await PersonWithOnlyClosedEpisodesAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);

        var page = await client.GetPageAsync($"/people/{id}");

        Assert.Equal("Why are you opening this record?", page.H1);
        Assert.Null(page.Document.QuerySelector(".nhsuk-summary-list"));
        Assert.DoesNotContain("Timeline", page.MainText);
        Assert.Empty(await ViewsOfAsync(id));
    }

    [Fact]
    public async Task Asking_without_a_reason_is_refused_with_the_error_summary()
    {
        var id = await PersonWithOnlyClosedEpisodesAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{id}")).Form();

        var none = await client.GetPageAsync($"/people/{id}?Asked=true");
        Assert.Contains(("#Purpose", "Select why you are opening this record"), none.ErrorLinks);
        Assert.StartsWith("Error: ", none.Title, StringComparison.Ordinal);

        using var otherEmpty = await form.Set("Purpose", "other").SubmitAsync(client);
        var shown = await HtmlPage.ReadAsync(otherEmpty);
        Assert.Contains(("#PurposeOther", "Enter why you are opening this record"), shown.ErrorLinks);
        Assert.Empty(await ViewsOfAsync(id));
    }

    [Fact]
    public async Task Giving_a_reason_opens_the_record_and_audits_the_reason()
    {
        var id = await PersonWithOnlyClosedEpisodesAsync();
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var form = (await client.GetPageAsync($"/people/{id}")).Form();

        using var response = await form.Set("Purpose", "other").Set("PurposeOther", "Asked by the court <b>today</b>").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(response);

        Assert.NotNull(page.Document.QuerySelector(".nhsuk-summary-list"));
        var viewed = Assert.Single(await ViewsOfAsync(id));
        Assert.Equal("Other: Asked by the court <b>today</b>", viewed.Purpose);
        Assert.Equal(app.Data.UserId(Users.SupportWorker), viewed.UserId);
    }

    [Fact]
    public async Task A_record_with_an_open_episode_opens_without_asking()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);

        var page = await client.GetPageAsync($"/people/{person.Id}");

        Assert.NotEqual("Why are you opening this record?", page.H1);
        var viewed = Assert.Single(await ViewsOfAsync(person.Id));
        Assert.Null(viewed.Purpose);
    }
}
