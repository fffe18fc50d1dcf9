using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Episodes;
using Waymark.Support;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// Issue 13 items 1 (flag) and 4 through the pages: the team's support settings, "not in touch" on the caseload and
/// its own view, the planned-end page with reasons and history, endings due; bad input, two editors, other teams.
/// </summary>
public abstract class CaseloadCaseManagementPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : CaseloadCaseManagementPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : CaseloadCaseManagementPageTests(app);

    private static DateOnly Today => UkTime.Today(TimeProvider.System);

    [Fact]
    public async Task Support_settings_with_bad_input_list_every_problem_keep_what_was_typed_and_save_nothing()
    {
        var (teamId, manager) = await app.Data.AddTeamWithManagerAsync();
        using var client = await app.SignedInAsync(manager);
        var page = await client.GetPageAsync("/team/support-settings");
        Assert.Equal("Keeping in touch: support settings", page.H1);
        Assert.Equal("14", page.FieldValue("NotInTouchDays"));
        Assert.Equal("6", page.FieldValue("SupportMonths"));

        using var response = await page.Form("main form")
            .Set("NotInTouchDays", "0").Set("SupportMonths", "37").Set("ReminderLeadHours", "a day").Set("QuietHoursStart", "25:00")
            .Set("QuietHoursEnd", "8am").Set("ReplyTelephone", "call me").Set("SenderName", new string('x', 101)).SubmitAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await HtmlPage.ReadAsync(response);
        Assert.StartsWith("Error: ", shown.Title, StringComparison.Ordinal);
        Assert.Equal(["#NotInTouchDays", "#SupportMonths", "#ReminderLeadHours", "#QuietHoursStart", "#ReplyTelephone", "#SenderName"],
            shown.ErrorLinks.Select(l => l.Href));
        Assert.Equal("25:00", shown.FieldValue("QuietHoursStart"));
        Assert.Equal("call me", shown.FieldValue("ReplyTelephone"));
        Assert.False(await app.Data.QueryAsync(db => db.Set<SupportSettings>().AnyAsync(s => s.TeamId == teamId)));
    }

    [Fact]
    public async Task Support_settings_are_saved_with_typed_times_and_a_second_manager_with_a_stale_page_gets_a_conflict()
    {
        var (teamId, manager) = await app.Data.AddTeamWithManagerAsync();
        var other = await app.Data.AddManagerAsync(teamId);
        using var first = await app.SignedInAsync(manager);
        using var second = await app.SignedInAsync(other);
        var firstForm = (await first.GetPageAsync("/team/support-settings")).Form("main form");
        var secondForm = (await second.GetPageAsync("/team/support-settings")).Form("main form");

        using (var saved = await firstForm.Set("NotInTouchDays", "10").Set("SupportMonths", "").Set("QuietHoursStart", "9pm").Set("QuietHoursEnd", "7.30am")
                   .Set("ReplyTelephone", "01632 960 123").SubmitAsync(first))
        {
            var shown = await first.FollowAsync(saved);
            Assert.Contains("Support settings saved", shown.MainText);
            Assert.Equal("10", shown.FieldValue("NotInTouchDays"));
            Assert.Equal("", shown.FieldValue("SupportMonths") ?? "");
            Assert.Equal("21:00", shown.FieldValue("QuietHoursStart"));
            Assert.Equal("07:30", shown.FieldValue("QuietHoursEnd"));
        }

        using var stale = await secondForm.Set("NotInTouchDays", "30").SubmitAsync(second);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains(SupportSettingsService.Conflict, (await HtmlPage.ReadAsync(stale)).ErrorMessages);
        var stored = await app.Data.QueryAsync(db => db.Set<SupportSettings>().SingleAsync(s => s.TeamId == teamId));
        Assert.Equal((10, (int?)null, new TimeOnly(21, 0)), (stored.NotInTouchDays, stored.SupportMonths, stored.QuietHoursStart));
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.RecordType == "SupportSettings" && a.RecordId == teamId.ToString() && a.Action == AuditAction.Updated)));
    }

    [Fact]
    public async Task An_episode_not_reached_for_longer_than_the_team_allows_is_flagged_on_the_caseload_and_listed_longest_first()
    {
        var (teamId, manager) = await app.Data.AddTeamWithManagerAsync();
        var (_, never) = await app.Data.AddPersonWithEpisodeAsync(teamId, e => e.IdentifiedAt = DateTimeOffset.UtcNow.AddDays(-30));
        var (reachedPerson, reached) = await app.Data.AddPersonWithEpisodeAsync(teamId, e => e.IdentifiedAt = DateTimeOffset.UtcNow.AddDays(-60));
        var (_, fresh) = await app.Data.AddPersonWithEpisodeAsync(teamId);
        var lastContact = DateTimeOffset.UtcNow.AddDays(-20);
        await app.Data.ChangeAsync(db =>
        {
            db.Add(new Contact
            {
                TeamId = teamId, PersonId = reachedPerson.Id, EpisodeId = reached.Id, Kind = ContactKind.FaceToFace, Reached = true, OccurredAt = lastContact,
                WorkerUserId = "test", RecordedByUserId = "test", RecordedAt = lastContact,
            });
            return Task.CompletedTask;
        });
        using var client = await app.SignedInAsync(manager);

        var list = await client.GetPageAsync("/caseload/not-in-touch");
        Assert.Equal("Not in touch", list.H1);
        var rows = list.Document.QuerySelectorAll("main tbody tr").Select(r => HtmlPage.Collapse(r.TextContent)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("no contact since identification", rows[0]);
        Assert.Contains($"last contact {UkTime.DateOf(lastContact):d MMMM yyyy}", rows[1]);
        Assert.DoesNotContain(list.Links("main tbody a"), l => l.Contains(fresh.Id.ToString(), StringComparison.Ordinal));

        var caseload = await client.GetPageAsync("/caseload");
        var flagged = caseload.Document.QuerySelectorAll("main tbody tr").Where(r => r.TextContent.Contains("Not in touch", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, flagged.Count);
        var filtered = await client.GetPageAsync("/caseload?Show=not-in-touch");
        Assert.Equal(2, filtered.Document.QuerySelectorAll("main tbody tr").Length);
        Assert.Equal([$"/episodes/{never.Id}", $"/episodes/{reached.Id}"], list.Links("main tbody td:first-child a"));
    }

    [Fact]
    public async Task Extending_a_planned_end_needs_a_reason_and_the_history_and_summary_show_it()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.PlannedEndDate = Today.AddDays(20));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync($"/episodes/{episode.Id}/planned-end");
        Assert.Equal("Planned end of support", page.H1);
        var later = Today.AddDays(50);

        using var refused = await page.Form("main form").SetDate("PlannedEnd", later).SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await HtmlPage.ReadAsync(refused);
        Assert.Contains(("#Reason", "Enter why support is being extended"), shown.ErrorLinks);
        Assert.Equal(later.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), shown.FieldValue("PlannedEnd-year"));
        Assert.Equal(Today.AddDays(20), await app.Data.QueryAsync(db => db.Episodes.Where(e => e.Id == episode.Id).Select(e => e.PlannedEndDate).SingleAsync()));

        using var saved = await shown.Form("main form").Set("Reason", "Waiting for a housing decision").SubmitAsync(client);
        var after = await client.FollowAsync(saved);
        Assert.Contains("Planned end date saved", after.MainText);
        Assert.Contains("(extended once)", after.MainText);
        Assert.Contains("Waiting for a housing decision", after.MainText);
        var episodePage = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Contains($"{UkTime.Today(TimeProvider.System).AddDays(50):d MMMM yyyy} (extended once)", episodePage.MainText);
        Assert.Contains("Waiting for a housing decision", episodePage.MainText);
        Assert.Contains($"/episodes/{episode.Id}/planned-end", episodePage.Links("main a"));
    }

    [Fact]
    public async Task Removing_a_planned_end_needs_a_reason_and_a_stale_form_is_a_conflict()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.PlannedEndDate = Today.AddDays(20));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}/planned-end")).Form("main form");

        using var refused = await form.Set("Action", "remove").SubmitAsync(client);
        Assert.Contains("Enter why the planned end is being removed", (await HtmlPage.ReadAsync(refused)).ErrorMessages);

        using var removed = await form.Set("Action", "remove").Set("Reason", "Support will end when the person is ready").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(await app.Data.QueryAsync(db => db.Episodes.Where(e => e.Id == episode.Id).Select(e => e.PlannedEndDate).SingleAsync()));

        // The same (now stale) form again: the episode changed since it was loaded.
        using var stale = await form.Set("Action", null).SetDate("PlannedEnd", Today.AddDays(30)).SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains((await HtmlPage.ReadAsync(stale)).ErrorMessages, m => m.StartsWith("Someone else changed this episode", StringComparison.Ordinal));
        Assert.Equal(1, await app.Data.QueryAsync(db => db.Set<PlannedEndChange>().CountAsync(c => c.EpisodeId == episode.Id)));
    }

    [Fact]
    public async Task Another_teams_planned_end_page_is_not_found_and_its_endings_are_not_listed()
    {
        var (_, theirs) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Southshire, e => e.PlannedEndDate = Today.AddDays(-2));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var response = await client.GetAsync($"/episodes/{theirs.Id}/planned-end");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var endings = await client.GetPageAsync("/caseload/endings");
        Assert.DoesNotContain(endings.Links("main a"), l => l.Contains(theirs.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Screening_counts_as_contact_on_the_caseload_and_the_planned_end_is_a_long_date()
    {
        var (teamId, manager) = await app.Data.AddTeamWithManagerAsync();
        var screenedAt = DateTimeOffset.UtcNow.AddDays(-20);
        var (_, screened) = await app.Data.AddPersonWithEpisodeAsync(teamId, e => { e.IdentifiedAt = DateTimeOffset.UtcNow.AddDays(-30); e.ScreenedAt = screenedAt; e.PlannedEndDate = Today.AddDays(40); });
        var (_, assessed) = await app.Data.AddPersonWithEpisodeAsync(teamId, e => { e.IdentifiedAt = DateTimeOffset.UtcNow.AddDays(-30); e.ScreenedAt = DateTimeOffset.UtcNow.AddDays(-29); e.AssessedAt = DateTimeOffset.UtcNow.AddDays(-3); });
        using var client = await app.SignedInAsync(manager);

        var list = await client.GetPageAsync("/caseload/not-in-touch");
        var row = HtmlPage.Collapse(Assert.Single(list.Document.QuerySelectorAll("main tbody tr")).TextContent);
        Assert.Contains($"last contact {UkTime.DateOf(screenedAt):d MMMM yyyy}", row);
        Assert.DoesNotContain("no contact since identification", row);
        Assert.Equal([$"/episodes/{screened.Id}"], list.Links("main tbody td:first-child a"));
        Assert.DoesNotContain(list.Links("main tbody a"), l => l.Contains(assessed.Id.ToString(), StringComparison.Ordinal));

        foreach (var url in new[] { "/caseload", "/caseload/not-in-touch" })
        {
            var page = await client.GetPageAsync(url);
            Assert.Contains(Today.AddDays(40).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), page.MainText);
            Assert.DoesNotContain(Today.AddDays(40).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), page.MainText);
        }
    }

    [Fact]
    public async Task Endings_due_offers_extend_only_to_those_who_may_and_view_to_others()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.PlannedEndDate = Today.AddDays(-400));
        using var worker = await app.SignedInAsync(Users.SupportWorker);
        var page = await worker.GetPageAsync("/caseload/endings");
        var links = page.Document.QuerySelectorAll($"main tbody a[href='/episodes/{episode.Id}/planned-end']").Select(a => a.TextContent).ToList();
        Assert.StartsWith("View", Assert.Single(links));
        Assert.DoesNotContain("Extend or change", page.MainText);

        using var manager = await app.SignedInAsync(Users.TeamManager);
        var theirs = await manager.GetPageAsync("/caseload/endings");
        Assert.StartsWith("Extend or change", Assert.Single(theirs.Document.QuerySelectorAll($"main tbody a[href='/episodes/{episode.Id}/planned-end']")).TextContent);
    }

    [Fact]
    public async Task Endings_due_lists_overdue_first_with_a_link_to_extend_and_can_show_only_mine()
    {
        var (teamId, manager) = await app.Data.AddTeamWithManagerAsync();
        var managerId = app.Data.UserId(manager);
        var (_, soon) = await app.Data.AddPersonWithEpisodeAsync(teamId, e => e.PlannedEndDate = Today.AddDays(7));
        var (_, overdue) = await app.Data.AddPersonWithEpisodeAsync(teamId, e => { e.PlannedEndDate = Today.AddDays(-3); e.KeyWorkerId = managerId; });
        await app.Data.AddPersonWithEpisodeAsync(teamId, e => e.PlannedEndDate = Today.AddDays(60));
        using var client = await app.SignedInAsync(manager);

        var page = await client.GetPageAsync("/caseload/endings");
        Assert.Equal("Endings due", page.H1);
        Assert.Equal([$"/episodes/{overdue.Id}/planned-end", $"/episodes/{soon.Id}/planned-end"], page.Links("main tbody a[href$='/planned-end']"));
        var first = HtmlPage.Collapse(page.Document.QuerySelector("main tbody tr")!.TextContent);
        Assert.Contains("Overdue", first);

        var mine = await client.GetPageAsync("/caseload/endings?Show=mine");
        Assert.Equal([$"/episodes/{overdue.Id}/planned-end"], mine.Links("main tbody a[href$='/planned-end']"));
        var bad = await client.GetPageAsync("/caseload/endings?Show=everyone");
        Assert.Contains("Select whose episodes to show from the list", bad.ErrorMessages);
    }
}
