using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Teams;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.LongTermAttention;

/// <summary>
/// People who need long-term attention through the page: nothing shown (and nothing audited) until a purpose is given;
/// the view audited with the purpose; only the manager's own team; the order; who may not open it.
/// </summary>
public abstract class LongTermAttentionPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : LongTermAttentionPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : LongTermAttentionPageTests(app);

    private async Task<Guid> PersonWithEpisodesAsync(Guid team, string given, int episodes)
    {
        var person = await app.Data.AddPersonAsync(team, given, TestData.UniqueName("Lta"));
        for (var i = 0; i < episodes; i++)
            await app.Data.AddEpisodeAsync(person.Id, team, e => e.IdentifiedAt = DateTimeOffset.UtcNow.AddDays(-10 - 30 * i));
        return person.Id;
    }

    private Task<List<AuditEvent>> ListViewsAsync(string userId) =>
        app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.UserId == userId && a.RecordType == "LongTermAttention").ToListAsync());

    [Fact]
    public async Task The_list_is_not_shown_until_a_purpose_is_given_and_then_the_view_is_audited_with_it()
    {
        var (team, manager) = await app.Data.AddTeamWithManagerAsync();
        var person = await PersonWithEpisodesAsync(team, "Morwenna", 2);
        using var client = await app.SignedInAsync(manager);

        var asked = await client.GetPageAsync("/long-term-attention");
        Assert.Equal("Why are you opening this list?", asked.H1);
        Assert.Null(asked.Document.QuerySelector("#attention"));
        Assert.DoesNotContain("Morwenna", asked.MainText);

        var none = await client.GetPageAsync("/long-term-attention?Asked=true");
        Assert.Contains(("#Purpose", "Select why you are opening this list"), none.ErrorLinks);
        Assert.StartsWith("Error: ", none.Title, StringComparison.Ordinal);
        var otherEmpty = await client.GetPageAsync("/long-term-attention?Asked=true&Purpose=other&PurposeOther=");
        Assert.Contains(("#PurposeOther", "Enter why you are opening this list"), otherEmpty.ErrorLinks);
        Assert.Null(otherEmpty.Document.QuerySelector("#attention"));
        Assert.Empty(await ListViewsAsync(app.Data.UserId(manager)));

        using var opened = await asked.Form().Set("Purpose", "other").Set("PurposeOther", "Quarterly review with <b>commissioner</b>").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(opened);
        Assert.Equal("People who need long-term attention", page.H1);
        Assert.Contains("Morwenna", page.Document.QuerySelector("#attention")!.TextContent);
        Assert.Contains($"/people/{person}", page.Links("#attention a"));
        var view = Assert.Single(await ListViewsAsync(app.Data.UserId(manager)));
        Assert.Equal((AuditAction.Viewed, "Other: Quarterly review with <b>commissioner</b>"), (view.Action, view.Purpose));
        Assert.Contains(person.ToString(), view.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Only_the_managers_own_team_is_listed_most_presentations_first()
    {
        var (team, manager) = await app.Data.AddTeamWithManagerAsync();
        var (otherTeam, _) = await app.Data.AddTeamWithManagerAsync();
        await PersonWithEpisodesAsync(team, "Once", 1);
        await PersonWithEpisodesAsync(team, "Thrice", 3);
        await PersonWithEpisodesAsync(team, "Twice", 2);
        await PersonWithEpisodesAsync(otherTeam, "Elsewhere", 5);
        using var client = await app.SignedInAsync(manager);

        var page = await client.GetPageAsync("/long-term-attention?Purpose=monitoring");

        var names = page.Document.QuerySelectorAll("#attention tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim().Split(' ')[0]).ToList();
        Assert.Equal(["Thrice", "Twice", "Once"], names);
        Assert.DoesNotContain("Elsewhere", page.MainText);
        Assert.Equal("3", page.Document.QuerySelector("#attention tbody tr td:nth-child(4)")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(Users.Practitioner)]
    [InlineData(Users.SupportWorker)]
    [InlineData(Users.Volunteer)]
    [InlineData(Users.Commissioner)]
    [InlineData(Users.Administrator)]
    public async Task Nobody_but_a_team_manager_may_open_it_even_with_a_purpose(string who)
    {
        using var client = await app.SignedInAsync(who);
        Assert.Null(await AccessChecks.CheckAsync(client, "/long-term-attention?Purpose=monitoring", Expect.Forbidden));
    }

    [Fact]
    public async Task The_home_page_links_managers_to_it_and_not_practitioners()
    {
        using var manager = await app.SignedInAsync(Users.TeamManager);
        Assert.Contains("/long-term-attention", (await manager.GetPageAsync("/")).Links("main a"));
        using var practitioner = await app.SignedInAsync(Users.Practitioner);
        Assert.DoesNotContain("/long-term-attention", (await practitioner.GetPageAsync("/")).Links("main a"));
    }

    [Fact]
    public async Task The_list_says_how_many_it_names_that_equal_counts_pick_nobody_out_and_how_many_pages_there_are()
    {
        var (team, manager) = await app.Data.AddTeamWithManagerAsync();
        for (var i = 0; i < 3; i++) await PersonWithEpisodesAsync(team, "Same" + i, 1);
        using var client = await app.SignedInAsync(manager);

        var page = await client.GetPageAsync("/long-term-attention?Purpose=monitoring");
        Assert.StartsWith("All 3 people your team has seen", page.Document.QuerySelector("#listed")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("150", page.Document.QuerySelector("#listed")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("#all-alike"));

        var past = await client.GetPageAsync("/long-term-attention?Purpose=monitoring&page=99");
        Assert.Contains("Showing page 99, but there is only 1 page.", past.MainText, StringComparison.Ordinal);

        await PersonWithEpisodesAsync(team, "Twice", 2);
        var ranked = await client.GetPageAsync("/long-term-attention?Purpose=monitoring");
        Assert.Null(ranked.Document.QuerySelector("#all-alike"));
        Assert.StartsWith("All 4 people", ranked.Document.QuerySelector("#listed")!.TextContent.Trim(), StringComparison.Ordinal);
    }
}
