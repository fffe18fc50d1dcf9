using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.DropIns;
using Waymark.Episodes;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.DropIns;

/// <summary>Drop-ins through the pages: from Find a person in two page loads, reopening support, who may, bad input, the day's list, other teams.</summary>
public abstract class DropInPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : DropInPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : DropInPageTests(app);

    /// <summary>A person whose only episode with Northshire closed, with a name to search for.</summary>
    private async Task<(Waymark.People.Person Person, Episode Last)> DischargedAsync()
    {
        var person = await app.Data.AddPersonAsync(app.Data.Northshire, "Rhian", TestData.UniqueName("Dropin"));
        var last = await app.Data.AddEpisodeAsync(person.Id, app.Data.Northshire,
            e => e.Close(app.Data.UserId(Users.Practitioner), e.IdentifiedAt.AddMinutes(30), ClosureReason.SupportCompleted, null));
        return (person, last);
    }

    private static HtmlForm Filled(HtmlPage form) => form.Form("main form")
        .SetAll("Reasons", "FeelingACrisisComing", "Housing").Set("WhatHelped", "Talked through the warning signs");

    [Fact]
    public async Task From_find_a_person_a_drop_in_is_recorded_and_support_reopened_in_two_page_loads_without_the_purpose_question()
    {
        var (person, last) = await DischargedAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);
        var results = await client.GetPageAsync($"/people?Name={Uri.EscapeDataString(person.FamilyName)}");
        var link = $"/people/{person.Id}/drop-ins/new";
        Assert.Contains(link, results.Links("main a"));

        var form = await client.GetPageAsync(link);                                        // page load 1
        Assert.Equal("Record a drop-in", form.H1);
        Assert.Contains("Their last episode closed on", form.MainText);
        Assert.Equal(app.Data.UserId(Users.Practitioner), form.Form("main form")["SeenBy"]);
        using var saved = await Filled(form).Set("Reopen", "support").SubmitAsync(client);  // page load 2
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith("/drop-ins/", Redirects.Path(saved));

        var dropIn = await app.Data.QueryAsync(db => db.Set<DropIn>().SingleAsync(d => d.PersonId == person.Id));
        var episode = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.PersonId == person.Id && e.ClosedAt == null));
        Assert.Equal((EpisodeStatus.InSupport, (Guid?)last.Id, app.Data.UserId(Users.Practitioner)), (episode.Status, episode.ReopenedFromEpisodeId, episode.KeyWorkerId));
        Assert.Equal(episode.Id, dropIn.ReopenedEpisodeId);
        var contact = await app.Data.QueryAsync(db => db.Set<Contact>().SingleAsync(c => c.Id == dropIn.ContactId));
        Assert.Equal((ContactKind.DropIn, true), (contact.Kind, contact.Reached));
        // Viewing the discharged person's record to record the drop-in is audited with the purpose "Drop-in".
        Assert.Contains(await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.PersonId == person.Id && a.Action == AuditAction.Viewed).ToListAsync()),
            a => a.Purpose == "Drop-in");

        var episodePage = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.Contains("Reopened from the episode of", episodePage.MainText);
        Assert.Contains($"/episodes/{last.Id}", episodePage.Links("main a"));
        // The drop-in is the new episode's contact: linked in the same save, so the episode shows it as last reached.
        Assert.Equal(((Guid?)episode.Id, (Guid?)episode.Id), (dropIn.EpisodeId, contact.EpisodeId));
        Assert.Contains($"Last reached: {Waymark.Web.Forms.Display.DateTime(contact.OccurredAt)} (this episode)", episodePage.MainText);
        Assert.DoesNotContain("No contacts recorded in this episode", episodePage.MainText);
    }

    [Fact]
    public async Task Screen_again_leaves_the_new_episode_at_identified_and_the_saved_drop_in_reopens_with_one_button()
    {
        var (person, last) = await DischargedAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = await client.GetPageAsync($"/people/{person.Id}/drop-ins/new");
        using var saved = await Filled(form).SubmitAsync(client);
        var page = await client.FollowAsync(saved);
        Assert.Equal("Drop-in", page.H1);
        Assert.Contains("Talked through the warning signs", page.MainText);
        using var reopened = await page.Form("form[action*='Reopen']").Set("ScreenAgain", "yes").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var episode = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.PersonId == person.Id && e.ClosedAt == null));
        Assert.Equal((EpisodeStatus.Identified, (Guid?)last.Id), (episode.Status, episode.ReopenedFromEpisodeId));
        Assert.Equal($"/episodes/{episode.Id}", Redirects.Path(reopened));
        var episodePage = await client.GetPageAsync($"/episodes/{episode.Id}");
        Assert.DoesNotContain("Last reached: never recorded", episodePage.MainText);
        Assert.DoesNotContain("No contacts recorded in this episode", episodePage.MainText);

        // Now open: reopening again is refused, with a link to the open episode.
        var again = await client.GetPageAsync($"/people/{person.Id}/drop-ins/new");
        Assert.Null(again.Document.QuerySelector("input[name=Reopen]"));
        Assert.Contains("open episode with your team", again.MainText);
        var dropIn = await app.Data.QueryAsync(db => db.Set<DropIn>().SingleAsync(d => d.PersonId == person.Id));
        using var twice = await client.PostAsync($"/drop-ins/{dropIn.Id}?handler=Reopen", [new("__RequestVerificationToken", page.Form("form[action*='Reopen']")["__RequestVerificationToken"]!), new("Version", dropIn.Version.ToString())]);
        var refused = await HtmlPage.ReadAsync(twice);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("already been reopened", refused.ErrorSummary!);
    }

    [Fact]
    public async Task A_support_worker_records_a_drop_in_but_cannot_reopen_support()
    {
        var (person, _) = await DischargedAsync();
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var form = await client.GetPageAsync($"/people/{person.Id}/drop-ins/new");
        Assert.Null(form.Document.QuerySelector("input[name=Reopen]"));
        Assert.Contains("Only a practitioner or team manager can reopen support", form.MainText);

        using var sneaky = await Filled(form).Set("Reopen", "support").SubmitAsync(client);
        var refused = await HtmlPage.ReadAsync(sneaky);
        Assert.Equal(HttpStatusCode.OK, sneaky.StatusCode);
        Assert.Contains(DropInService.OnlyClinicalReopen, refused.ErrorSummary!);
        Assert.False(await app.Data.QueryAsync(db => db.Set<DropIn>().AnyAsync(d => d.PersonId == person.Id)));

        using var saved = await Filled(form).SubmitAsync(client);
        var page = await client.FollowAsync(saved);
        Assert.Null(page.Document.QuerySelector("form[action*='Reopen']"));
        Assert.Contains("Only a practitioner or team manager can reopen support", page.MainText);
        var dropIn = await app.Data.QueryAsync(db => db.Set<DropIn>().SingleAsync(d => d.PersonId == person.Id));
        using var forbidden = await client.PostAsync($"/drop-ins/{dropIn.Id}?handler=Reopen", [new("__RequestVerificationToken", form.Form("main form")["__RequestVerificationToken"]!), new("Version", dropIn.Version.ToString())]);
        Assert.Equal((HttpStatusCode.Redirect, "/account/access-denied"), (forbidden.StatusCode, Redirects.Path(forbidden)));
        Assert.Equal(1, await app.Data.QueryAsync(db => db.Episodes.CountAsync(e => e.PersonId == person.Id)));
    }

    [Fact]
    public async Task Bad_input_is_answered_with_the_error_summary_keeping_what_was_typed_and_nothing_is_saved()
    {
        var (person, _) = await DischargedAsync();
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/people/{person.Id}/drop-ins/new")).Form("main form")
            .SetAll("Reasons", "Other").Set("ReasonWords", "").Set("WhatHelped", "").Set("Time", "25:99").SetAll("SeenBy");
        using var response = await form.SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains("Enter the time like 14:30", page.ErrorSummary!);
        Assert.Contains("Enter why they came, as you chose something else", page.ErrorSummary!);
        Assert.Contains("Enter what helped", page.ErrorSummary!);
        Assert.Contains("Select who saw them", page.ErrorSummary!);
        var kept = page.Form("main form");
        Assert.Equal(("25:99", "Other"), (kept["Time"], kept["Reasons"]));

        var future = (await client.GetPageAsync($"/people/{person.Id}/drop-ins/new")).Form("main form")
            .SetAll("Reasons", "Housing").Set("WhatHelped", "Kept words").SetDate("ArrivedOn", UkTime.Today(TimeProvider.System).AddDays(3));
        var futurePage = await HtmlPage.ReadAsync(await future.SubmitAsync(client));
        Assert.Contains("cannot be in the future", futurePage.ErrorSummary!);
        Assert.Equal("Kept words", futurePage.Form("main form")["WhatHelped"]);
        Assert.False(await app.Data.QueryAsync(db => db.Set<DropIn>().AnyAsync(d => d.PersonId == person.Id)));
    }

    [Fact]
    public async Task Another_teams_person_and_drop_in_are_not_found()
    {
        var (person, _) = await DischargedAsync();
        var dropIn = await app.Data.AddDropInAsync(person.Id, app.Data.Northshire, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{person.Id}/drop-ins/new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/drop-ins/{dropIn.Id}")).StatusCode);
        var list = await client.GetPageAsync("/drop-ins");
        Assert.DoesNotContain($"/drop-ins/{dropIn.Id}", list.Links("main a"));
    }

    [Fact]
    public async Task The_days_list_shows_only_the_teams_drop_ins_of_that_day_with_previous_and_next_days()
    {
        var (person, _) = await DischargedAsync();
        var worker = app.Data.UserId(Users.Practitioner);
        var now = DateTimeOffset.UtcNow;
        // "Today's" drop-in a few minutes ago, but never before the UK day began (a run just after midnight would put it
        // on yesterday's list): half the time since midnight at most.
        var sinceMidnight = now - UkTime.FromLocal(UkTime.DateOf(now), TimeOnly.MinValue);
        var today = await app.Data.AddDropInAsync(person.Id, app.Data.Northshire, worker, hoursAgo: Math.Min(0.1, sinceMidnight.TotalHours / 2));
        var yesterday = await app.Data.AddDropInAsync(person.Id, app.Data.Northshire, worker, hoursAgo: 24);
        var southPerson = await app.Data.AddPersonAsync(app.Data.Southshire);
        var theirs = await app.Data.AddDropInAsync(southPerson.Id, app.Data.Southshire, app.Data.UserId(Users.SouthshirePractitioner), hoursAgo: Math.Min(0.1, sinceMidnight.TotalHours / 2));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync("/drop-ins");
        Assert.StartsWith("Drop-ins: ", page.H1);
        var links = page.Links("main a");
        Assert.Contains($"/drop-ins/{today.Id}", links);
        Assert.DoesNotContain($"/drop-ins/{yesterday.Id}", links);
        Assert.DoesNotContain($"/drop-ins/{theirs.Id}", links);
        Assert.Contains($"/people", links);
        var day = UkTime.DateOf(now.AddHours(-24)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"/drop-ins?date={day}", links);
        var before = await client.GetPageAsync($"/drop-ins?date={day}");
        Assert.Contains($"/drop-ins/{yesterday.Id}", before.Links("main a"));
        Assert.DoesNotContain($"/drop-ins/{today.Id}", before.Links("main a"));
        var typed = await client.GetPageAsync($"/drop-ins?Show.Day=31&Show.Month=2&Show.Year=2026");
        Assert.Contains("day", typed.ErrorSummary!, StringComparison.OrdinalIgnoreCase);
        // A date no link gives is not "not found": the error summary, with today's list.
        foreach (var bad in new[] { "yesterday", "banana", "2026-02-30", "1899-01-01" })
        {
            var shown = await client.GetPageAsync($"/drop-ins?date={bad}");
            Assert.Contains("Enter a real date", shown.ErrorSummary!);
            Assert.StartsWith("Error: ", shown.Title);
            Assert.Equal("Drop-ins: " + UkTime.Today(TimeProvider.System).ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), shown.H1);
            Assert.Contains($"/drop-ins/{today.Id}", shown.Links("main a"));
        }
    }

    [Fact]
    public async Task The_person_page_lists_the_latest_drop_ins_with_record_a_drop_in()
    {
        var (person, _) = await DischargedAsync();
        var dropIn = await app.Data.AddDropInAsync(person.Id, app.Data.Northshire, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var page = await client.GetPageAsync($"/people/{person.Id}?Purpose=returned");
        Assert.Contains($"/drop-ins/{dropIn.Id}", page.Links("main a"));
        Assert.Contains($"/people/{person.Id}/drop-ins/new", page.Links("main a"));
    }
}
