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
    public async Task A_page_past_the_end_says_there_are_no_more_results_and_links_to_the_first(string url, string first)
    {
        using var client = await app.SignedInAsync(Users.TeamManager);

        var page = await client.GetPageAsync(url);

        Assert.Contains("There are no more results", page.MainText);
        Assert.Contains(page.Document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == first && a.TextContent.Trim() == "Go to the first page");
        Assert.DoesNotContain("No matching people", page.MainText);
        Assert.DoesNotContain("record an identification", page.MainText);
        PageChecks.AssertWellFormed(page);
    }

    [Fact]
    public async Task A_users_audit_trail_past_the_end_says_so()
    {
        using var client = await app.SignedInAsync(Users.TeamManager);
        var userId = app.Data.UserId(Users.Practitioner);

        var page = await client.GetPageAsync($"/audit/users/{userId}?page=999999");

        Assert.Contains("There are no more results", page.MainText);
        Assert.DoesNotContain("No events recorded", page.MainText);
    }
}
