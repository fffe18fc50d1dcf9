using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Figures;
using Waymark.Persistence;
using Waymark.Teams;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Commissioning;

/// <summary>
/// The commissioner view and the dataset download through the pages: suppressed and rounded figures for a small team,
/// another team's id refused with 404, case workers and managers refused, the download's type and name, and the audit.
/// </summary>
public abstract class CommissioningPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : CommissioningPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : CommissioningPageTests(app);

    /// <summary>A figure source for these tests only: the scope's episodes by three settings and month (exclusive rows).</summary>
    private sealed class EpisodesBySetting : IFigureSource
    {
        public string Section => "Test demand";
        public int Order => 0;

        private static readonly Setting[] Shown = [Setting.PoliceCustody, Setting.MagistratesCourt, Setting.CrownCourt];

        public async Task<IReadOnlyList<Figure>> ComputeAsync(WaymarkDbContext db, FigureScope scope, CancellationToken ct)
        {
            var rows = await db.Episodes.IgnoreQueryFilters().AsNoTracking()
                .Where(e => scope.TeamIds.Contains(e.TeamId) && e.IdentifiedAt >= scope.Start && e.IdentifiedAt < scope.End)
                .Select(e => new { e.Setting, e.IdentifiedAt }).ToListAsync(ct);
            var cells = rows.Where(r => Shown.Contains(r.Setting))
                .Select(r => (Settings.Display(r.Setting), scope.MonthOf(r.IdentifiedAt)!.Value, 1L));
            var table = CountTable.From("Setting", Shown.Select(Settings.Display).ToList(), scope.Months, cells);
            return [new CountFigure("test.setting", Section, "Identifications by setting", "Episodes identified in the period, by setting.", table)];
        }
    }

    /// <summary>A client of the app with <see cref="EpisodesBySetting"/> registered, signed in as <paramref name="email"/>.</summary>
    private async Task<(WebApplicationFactory<Program> Factory, AppClient Client)> WithTestFiguresAsync(string email)
    {
        var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddFigureSource<EpisodesBySetting>()));
        var client = new AppClient(factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        }));
        await client.SignInAsync(email);
        return (factory, client);
    }

    /// <summary>A new team with a commissioner of that team only; returns the team and the commissioner's email.</summary>
    private async Task<(Guid Team, string Email, string UserId)> SmallTeamWithCommissionerAsync()
    {
        var (team, _) = await app.Data.AddTeamWithManagerAsync();
        var userId = await app.Data.AddUserAsync(team, "Casey Commissioner", Roles.Commissioner);
        var email = await app.Data.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());
        return (team, email, userId);
    }

    private async Task AddEpisodesAsync(Guid team, Setting setting, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var person = await app.Data.AddPersonAsync(team, "Test", TestData.UniqueName("Commissioned"));
            await app.Data.AddEpisodeAsync(person.Id, team, e => e.Setting = setting);
        }
    }

    private static IReadOnlyList<string> Row(HtmlPage page, string heading) =>
        page.Document.QuerySelectorAll("#figure-test-setting tbody tr")
            .Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == heading)
            .QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_commissioner_sees_suppressed_and_rounded_figures_for_a_small_team_and_the_view_is_audited()
    {
        var (team, email, userId) = await SmallTeamWithCommissionerAsync();
        await AddEpisodesAsync(team, Setting.PoliceCustody, 3);
        await AddEpisodesAsync(team, Setting.MagistratesCourt, 12);
        await AddEpisodesAsync(team, Setting.CrownCourt, 13);
        var (factory, client) = await WithTestFiguresAsync(email);
        await using (factory)
        using (client)
        {
            var page = await client.GetPageAsync("/commissioning");
            Assert.Equal("Commissioned figures", page.H1);
            // Custody 3: hidden; then magistrates' 12, the smallest other in its month, and its total; Crown 13 → 15; all 28 → 30.
            Assert.Equal("*", Row(page, "Police custody")[^1]);
            Assert.Contains("*", Row(page, "Police custody"));
            Assert.Equal("*", Row(page, "Magistrates' court")[^1]);
            Assert.Equal("15", Row(page, "Crown court")[^1]);
            Assert.Equal("30", Row(page, "Total")[^1]);
            Assert.DoesNotContain("12", Row(page, "Magistrates' court"));
            Assert.DoesNotContain("13", Row(page, "Crown court"));
            Assert.Contains("1 to 4", page.MainText);
            Assert.DoesNotContain("Commissioned", page.MainText.Replace("Commissioned figures", "", StringComparison.Ordinal)); // no person's name
        }
        var audit = await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.UserId == userId && a.RecordType == "CommissionedFigures").ToListAsync());
        var viewed = Assert.Single(audit);
        Assert.Equal(AuditAction.Viewed, viewed.Action);
        Assert.Contains($"teams={team}", viewed.Detail, StringComparison.Ordinal);
        Assert.Null(viewed.PersonId);
    }

    /// <summary>A commissioner's cell: 0, "*", "–", a multiple of 5, or a median or percentage (days, hours, %).</summary>
    private static readonly System.Text.RegularExpressions.Regex ControlledCell =
        new(@"^(\*|–|[\d,]+|[\d.]+ (days|hours)|\d+%)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    [Fact]
    public async Task No_table_on_the_commissioners_page_shows_a_count_that_is_not_0_suppressed_or_a_multiple_of_5()
    {
        var (team, email, _) = await SmallTeamWithCommissionerAsync();
        await AddEpisodesAsync(team, Setting.PoliceCustody, 7); // open at month end: 7 (unallocated), shown as 5, never 7
        await AddEpisodesAsync(team, Setting.MagistratesCourt, 2);
        var (factory, client) = await WithTestFiguresAsync(email);
        await using (factory)
        using (client)
        {
            var page = await client.GetPageAsync("/commissioning");
            var tables = page.Document.QuerySelectorAll("main table");
            Assert.NotEmpty(tables);
            Assert.NotNull(page.Document.QuerySelector("#figure-caseload-open table"));
            foreach (var table in tables)
                foreach (var td in table.QuerySelectorAll("tbody td"))
                {
                    var text = td.TextContent.Trim();
                    Assert.Matches(ControlledCell, text);
                    if (System.Text.RegularExpressions.Regex.IsMatch(text, @"^[\d,]+$"))
                        Assert.Equal(0, long.Parse(text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) % 5);
                }
            var open = page.Document.QuerySelectorAll("#figure-caseload-open tbody tr")
                .Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == "Open episodes")
                .QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
            Assert.Equal("10", open[^1]); // 9 open at the period's end → 10
            Assert.Contains("0", open); // earlier months with none open show 0, not "*"
        }
    }

    [Fact]
    public async Task The_dataset_page_explains_every_column_of_the_downloaded_file_in_order_with_the_meaning_of_its_codes()
    {
        var (team, email, _) = await SmallTeamWithCommissionerAsync();
        await AddEpisodesAsync(team, Setting.PoliceCustody, 1);
        using var client = await app.SignedInAsync(email);
        var page = await client.GetPageAsync("/commissioning/dataset");
        Assert.Contains("What each column means", page.MainText);
        var explained = page.Document.QuerySelectorAll("main details summary code").Select(c => c.TextContent.Trim()).ToList();
        var month = Month.Of(UkTime.DateOf(DateTimeOffset.UtcNow.AddHours(-1)));
        using var download = await page.Form("main form").Set("Month", month.Code).Set("Format", "csv").SubmitAsync(client);
        var header = Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n")[0].Split(',');
        Assert.Equal(header, explained);
        string Meaning(string column, string code) => page.Document.QuerySelectorAll($"#column-{column} tbody tr")
            .Single(tr => tr.QuerySelector("td")!.TextContent.Trim() == code).QuerySelectorAll("td")[1].TextContent.Trim();
        Assert.Equal("Male", Meaning("sex", "1"));
        Assert.Equal("Not known", Meaning("sex", "0"));
        Assert.Equal("White - British", Meaning("ethnic_category", "A"));
        Assert.Equal("Police custody", Meaning("setting", "PoliceCustody"));
        Assert.StartsWith("Police", Meaning("source_of_referral", "E1"), StringComparison.Ordinal);
        Assert.StartsWith("Known", Meaning("new_or_known", "K"), StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("#column-cjs_decisions tbody tr"));
        Assert.Contains("up to the month's end", page.Document.QuerySelector("#column-referrals_declined")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_that_is_not_the_commissioners_is_not_found_on_either_page()
    {
        var (stranger, _) = await app.Data.AddTeamWithManagerAsync();
        using var client = await app.SignedInAsync(Users.Commissioner);
        foreach (var team in new[] { stranger.ToString(), Guid.NewGuid().ToString(), "not-a-team" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/commissioning?Team={team}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/commissioning/dataset?team={team}")).StatusCode);
        }
        var form = (await client.GetPageAsync("/commissioning/dataset")).Form("main form");
        using var refused = await form.Set("Team", stranger.ToString()).SubmitAsync(client);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        // Their own teams (both demo teams) are offered.
        var page = await client.GetPageAsync($"/commissioning?Team={app.Data.Southshire}");
        Assert.Contains("Northshire", page.MainText);
        Assert.Contains("Southshire", page.MainText);
    }

    [Theory]
    [InlineData(Users.Practitioner)]
    [InlineData(Users.TeamManager)]
    [InlineData(Users.SupportWorker)]
    [InlineData(Users.Administrator)]
    public async Task Case_workers_managers_and_administrators_are_refused(string email)
    {
        using var client = await app.SignedInAsync(email);
        foreach (var url in new[] { "/commissioning", "/commissioning/dataset" })
        {
            // The cookie handler sends a forbidden user to the access-denied page, which answers 403.
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/access-denied", Redirects.Path(response));
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Redirects.Target(response))).StatusCode);
        }
    }

    [Theory]
    [InlineData("csv", "text/csv", ".csv")]
    [InlineData("json", "application/json", ".json")]
    public async Task The_download_has_its_content_type_and_file_name_and_is_audited_with_the_month(string format, string contentType, string extension)
    {
        var (team, email, userId) = await SmallTeamWithCommissionerAsync();
        await AddEpisodesAsync(team, Setting.PoliceCustody, 2);
        using var client = await app.SignedInAsync(email);
        var month = Month.Of(UkTime.DateOf(DateTimeOffset.UtcNow.AddHours(-1)));
        var form = (await client.GetPageAsync("/commissioning/dataset")).Form("main form");
        using var download = await form.Set("Month", month.Code).Set("Format", format).SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(contentType, download.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"waymark-dataset-{month.Code}{extension}", download.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var body = Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        if (format == "csv")
        {
            Assert.StartsWith("dataset_month,team_type_code,", body, StringComparison.Ordinal);
            Assert.Equal(3, body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        }
        else Assert.StartsWith($"{{\"month\":\"{month.Code}\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Commissioned", body, StringComparison.Ordinal); // the people's family names
        var exported = await app.Data.QueryAsync(db => db.AuditEvents.SingleAsync(a => a.UserId == userId && a.Action == AuditAction.Exported));
        Assert.Equal(("MonthlyDataset", month.Code), (exported.RecordType, exported.RecordId));
        Assert.Contains($"month={month.Code};format={format};teams={team}", exported.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_commissioners_datasets_hold_none_of_the_demo_peoples_names_dates_of_birth_or_numbers()
    {
        // Issue 15's "Done when": the demo commissioner downloads the month's dataset (and last month's), as CSV and JSON,
        // and nothing in them identifies any of the demo people.
        using var client = await app.SignedInAsync(Users.Commissioner);
        var thisMonth = Month.Of(UkTime.DateOf(DateTimeOffset.UtcNow));
        var bodies = new List<string>();
        foreach (var month in new[] { thisMonth, Month.Of(thisMonth.FirstDay.AddMonths(-1)) })
            foreach (var format in new[] { "csv", "json" })
            {
                var form = (await client.GetPageAsync("/commissioning/dataset")).Form("main form");
                using var download = await form.Set("Month", month.Code).Set("Format", format).SubmitAsync(client);
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                bodies.Add(Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()));
            }
        var csvRows = bodies.Where((_, i) => i % 2 == 0).Sum(b => b.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
        Assert.True(csvRows > 10, $"the demo's datasets have rows to look in ({csvRows})");
        var all = string.Join("\n", bodies);
        // The people of the demo commissioner's teams (other tests of this class add teams of their own).
        var people = await app.Data.QueryAsync(db => db.People.IgnoreQueryFilters()
            .Where(p => db.Episodes.IgnoreQueryFilters().Any(e => e.PersonId == p.Id
                && db.Set<TeamMembership>().Any(m => m.TeamId == e.TeamId && m.User!.Email == Users.Commissioner)))
            .Select(p => new { p.GivenName, p.FamilyName, p.PreferredName, p.DateOfBirth, p.NhsNumber, p.PncId, p.Phone, p.Postcode }).ToListAsync());
        Assert.NotEmpty(people);
        foreach (var p in people)
        {
            foreach (var name in new[] { p.GivenName, p.FamilyName, p.PreferredName }.Where(n => !string.IsNullOrWhiteSpace(n)))
                Assert.DoesNotMatch($@"\b{System.Text.RegularExpressions.Regex.Escape(name!)}\b", all);
            if (p.DateOfBirth is { } dob)
                foreach (var written in new[] { dob.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), dob.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), dob.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) })
                    Assert.DoesNotMatch($@"\b{System.Text.RegularExpressions.Regex.Escape(written)}\b", all);
            // Whole words only: a pseudonym's random hex may hold any run of digits.
            foreach (var number in new[] { p.NhsNumber, p.PncId, p.Phone, p.Postcode }.Where(n => !string.IsNullOrWhiteSpace(n)))
                Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex($@"\b{System.Text.RegularExpressions.Regex.Escape(number!)}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase), all);
        }
    }

    [Fact]
    public async Task A_month_or_format_not_offered_shows_the_error_summary()
    {
        using var client = await app.SignedInAsync(Users.Commissioner);
        var form = (await client.GetPageAsync("/commissioning/dataset")).Form("main form");
        using var response = await form.Set("Month", "1999-01").Set("Format", "xlsx").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Error:", page.Title, StringComparison.Ordinal);
        Assert.Contains("Select a month", page.ErrorSummary);
        Assert.Contains("Select CSV or JSON", page.ErrorSummary);
    }

    [Fact]
    public async Task A_commissioner_of_two_teams_is_signed_in_without_choosing_and_their_home_page_links_to_the_figures_and_the_dataset()
    {
        var commissionerId = app.Data.UserId(Users.Commissioner);
        Assert.Equal(2, await app.Data.QueryAsync(db => db.TeamMemberships.CountAsync(m => m.UserId == commissionerId)));
        using var client = await app.SignedInAsync(Users.Commissioner);
        using (var first = await client.GetAsync("/"))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode); // not sent to /account/choose-team
        var home = await client.GetPageAsync("/");
        Assert.Contains("/commissioning", home.Links("main a"));
        Assert.Contains("/commissioning/dataset", home.Links("main a"));
    }
}
