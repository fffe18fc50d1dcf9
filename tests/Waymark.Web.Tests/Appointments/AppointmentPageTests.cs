using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Appointments;
using Waymark.Contacts;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Appointments;

/// <summary>Appointments through the pages: booking with consent, bad input, the clock change, outcomes by two editors, other teams, diaries and the calendar feed.</summary>
public abstract class AppointmentPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : AppointmentPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : AppointmentPageTests(app);

    private static DateOnly Today => UkTime.Today(TimeProvider.System);

    private Task<int> AppointmentsOfAsync(Guid personId) => app.Data.QueryAsync(db => db.Set<Appointment>().CountAsync(a => a.PersonId == personId));

    [Fact]
    public async Task A_text_reminder_without_consent_is_refused_with_every_problem_listed_and_what_was_typed_kept()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = await client.GetPageAsync($"/people/{person.Id}/appointments/new");
        Assert.Equal("Book an appointment", form.H1);
        Assert.Contains("No phone number recorded", form.MainText);

        using var refused = await form.Form("main form").SetDate("Date", Today.AddDays(3)).Set("Time", "2:30pm").Set("Location", "Newtown Library")
            .Set("Purpose", "").Set("Accompanied", "yes").SetAll("Remind", "text").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains("Enter what the appointment is for", page.ErrorSummary!);
        Assert.Contains("Enter who the appointment is with", page.ErrorSummary!);
        Assert.Contains("They have no phone number recorded", page.ErrorSummary!);
        Assert.Equal("Newtown Library", page.FieldValue("Location"));
        Assert.Equal("2:30pm", page.FieldValue("Time"));
        Assert.Equal(0, await AppointmentsOfAsync(person.Id));
    }

    [Fact]
    public async Task Booking_with_consent_to_texts_shows_it_and_a_time_that_happened_twice_asks_which()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.ChangeAsync(async db => { var p = await db.People.SingleAsync(x => x.Id == person.Id); p.Phone = "07700 900123"; p.ConsentToText = true; });
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = await client.GetPageAsync($"/people/{person.Id}/appointments/new?episode={episode.Id}");
        Assert.Contains("They have agreed to texts at 07700 900123", form.MainText);

        var clocksBack = new DateOnly(2027, 10, 31); // the last Sunday of October 2027
        var typed = form.Form("main form").SetDate("Date", clocksBack).Set("Time", "01:30").Set("DurationMinutes", "30")
            .Set("Location", "Newtown Library").Set("Purpose", "Check in after the weekend").SetAll("Remind", "text");
        using var asked = await typed.SubmitAsync(client);
        var question = await HtmlPage.ReadAsync(asked);
        Assert.Contains("happened twice", question.ErrorSummary!);
        Assert.NotNull(question.Document.QuerySelector("input[name=ClockChange][value=GMT]"));

        using var booked = await question.Form("main form").Set("ClockChange", "GMT").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var a = await app.Data.QueryAsync(db => db.Set<Appointment>().SingleAsync(x => x.PersonId == person.Id));
        Assert.Equal((new DateTimeOffset(2027, 10, 31, 1, 30, 0, TimeSpan.Zero), episode.Id, true, 30), (a.StartsAt, a.EpisodeId, a.RemindByText, a.DurationMinutes));
        var details = await client.FollowAsync(booked);
        Assert.Contains("31 October 2027 at 1:30am GMT", details.MainText);
        var personPage = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Contains($"/appointments/{a.Id}", personPage.Links("#appointments a"));
    }

    [Fact]
    public async Task Two_editors_recording_an_outcome_the_second_is_told_of_the_conflict_and_attended_becomes_a_contact()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var a = await app.Data.AddAppointmentAsync(episode, app.Data.UserId(Users.Practitioner), DateTimeOffset.UtcNow.AddHours(-2),
            x => { x.Accompanied = true; x.WithWhom = "Housing officer, Newtown Housing Options"; });
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.SupportWorker);
        var one = (await first.GetPageAsync($"/appointments/{a.Id}/outcome")).Form("main form");
        var two = (await second.GetPageAsync($"/appointments/{a.Id}/outcome")).Form("main form");
        using (var saved = await one.Set("Outcome", "Attended").SubmitAsync(first)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var conflict = await two.Set("Outcome", "DidNotAttend").SubmitAsync(second);
        var page = await HtmlPage.ReadAsync(conflict);
        Assert.Contains("Someone else changed this appointment", page.ErrorSummary!);

        var contact = await app.Data.QueryAsync(db => db.Set<Contact>().SingleAsync(c => c.AppointmentId == a.Id));
        Assert.Equal((true, ContactKind.AccompaniedToAppointment), (contact.Reached, contact.Kind));
        Assert.Equal(AppointmentOutcome.Attended, (await app.Data.QueryAsync(db => db.Set<Appointment>().SingleAsync(x => x.Id == a.Id))).Outcome);

        // Not yet started: attendance is refused on the page, with the reason.
        var later = await app.Data.AddAppointmentAsync(episode, app.Data.UserId(Users.Practitioner));
        using var early = await (await first.GetPageAsync($"/appointments/{later.Id}/outcome")).Form("main form").Set("Outcome", "DidNotAttend").SubmitAsync(first);
        Assert.Contains("has not started yet", (await HtmlPage.ReadAsync(early)).ErrorSummary!);
    }

    [Fact]
    public async Task Rescheduling_through_the_page_keeps_the_old_one_marked_and_it_cannot_be_rescheduled_again()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var a = await app.Data.AddAppointmentAsync(episode, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = await client.GetPageAsync($"/appointments/{a.Id}/reschedule");
        Assert.Equal("Newtown Library, room 2", form.FieldValue("Location"));
        using var moved = await form.Form("main form").SetDate("Date", Today.AddDays(5)).Set("Time", "11:00").Set("Reason", "Clinic closed").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var old = await client.GetPageAsync($"/appointments/{a.Id}");
        Assert.Contains("Rescheduled to", old.MainText);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/appointments/{a.Id}/reschedule")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/appointments/{a.Id}/outcome")).StatusCode);
    }

    [Fact]
    public async Task Another_teams_practitioner_gets_not_found_for_this_teams_appointments_and_booking()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var a = await app.Data.AddAppointmentAsync(episode, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        foreach (var url in new[] { $"/appointments/{a.Id}", $"/appointments/{a.Id}/outcome", $"/appointments/{a.Id}/reschedule", $"/people/{person.Id}/appointments/new" })
            Assert.True(HttpStatusCode.NotFound == (await client.GetAsync(url)).StatusCode, url);
        Assert.DoesNotContain(a.Id.ToString(), (await client.GetPageAsync($"/diary?date={UkTime.DateOf(a.StartsAt):yyyy-MM-dd}")).Html);
    }

    [Fact]
    public async Task The_diary_shows_my_day_a_manager_may_see_a_workers_and_others_may_not()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var practitioner = app.Data.UserId(Users.Practitioner);
        var a = await app.Data.AddAppointmentAsync(episode, practitioner);
        var day = UkTime.DateOf(a.StartsAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var mine = await app.SignedInAsync(Users.Practitioner))
        {
            var diary = await mine.GetPageAsync($"/diary?date={day}");
            Assert.StartsWith("My diary", diary.H1);
            Assert.Contains(person.FullName, diary.MainText);
            Assert.Contains($"/appointments/{a.Id}", diary.Links("main a"));
            Assert.Contains(person.FullName, (await mine.GetPageAsync($"/diary/week?start={day}")).MainText);
            Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync("/diary?date=31-12-2026")).StatusCode);
        }
        using (var manager = await app.SignedInAsync(Users.TeamManager))
            Assert.Contains(person.FullName, (await manager.GetPageAsync($"/diary?date={day}&worker={practitioner}")).MainText);
        using var support = await app.SignedInAsync(Users.SupportWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync($"/diary?date={day}&worker={practitioner}")).StatusCode);
    }

    [Fact]
    public async Task The_calendar_feed_address_is_shown_once_carries_no_name_and_is_not_found_once_revoked()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddAppointmentAsync(episode, app.Data.UserId(Users.SupportWorker));
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var page = await client.GetPageAsync("/diary/feed");
        Assert.Equal("My calendar feed", page.H1);
        using var created = await page.Form("main form").SubmitAsync(client);
        var shown = await HtmlPage.ReadAsync(created);
        var address = shown.Document.GetElementById("feed-address")!.TextContent.Trim();
        var path = new Uri(address).PathAndQuery;
        Assert.Matches("^/calendar/[A-Za-z0-9_-]{43}\\.ics$", path);
        Assert.Null((await client.GetPageAsync("/diary/feed")).Document.GetElementById("feed-address"));

        using var anonymous = app.NewClient();
        using var feed = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var text = await feed.Content.ReadAsStringAsync();
        Assert.Contains("SUMMARY:Appointment – T.", text);
        foreach (var secret in new[] { person.FamilyName, "Testy", "Newtown", "housing" })
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/not-a-real-token.ics")).StatusCode);

        var manage = await client.GetPageAsync("/diary/feed");
        using var revoked = await manage.Form("form[action*=Revoke]").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);

        // Guessing addresses from one client is cut off: 429 with Retry-After once the minute's permits are used.
        // (In this test so the app's limiter is drained only after the other feed checks; no other test asks for feeds.)
        HttpResponseMessage? limited = null;
        for (var i = 0; i <= 2 * Waymark.Web.Pages.Diary.CalendarFeedEndpoint.PermitsPerMinute && limited is null; i++)
        {
            var r = await anonymous.GetAsync($"/calendar/guess{i}.ics");
            if (r.StatusCode == HttpStatusCode.TooManyRequests) limited = r;
            else { Assert.Equal(HttpStatusCode.NotFound, r.StatusCode); r.Dispose(); }
        }
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter is not null);
        limited.Dispose();
    }
}
