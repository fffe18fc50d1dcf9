using System.Text.RegularExpressions;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Issue 11, item 8: a page after the last one (a stale link, an edited address) says there are no more results and
/// links back to the first page; it never says that nothing matches or offers to record someone new.
/// </summary>
public abstract class PagingTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : PagingTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : PagingTests(app);

    [Theory]
    [InlineData("/people?Name=a&page=999999", "/people?Name=a&page=1")]
    [InlineData("/directory?Need=housing&page=999999", "/directory?Need=housing&page=1")]
    [InlineData("/tasks?page=999999", "/tasks?page=1")]
    [InlineData("/tasks/team?page=999999", "/tasks/team?page=1")]
    [InlineData("/team/members?page=999999", "/team/members?page=1")]
    [InlineData("/caseload?page=999999", "/caseload?page=1")]
    [InlineData("/caseload/unallocated?page=999999", "/caseload/unallocated?page=1")]
    [InlineData("/caseload/mine?page=999999", "/caseload/mine?page=1")]
    [InlineData("/duplicates?page=999999", "/duplicates?page=1")]
    [InlineData("/releases?page=999999", "/releases?page=1")]
    [InlineData("/releases?view=follow-ups&page=999999", "/releases?view=follow-ups&page=1")]
    public async Task A_page_past_the_end_says_there_are_no_more_results_and_links_to_the_first(string url, string first)
    {
        using var client = await app.SignedInAsync(Users.TeamManager);

        var page = await client.GetPageAsync(url);

        AssertPastTheEnd(page, first);
    }

    /// <summary>The wording every list uses: a heading, which page was asked for and how far the list goes, a link back.</summary>
    private static void AssertPastTheEnd(HtmlPage page, string first)
    {
        Assert.Contains(page.Document.QuerySelectorAll("main h2"), h => h.TextContent.Trim() == "There are no more results");
        Assert.Matches(new Regex(@"Showing page [\d,]+, but (the list ends before it|there is only 1 page|there are only [\d,]+ pages|there are no results to show)\."), page.MainText);
        Assert.DoesNotMatch(new Regex(@"page 999,?999 of \d"), page.MainText); // never "page 50 of 2"
        Assert.DoesNotContain("No more matching", page.MainText);
        Assert.Contains(page.Document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == first && a.TextContent.Trim() == "Go to the first page");
        Assert.DoesNotContain(page.Document.QuerySelectorAll("main a"), a => a.TextContent.Contains("Previous", StringComparison.Ordinal));
        Assert.DoesNotContain("No matching people", page.MainText);
        Assert.DoesNotContain("record an identification", page.MainText);
        PageChecks.AssertWellFormed(page);
    }

    [Fact]
    public async Task A_persons_audit_trail_past_the_end_says_so()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.TeamManager);

        var page = await client.GetPageAsync($"/audit/people/{person.Id}?page=999999");

        AssertPastTheEnd(page, $"/audit/people/{person.Id}?page=1");
        Assert.DoesNotContain("No events recorded", page.MainText);
    }

    [Fact]
    public async Task A_persons_screening_history_past_the_end_says_so_rather_than_that_nothing_was_recorded()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);

        var page = await client.GetPageAsync($"/people/{person.Id}/screening?page=999999");

        AssertPastTheEnd(page, $"/people/{person.Id}/screening?page=1");
        Assert.DoesNotContain("No screening outcomes recorded", page.MainText);
        Assert.DoesNotContain("No instruments completed", page.MainText);
        // The first page of the same history still says plainly that nothing is recorded.
        var first = await client.GetPageAsync($"/people/{person.Id}/screening");
        Assert.Contains("No instruments completed", first.MainText);
        Assert.DoesNotContain("There are no more results", first.MainText);
    }

    [Fact]
    public async Task The_caseload_past_the_end_counts_its_pages()
    {
        using var client = await app.SignedInAsync(Users.TeamManager);
        var page = await client.GetPageAsync("/caseload?page=999999");
        Assert.Matches(new Regex(@"Showing page [\d,]+, but (there is only 1 page|there are only [\d,]+ pages|there are no results to show)\."), page.MainText);
    }

    [Fact]
    public async Task A_users_audit_trail_past_the_end_says_so()
    {
        using var client = await app.SignedInAsync(Users.TeamManager);
        var userId = app.Data.UserId(Users.Practitioner);

        var page = await client.GetPageAsync($"/audit/users/{userId}?page=999999");

        AssertPastTheEnd(page, $"/audit/users/{userId}?page=1");
        Assert.DoesNotContain("No events recorded", page.MainText);
    }
}
