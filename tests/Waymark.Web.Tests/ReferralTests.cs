using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Referrals;
using Waymark.ServiceDirectory;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>Onward referrals through the pages: choosing a service for a need, the lifecycle, follow-up, consent and figures.</summary>
public abstract class ReferralTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : ReferralTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : ReferralTests(app);

    private Task<(Waymark.People.Person Person, Episode Episode, LocalService Service)> ArrangeAsync(Guid? team = null) =>
        app.Data.AddAssessedEpisodeWithHousingServiceAsync(team ?? app.Data.Northshire);

    private static HtmlForm Choose(HtmlPage page, LocalService service) => page.Form("main form")
        .Set("Choice", $"{service.Id}|housing").Set("Method", "Phone").Set("Supported", "yes").Set("SupportPlan", "Alex goes to the first appointment");

    [Fact]
    public async Task A_supported_referral_for_the_top_need_is_followed_up_declined_and_counted_in_the_services_figures()
    {
        var (person, episode, service) = await ArrangeAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);

        var choose = await client.GetPageAsync($"/episodes/{episode.Id}/referrals/new");
        var needs = choose.Document.QuerySelectorAll("main form h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.StartsWith("Housing", needs[0]); // basic needs first
        Assert.Contains("“A room of my own”", needs[0]);
        Assert.NotNull(choose.Document.QuerySelector($"input[name=Choice][value='{service.Id}|housing']"));

        using var made = await Choose(choose, service).Set("Send", "true").SubmitAsync(client);
        var referralPage = await client.FollowAsync(made);
        Assert.Contains("Referral sent", referralPage.MainText);
        var referral = await app.Data.QueryAsync(db => db.Referrals.Include(r => r.Events).SingleAsync(r => r.EpisodeId == episode.Id));
        Assert.Equal((ReferralStep.Sent, true), (referral.Status, referral.Supported));

        // Reminded: the follow-ups are in my tasks.
        var tasks = await client.GetPageAsync("/tasks");
        Assert.Contains($"/referrals/{referral.Id}", tasks.Links("main table a"));

        // The service declines: below threshold. Follow-ups close; the manager sees it in the figures.
        var step = (await client.GetPageAsync($"/referrals/{referral.Id}")).Form("form[action$='handler=Step']")
            .Set("Step", "Declined").Set("DeclineReason", "BelowThreshold").Set("Note", "Not priority need");
        using (var declined = await step.SubmitAsync(client)) Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.FollowUpTasks.CountAsync(t => t.ReferralId == referral.Id && t.DoneAt == null && t.ClosedAt == null)));
        Assert.DoesNotContain($"/referrals/{referral.Id}", (await client.GetPageAsync("/tasks")).Links("main a"));

        using var manager = await app.SignedInAsync(Users.TeamManager);
        var figures = await manager.GetPageAsync("/figures/unmet-need");
        var housing = figures.Document.QuerySelectorAll("#figure-unmet-totals tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Housing");
        Assert.NotEqual("0", housing.QuerySelectorAll("td")[0].TextContent); // below threshold (other tests' declines may add to it)
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.PersonId == person.Id && a.RecordType == "Referral" && a.Detail!.Contains("Below threshold"))));
    }

    [Fact]
    public async Task An_illegal_step_is_refused_with_the_reason_and_nothing_is_recorded()
    {
        var (_, episode, service) = await ArrangeAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);
        using var made = await Choose(await client.GetPageAsync($"/episodes/{episode.Id}/referrals/new"), service).Set("Send", "false").SubmitAsync(client);
        var page = await client.FollowAsync(made);
        var id = Guid.Parse(Redirects.Path(made).Split('/')[2]);
        Assert.Equal(["Sent", "Ended"], page.Document.QuerySelectorAll("input[name=Step]").Select(i => i.GetAttribute("value")));

        // A stale or hand-made form asking for "attended" on a draft.
        using var refused = await page.Form("form[action$='handler=Step']").Set("Step", "Attended").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("has not been sent yet", (await HtmlPage.ReadAsync(refused)).ErrorSummary!);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.ReferralEvents.CountAsync(e => e.ReferralId == id)));
    }

    [Fact]
    public async Task Bad_answers_are_shown_again_and_nothing_is_saved()
    {
        var (_, episode, service) = await ArrangeAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}/referrals/new")).Form("main form").Set("Supported", "yes").Set("Method", "Carrier pigeon").Set("Note", "Typed note");
        using var response = await form.SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(["#Choice", "#Method", "#SupportPlan"], page.ErrorLinks.Select(l => l.Href));
        Assert.Equal("Typed note", page.FieldValue("Note"));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Referrals.CountAsync(r => r.EpisodeId == episode.Id)));

        // Appointment booked needs a date; a decline needs a reason.
        using var made = await Choose(await client.GetPageAsync($"/episodes/{episode.Id}/referrals/new"), service).Set("Send", "true").SubmitAsync(client);
        var referralPage = await client.FollowAsync(made);
        using var noDate = await referralPage.Form("form[action$='handler=Step']").Set("Step", "AppointmentBooked").Set("AppointmentTime", "25:99").SubmitAsync(client);
        var errors = (await HtmlPage.ReadAsync(noDate)).ErrorLinks.Select(l => l.Href).ToList();
        Assert.Contains("#AppointmentTime", errors);
        using var noReason = await referralPage.Form("form[action$='handler=Step']").Set("Step", "Declined").SubmitAsync(client);
        Assert.Contains(("#DeclineReason", "Select why the service declined"), (await HtmlPage.ReadAsync(noReason)).ErrorLinks);
    }

    [Fact]
    public async Task The_referral_summary_needs_consent_and_then_holds_only_what_the_referral_needs()
    {
        var (person, episode, service) = await ArrangeAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);
        using var made = await Choose(await client.GetPageAsync($"/episodes/{episode.Id}/referrals/new"), service).Set("Send", "true").SubmitAsync(client);
        var url = Redirects.Path(made);

        var blocked = await client.GetPageAsync(url + "/summary");
        Assert.Contains("No consent to share", blocked.MainText);
        Assert.DoesNotContain(person.FamilyName, blocked.MainText);

        var consent = (await client.GetPageAsync(url)).Form("form[action$='handler=Consent']")
            .Set("ConsentWhat", "Name, date of birth, phone and the housing need").Set("ConsentForm", "Verbal")
            .SetDate("ConsentGiven", DateOnly.FromDateTime(DateTime.UtcNow));
        using (var recorded = await consent.SubmitAsync(client)) Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        var summary = await client.GetPageAsync(url + "/summary");
        Assert.Contains(person.FamilyName, summary.MainText);
        Assert.Contains("A room of my own", summary.MainText);
        Assert.Contains("Alex goes to the first appointment", summary.MainText);
        // Consent is recorded by day: the sentence gives the day only, and reads as English (a walk-through found "Given verbal on … at 2:34pm").
        Assert.Matches(@"Given verbally on \d{1,2} [A-Z][a-z]+ \d{4} to share “Name, date of birth, phone and the housing need”", summary.MainText);
        Assert.DoesNotContain("Mental health", summary.MainText); // only the need this referral is for
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.PersonId == person.Id && a.Action == AuditAction.Exported && a.RecordType == "ReferralSummary")));

        // Withdrawn consent stops the summary again.
        using (await (await client.GetPageAsync(url)).Form("form[action$='handler=Withdraw']").SubmitAsync(client)) { }
        Assert.Contains("No consent to share", (await client.GetPageAsync(url + "/summary")).MainText);
    }

    [Fact]
    public async Task Two_people_recording_steps_from_the_same_page_the_second_is_told()
    {
        var (_, episode, service) = await ArrangeAsync();
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.Practitioner2);
        using var made = await Choose(await first.GetPageAsync($"/episodes/{episode.Id}/referrals/new"), service).Set("Send", "true").SubmitAsync(first);
        var url = Redirects.Path(made);
        var mine = (await first.GetPageAsync(url)).Form("form[action$='handler=Step']").Set("Step", "Accepted");
        var theirs = (await second.GetPageAsync(url)).Form("form[action$='handler=Step']").Set("Step", "Acknowledged");
        using (await mine.SubmitAsync(first)) { }
        using var refused = await theirs.SubmitAsync(second);
        Assert.Contains("Someone else updated this referral", (await HtmlPage.ReadAsync(refused)).ErrorSummary!);
        var id = Guid.Parse(url.Split('/')[2]);
        Assert.Equal(ReferralStep.Accepted, (await app.Data.QueryAsync(db => db.Referrals.Include(r => r.Events).SingleAsync(r => r.Id == id))).Status);
    }

    [Fact]
    public async Task An_outcome_is_recorded_for_the_episode_and_overdue_follow_ups_show_on_the_caseload()
    {
        var (_, episode, service) = await ArrangeAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);
        using var made = await Choose(await client.GetPageAsync($"/episodes/{episode.Id}/referrals/new"), service).Set("Send", "true").SubmitAsync(client);
        var id = Guid.Parse(Redirects.Path(made).Split('/')[2]);
        var outcomePage = await client.GetPageAsync($"/episodes/{episode.Id}/outcomes/new?referral={id}");
        Assert.True(outcomePage.Form("main form")["Referral"] == id.ToString(), outcomePage.Document.QuerySelector("select")?.OuterHtml);
        var outcome = outcomePage.Form("main form").Set("Code", "HousingSecured");
        using (var saved = await outcome.SubmitAsync(client)) Assert.Equal($"/referrals/{id}", Redirects.Path(saved));
        Assert.Contains("Housing secured", (await client.GetPageAsync($"/episodes/{episode.Id}")).MainText);

        await app.Data.ChangeAsync(async db => (await db.FollowUpTasks.FirstAsync(t => t.ReferralId == id && t.Number == 1)).DueAt = DateTimeOffset.UtcNow.AddDays(-1));
        var caseload = await client.GetPageAsync("/caseload?Show=follow-up-overdue");
        var row = caseload.Document.QuerySelectorAll("tbody tr").Single(r => r.InnerHtml.Contains(episode.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains("Follow-up overdue", row.TextContent);
        Assert.Contains($"/referrals/{id}", (await client.GetPageAsync("/tasks/team")).Links("main table a"));
    }

    [Fact]
    public async Task Another_teams_practitioner_gets_not_found_for_the_referral_pages()
    {
        var (_, episode, service) = await ArrangeAsync();
        using (var northshire = await app.SignedInAsync(Users.Practitioner))
            using (await Choose(await northshire.GetPageAsync($"/episodes/{episode.Id}/referrals/new"), service).Set("Send", "true").SubmitAsync(northshire)) { }
        var id = await app.Data.QueryAsync(db => db.Referrals.Where(r => r.EpisodeId == episode.Id).Select(r => r.Id).SingleAsync());
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        await AccessChecks.AssertAllAsync(client,
        [
            ($"/referrals/{id}", Expect.NotFound),
            ($"/referrals/{id}/summary", Expect.NotFound),
            ($"/episodes/{episode.Id}/referrals/new", Expect.NotFound),
            ($"/episodes/{episode.Id}/outcomes/new", Expect.NotFound),
        ], "Southshire practitioner");
        var token = (await client.GetPageAsync("/identification")).Form()["__RequestVerificationToken"]!;
        using var post = await client.PostAsync($"/referrals/{id}?handler=Step", [new("__RequestVerificationToken", token), new("Step", "Ended")]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(2, await app.Data.QueryAsync(db => db.ReferralEvents.CountAsync(e => e.ReferralId == id)));
    }
}
