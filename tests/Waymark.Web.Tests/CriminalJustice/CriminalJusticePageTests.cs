using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.CriminalJustice;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.CriminalJustice;

/// <summary>Criminal justice events through the pages: recording, bad input, corrections, closed and other teams' episodes, hearings in my tasks, clocks.</summary>
public abstract class CriminalJusticePageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : CriminalJusticePageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : CriminalJusticePageTests(app);

    private static DateOnly Today => UkTime.Today(TimeProvider.System);

    private async Task<CriminalJusticeAgency> CourtAsync(Guid teamId)
    {
        var court = new CriminalJusticeAgency { TeamId = teamId, Kind = AgencyKind.MagistratesCourt, Name = TestData.UniqueName("Magistrates' Court"), CreatedByUserId = "test" };
        await app.Data.ChangeAsync(db => { db.Add(court); return Task.CompletedTask; });
        return court;
    }

    private Task<int> EventsAsync(Guid episodeId) => app.Data.QueryAsync(db => db.Set<CriminalJusticeEvent>().CountAsync(e => e.EpisodeId == episodeId));

    [Fact]
    public async Task An_event_kind_inside_a_sentence_keeps_the_capitals_of_MHTR()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/mhtr-first-appointment");
        Assert.Equal("Record: first MHTR treatment appointment", form.H1);
        Assert.Equal("Record first MHTR treatment appointment", form.Document.QuerySelector("main form button[type=submit]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_charge_recorded_from_the_episode_page_is_listed_there_and_a_correction_keeps_the_first()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var episodePage = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Contains($"/episodes/{episode.Id}/criminal-justice/charge", episodePage.Links("main a"));

        var form = await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/charge");
        Assert.Equal("Record: charge", form.H1);
        using var saved = await form.Form("main form").Set("Offence", "PublicOrder").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var shown = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Contains("Charge: Public order offences", shown.MainText);
        var first = await app.Data.QueryAsync(db => db.Set<CriminalJusticeEvent>().SingleAsync(e => e.EpisodeId == episode.Id));

        var correct = await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/charge?corrects={first.Id}");
        Assert.Contains("This corrects", correct.MainText);
        using var corrected = await correct.Form("main form").Set("Offence", "CriminalDamageAndArson").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var after = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Contains("Public order offences Corrected", after.MainText);
        Assert.Contains("Criminal damage and arson", after.MainText);
        Assert.Equal(2, await EventsAsync(episode.Id));
    }

    [Fact]
    public async Task Bad_input_is_answered_with_the_error_summary_keeping_what_was_typed_and_nothing_is_saved()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var court = await CourtAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);

        var remand = (await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/remand-or-bail")).Form("main form")
            .Set("RemandOrBail", "ConditionalBail").SetDate("On", Today.AddDays(3));
        using var refused = await remand.SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains("Enter the bail conditions", page.ErrorSummary!);
        Assert.Contains("cannot be in the future", page.ErrorSummary!);
        Assert.Equal("ConditionalBail", page.Document.QuerySelector("input[name=RemandOrBail][checked]")?.GetAttribute("value"));

        // A hearing with no time and no type; then one at another team's court (a hand-made form).
        var hearing = (await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/hearing")).Form("main form")
            .Set("Court", court.Id.ToString()).SetDate("HearingDate", Today.AddDays(5)).Set("HearingTime", "");
        var noTime = await HtmlPage.ReadAsync(await hearing.SubmitAsync(client));
        Assert.Contains("Enter the time of the hearing", noTime.ErrorSummary!);
        Assert.Contains("Select the type of hearing", noTime.ErrorSummary!);
        Assert.Equal(court.Id.ToString(), noTime.Document.QuerySelector("select[name=Court] option[selected]")?.GetAttribute("value"));
        var southshireCourt = await CourtAsync(app.Data.Southshire);
        var elsewhere = await HtmlPage.ReadAsync(await hearing.Set("Court", southshireCourt.Id.ToString()).Set("HearingTime", "10:00").Set("HearingType", "Trial").SubmitAsync(client));
        Assert.Contains("Select one of your team's courts", elsewhere.ErrorSummary!);
        Assert.Equal(0, await EventsAsync(episode.Id));
    }

    [Fact]
    public async Task Conditions_are_refused_unless_the_bail_is_conditional()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/remand-or-bail")).Form("main form")
            .Set("RemandOrBail", "BailToCourt").Set("BailConditions", "Curfew 19:00 to 07:00").SetDate("On", Today);
        var refused = await HtmlPage.ReadAsync(await form.SubmitAsync(client));
        Assert.Contains("Bail conditions go with conditional bail only", refused.ErrorSummary!);
        Assert.Contains("#BailConditions", refused.Document.QuerySelectorAll(".nhsuk-error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Equal(0, await EventsAsync(episode.Id));

        using var conditional = await form.Set("RemandOrBail", "ConditionalBail").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, conditional.StatusCode);
        using var plain = await form.Set("RemandOrBail", "BailToCourt").Set("BailConditions", "").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        Assert.Equal(2, await EventsAsync(episode.Id));
    }

    [Fact]
    public async Task A_hearing_time_that_is_not_a_time_gets_only_the_times_error_10am_is_taken_and_an_adjournment_names_its_hearing()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var court = await CourtAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/hearing");
        Assert.Contains("key worker's tasks from the day before", page.MainText);
        var form = page.Form("main form")
            .Set("Court", court.Id.ToString()).SetDate("HearingDate", Today.AddDays(1)).Set("HearingTime", "ten o'clock").Set("HearingType", "Trial");
        var refused = await HtmlPage.ReadAsync(await form.SubmitAsync(client));
        Assert.Contains("Enter the time like 10:00 or 10am", refused.ErrorSummary!);
        Assert.DoesNotContain("Enter the date and time of the hearing", refused.ErrorSummary!);
        Assert.Single(refused.Document.QuerySelectorAll(".nhsuk-error-summary__list li"));

        using (var saved = await form.Set("HearingTime", "10am").SubmitAsync(client)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var hearing = await app.Data.QueryAsync(db => db.Set<CriminalJusticeEvent>().SingleAsync(e => e.EpisodeId == episode.Id));
        var adjourn = (await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/hearing-adjourned")).Form("main form")
            .Set("Hearing", hearing.Id.ToString()).SetDate("On", Today);
        using (var saved = await adjourn.SubmitAsync(client)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var shown = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Contains($"at {court.Name}, {Today.AddDays(1).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))} 10:00", shown.MainText);
    }

    [Fact]
    public async Task A_closed_episode_refuses_recording_and_another_teams_episode_is_not_found()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/arrest")).Form("main form").Set("Offence", "Theft");
        await app.Data.ChangeAsync(async db =>
        {
            var e = await db.Episodes.SingleAsync(x => x.Id == episode.Id);
            e.Close(app.Data.UserId(Users.Practitioner), DateTimeOffset.UtcNow, ClosureReason.SupportCompleted, null);
        });
        var refused = await HtmlPage.ReadAsync(await form.SubmitAsync(client));
        Assert.Contains("closed", refused.ErrorSummary!);
        Assert.Equal(0, await EventsAsync(episode.Id));
        var readOnly = await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/arrest");
        Assert.Null(readOnly.Document.QuerySelector("main form"));
        Assert.DoesNotContain($"/episodes/{episode.Id}/criminal-justice/arrest", (await client.GetPageAsync($"/episodes/{episode.Id}")).Links("main a"));

        using var southshire = await app.SignedInAsync(Users.SouthshirePractitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await southshire.GetAsync($"/episodes/{episode.Id}/criminal-justice/arrest")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/episodes/{episode.Id}/criminal-justice/no-such-kind")).StatusCode);
    }

    [Fact]
    public async Task A_hearing_tomorrow_where_the_person_should_be_supported_is_in_the_key_workers_tasks()
    {
        var practitioner = app.Data.UserId(Users.Practitioner);
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.Allocate(practitioner, practitioner, DateTimeOffset.UtcNow.AddHours(-1)));
        var court = await CourtAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/hearing")).Form("main form")
            .Set("Court", court.Id.ToString()).SetDate("HearingDate", Today.AddDays(1)).Set("HearingTime", "10:00")
            .Set("HearingType", "FirstAppearance").Set("SupportAtCourt", "true");
        using var saved = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var tasks = await client.GetPageAsync("/tasks");
        Assert.Contains("Court hearings to support", tasks.MainText);
        Assert.Contains($"{person.FamilyName.ToUpperInvariant()}", tasks.MainText.ToUpperInvariant());
        Assert.Contains(court.Name, tasks.MainText);
        Assert.Contains($"/episodes/{episode.Id}#criminal-justice", tasks.Links("main a"));
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.RecordType == "MyHearingsToSupport" && a.Detail!.Contains(person.Id.ToString()))));
    }

    [Fact]
    public async Task A_team_manager_sees_a_breached_MHTR_wait_first_with_a_flag_on_the_caseload_and_bad_targets_are_refused()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.IdentifiedAt = DateTimeOffset.UtcNow.AddDays(-60));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}/criminal-justice/court-outcome")).Form("main form")
            .Set("CourtOutcome", "CommunityOrder").SetAll("Requirements", OrderRequirements.MentalHealthTreatment, "unpaid-work").SetDate("On", Today.AddDays(-40));
        using (var saved = await form.SubmitAsync(client)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Wait for MHTR treatment", (await client.GetPageAsync($"/episodes/{episode.Id}")).MainText);

        using var manager = await app.SignedInAsync(Users.TeamManager);
        var clocks = await manager.GetPageAsync("/criminal-justice/clocks");
        var first = clocks.Document.QuerySelector("main table tbody tr")!;
        Assert.Contains("Breached", first.TextContent);
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.RecordType == "CriminalJusticeClocks" && a.Detail!.Contains(person.Id.ToString()))));
        // The episode was identified 60 days ago: other tests' newer episodes may come before it, so look through the pages.
        var row = default(AngleSharp.Dom.IElement);
        for (var page = 1; page <= 40 && row is null; page++)
        {
            var caseload = await manager.GetPageAsync($"/caseload?page={page}");
            var rows = caseload.Document.QuerySelectorAll("main table tbody tr");
            row = rows.FirstOrDefault(r => r.QuerySelector($"a[href='/episodes/{episode.Id}']") is not null);
            if (rows.Length == 0) break;
        }
        Assert.NotNull(row);
        Assert.Contains("CJS clock breached", row.TextContent, StringComparison.Ordinal);

        var targets = (await manager.GetPageAsync("/criminal-justice/clock-targets")).Form("main form").Set("TransferDays", "0").Set("MhtrDays", "abc");
        var refused = await HtmlPage.ReadAsync(await targets.SubmitAsync(manager));
        Assert.Contains("Transfer target must be a whole number of days from 1 to 365", refused.ErrorSummary!);
        Assert.Contains("MHTR target must be", refused.ErrorSummary!);
        Assert.Equal("abc", refused.Document.QuerySelector("input[name=MhtrDays]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task The_Other_outcome_must_say_what_changed_and_points_to_criminal_justice_events()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync($"/episodes/{episode.Id}/outcomes/new");
        Assert.Contains("are not the team's outcomes", page.MainText);
        var refused = await HtmlPage.ReadAsync(await page.Form("main form").Set("Code", "Other").Set("Note", "").SubmitAsync(client));
        Assert.Contains("criminal justice event", refused.ErrorSummary!);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Outcomes.CountAsync(o => o.EpisodeId == episode.Id)));
    }
}
