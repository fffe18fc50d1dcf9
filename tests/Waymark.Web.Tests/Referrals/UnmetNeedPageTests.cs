using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Figures;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Referrals;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Referrals;

/// <summary>
/// "No suitable service for this need" (issue 15 item 2) through the pages: recording, bad input, another team's episode,
/// a closed episode, withdrawing; and the team manager's unmet-need figures page.
/// </summary>
public abstract class UnmetNeedPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : UnmetNeedPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : UnmetNeedPageTests(app);

    private Task<int> CountAsync(Guid episodeId) => app.Data.QueryAsync(db => db.Set<UnmetNeed>().IgnoreQueryFilters().CountAsync(u => u.EpisodeId == episodeId));

    [Fact]
    public async Task Bad_input_shows_every_problem_keeps_what_was_typed_and_saves_nothing_then_a_good_one_is_recorded_audited_and_counted()
    {
        var (person, episode, _) = await app.Data.AddAssessedEpisodeWithHousingServiceAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var referral = await client.GetPageAsync($"/episodes/{episode.Id}/referrals/new");
        Assert.Contains($"/episodes/{episode.Id}/unmet-need?need=housing", referral.Links("main a"));

        var page = await client.GetPageAsync($"/episodes/{episode.Id}/unmet-need?need=housing");
        Assert.Equal("housing", page.Document.QuerySelector("select[name=Need] option[selected]")?.GetAttribute("value"));
        using var bad = await page.Form("main form").Set("Need", "not-a-need").Set("Reason", "Other").Set("Detail", "Secret words " + new string('x', 1000)).SubmitAsync(client);
        var refused = await HtmlPage.ReadAsync(bad);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal(["Select the need no service could meet", "Detail must be 1,000 characters or fewer"], refused.ErrorMessages);
        Assert.StartsWith("Error: ", refused.Document.Title, StringComparison.Ordinal);
        Assert.Contains("Secret words", refused.Document.QuerySelector("textarea[name=Detail]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(episode.Id));

        using var noReason = await page.Form("main form").SubmitAsync(client);
        Assert.Equal(["Select why no referral could be made"], (await HtmlPage.ReadAsync(noReason)).ErrorMessages);

        using var ok = await page.Form("main form").Set("Reason", "NotInArea").Set("Detail", "Secret words: only in Southam").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var after = await client.FollowAsync(ok);
        Assert.Contains("Unmet need recorded", after.MainText);
        Assert.Contains("No service covers the person's area", after.MainText);
        var stored = await app.Data.QueryAsync(db => db.Set<UnmetNeed>().IgnoreQueryFilters().SingleAsync(u => u.EpisodeId == episode.Id));
        Assert.Equal(("housing", UnmetNeedReason.NotInArea, person.Id, app.Data.Northshire), (stored.Need, stored.Reason, stored.PersonId, stored.TeamId));
        var audit = await app.Data.QueryAsync(db => db.AuditEvents.SingleAsync(a => a.RecordType == "UnmetNeed" && a.RecordId == stored.Id.ToString()));
        Assert.Equal(AuditAction.Created, audit.Action);
        Assert.DoesNotContain("Secret", audit.Detail ?? "", StringComparison.Ordinal);

        // The manager's page counts it, without the words typed.
        using var manager = await app.SignedInAsync(Users.TeamManager);
        var figures = await manager.GetPageAsync("/figures/unmet-need");
        Assert.Equal("Unmet need: evidence for commissioners", figures.Document.QuerySelector("h1")!.TextContent);
        var row = figures.Document.QuerySelectorAll("#figure-unmet-no-service tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Housing");
        Assert.Contains(row.QuerySelectorAll("td"), c => c.TextContent != "0");
        Assert.DoesNotContain("Secret", figures.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(person.FamilyName, figures.Html, StringComparison.Ordinal);
        Assert.NotNull(figures.Document.QuerySelector("#figure-unmet-totals"));
        Assert.Contains("Exact counts for your team", figures.MainText, StringComparison.Ordinal);
        // For a copy that leaves the team: as a commissioner would see it, the one record is hidden, not shown as 1.
        var controlled = await manager.GetPageAsync("/figures/unmet-need?Controlled=true");
        var hidden = controlled.Document.QuerySelectorAll("#figure-unmet-no-service tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Housing");
        Assert.Contains(hidden.QuerySelectorAll("td"), c => c.TextContent == "*");
        Assert.DoesNotContain(hidden.QuerySelectorAll("td"), c => c.TextContent == "1");
        Assert.Null(controlled.Document.QuerySelector("#figure-unmet-totals"));
        Assert.Contains("Shown as a commissioner would see it", controlled.MainText, StringComparison.Ordinal);

        // Withdrawn with a reason: kept, no longer counted.
        var list = await client.GetPageAsync($"/episodes/{episode.Id}/unmet-need");
        using var noWhy = await list.Form("form[action$='handler=Withdraw']").Set("UnmetNeedId", stored.Id.ToString()).SubmitAsync(client);
        Assert.Equal(["Enter why it is being withdrawn"], (await HtmlPage.ReadAsync(noWhy)).ErrorMessages);
        using var withdrawn = await list.Form("form[action$='handler=Withdraw']").Set("UnmetNeedId", stored.Id.ToString()).Set("WithdrawReason", "Wrong person").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.NotNull(await app.Data.QueryAsync(db => db.Set<UnmetNeed>().IgnoreQueryFilters().Where(u => u.Id == stored.Id).Select(u => u.WithdrawnAt).SingleAsync()));
    }

    [Fact]
    public async Task Another_teams_episode_is_a_404_and_a_closed_episode_is_read_only_and_refuses_a_post()
    {
        var (_, open, _) = await app.Data.AddAssessedEpisodeWithHousingServiceAsync(app.Data.Northshire);
        var (_, theirs) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Southshire);
        var (_, closed) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire,
            e => e.Close(e.IdentifiedByUserId, e.IdentifiedAt.AddMinutes(30), ClosureReason.SupportCompleted, null));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{open.Id}/unmet-need")).Form("main form").Set("Need", "housing").Set("Reason", "NoServiceExists");

        await client.GetPageAsync($"/episodes/{theirs.Id}/unmet-need", HttpStatusCode.NotFound);
        using (var post = await client.PostAsync($"/episodes/{theirs.Id}/unmet-need", form.Fields)) Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, await CountAsync(theirs.Id));

        var readOnly = await client.GetPageAsync($"/episodes/{closed.Id}/unmet-need");
        Assert.Null(readOnly.Document.QuerySelector("main form"));
        Assert.Contains("This episode is closed", readOnly.MainText);
        using (var post = await client.PostAsync($"/episodes/{closed.Id}/unmet-need", form.Fields))
            Assert.Equal("/account/access-denied", Redirects.Path(post)); // refused (403 for a signed-in user is the access-denied page)
        Assert.Equal(0, await CountAsync(closed.Id));
    }

    [Fact]
    public void The_services_sources_are_registered_each_in_its_section_and_order_for_the_figures_pages()
    {
        using var scope = app.Factory.Services.CreateScope();
        var sources = scope.ServiceProvider.GetServices<IFigureSource>().ToDictionary(s => s.GetType().Name, s => (s.Section, s.Order));
        Assert.Equal(("Referrals", 40), sources["ReferralFigureSource"]);
        Assert.Equal(("Unmet need", 45), sources["UnmetNeedFigureSource"]);
        Assert.Equal(("Outcomes", 50), sources["OutcomeFigureSource"]);
        Assert.Equal(("Criminal justice decisions and diversion", 60), sources["CriminalJusticeFigureSource"]);
        Assert.Equal(("Drop-ins and re-presentations", 70), sources["DropInFigureSource"]);
        Assert.Equal(("Caseload, capacity and endings", 80), sources["CaseloadFigureSource"]);
    }
}
