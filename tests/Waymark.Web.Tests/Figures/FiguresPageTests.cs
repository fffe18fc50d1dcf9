using System.Net;
using Waymark.Episodes;
using Waymark.Figures;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Figures;

/// <summary>The team performance page: every section and a known count for a manager, bad dates, and who may not open it.</summary>
public abstract class FiguresPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : FiguresPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : FiguresPageTests(app);

    [Fact]
    public async Task A_manager_sees_every_section_with_charts_and_their_teams_count_in_the_table()
    {
        var (team, email) = await app.Data.AddTeamWithManagerAsync();
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < 2; i++)
        {
            var person = await app.Data.AddPersonAsync(team);
            await app.Data.AddEpisodeAsync(person.Id, team, e => (e.IdentifiedAt, e.RecordedAt, e.Setting) = (now, now, Setting.MagistratesCourt));
        }
        using var client = await app.SignedInAsync(email);
        var page = await client.GetPageAsync("/figures");

        Assert.Equal("Team performance", page.H1);
        var sections = page.Document.QuerySelectorAll("main h2.nhsuk-heading-l").Select(h => h.TextContent.Trim()).ToList();
        // Other sources may come between; these three come in this order.
        var at = new[] { DemandFigures.SectionName, TimelinessFigures.SectionName, NeedsFigures.SectionName }.Select(s => sections.IndexOf(s)).ToList();
        Assert.DoesNotContain(-1, at);
        Assert.Equal(at.Order(), at);
        Assert.Equal(sections.Select(s => "#" + Pages.Figures.IndexModel.SectionId(s)), page.Links("main nav.nhsuk-contents-list a"));
        Assert.Contains("Identifications by setting", page.MainText);
        Assert.Contains("Median time between steps", page.MainText);
        Assert.Contains("Needs found at assessment", page.MainText);

        var row = page.Document.QuerySelectorAll("#figure-demand-setting tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Magistrates' court");
        Assert.Equal("2", row.QuerySelectorAll("td").Last().TextContent.Trim());
        var thisMonth = Month.Of(Waymark.UkTime.DateOf(now)).Label;
        var column = page.Document.QuerySelectorAll("#figure-demand-setting thead th").Select(h => h.TextContent.Trim()).ToList().IndexOf(thisMonth);
        Assert.Equal("2", row.Children[column].TextContent.Trim());

        var chart = page.Document.QuerySelector("#figure-demand-setting svg[role='img']");
        Assert.NotNull(chart);
        Assert.StartsWith("Stacked bar chart of identifications by setting", chart.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal(1, chart.QuerySelectorAll("rect.waymark-chart__bar").Length);
        // The default period is this UK year so far.
        var today = Waymark.UkTime.DateOf(DateTimeOffset.UtcNow);
        Assert.Equal(("1", "1", today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), (page.FieldValue("From"), page.FieldValue("From-month"), page.FieldValue("From-year")));
    }

    [Fact]
    public async Task Another_teams_identifications_are_not_counted()
    {
        var (team, email) = await app.Data.AddTeamWithManagerAsync();
        var (other, _) = await app.Data.AddTeamWithManagerAsync();
        var person = await app.Data.AddPersonAsync(other);
        await app.Data.AddEpisodeAsync(person.Id, other, e => e.Setting = Setting.CrownCourt);
        using var client = await app.SignedInAsync(email);
        var page = await client.GetPageAsync("/figures");
        var row = page.Document.QuerySelectorAll("#figure-demand-setting tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Total");
        Assert.Equal("0", row.QuerySelectorAll("td").Last().TextContent.Trim());
        _ = team;
    }

    [Fact]
    public async Task A_wrong_date_shows_the_error_summary_and_keeps_what_was_typed()
    {
        using var client = await app.SignedInAsync(Users.TeamManager);
        var page = await client.GetPageAsync("/figures?From.Day=40&From.Month=1&From.Year=2026&To.Day=3&To.Month=2&To.Year=2026");
        Assert.StartsWith("Error: Team performance", page.Title, StringComparison.Ordinal);
        Assert.NotNull(page.ErrorSummary);
        Assert.Contains(page.ErrorMessages, m => m.StartsWith("From date", StringComparison.Ordinal));
        Assert.Equal(("40", "1", "2026"), (page.FieldValue("From"), page.FieldValue("From-month"), page.FieldValue("From-year")));
        Assert.Equal("3", page.FieldValue("To"));
        Assert.Null(page.Document.QuerySelector("#figure-demand-setting"));
    }

    [Fact]
    public async Task From_after_to_is_refused()
    {
        using var client = await app.SignedInAsync(Users.TeamManager);
        var page = await client.GetPageAsync("/figures?From.Day=2&From.Month=3&From.Year=2026&To.Day=1&To.Month=3&To.Year=2026");
        Assert.Contains("From date must be on or before the to date", page.ErrorMessages);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#figure-demand-setting"));
    }

    [Fact]
    public async Task A_year_far_ahead_is_refused_not_a_500()
    {
        using var client = await app.SignedInAsync(Users.TeamManager);
        var page = await client.GetPageAsync("/figures?To.Day=31&To.Month=12&To.Year=9999");
        Assert.Contains("To date must be a real date", page.ErrorMessages);
    }

    [Theory]
    [InlineData(Users.Practitioner)]
    [InlineData(Users.SupportWorker)]
    [InlineData(Users.Commissioner)]
    public async Task Only_team_managers_may_open_it(string email)
    {
        using var client = await app.SignedInAsync(email);
        using var response = await client.GetAsync("/figures");
        // The cookie handler sends a forbidden user to the access-denied page, which answers 403.
        Assert.Equal((HttpStatusCode.Redirect, "/account/access-denied"), (response.StatusCode, Redirects.Path(response)));
        using var denied = await client.GetAsync(Redirects.Target(response));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.DoesNotContain("Team performance", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_links_a_manager_to_it()
    {
        using var client = await app.SignedInAsync(Users.TeamManager);
        Assert.Contains("/figures", (await client.GetPageAsync("/")).Links("main a"));
        using var practitioner = await app.SignedInAsync(Users.Practitioner);
        Assert.DoesNotContain("/figures", (await practitioner.GetPageAsync("/")).Links("main a"));
    }
}
