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
        var next = Redirects.Path(moved);
        // The old one's outcome row says where it went, with a link, not "Not recorded yet".
        var outcomeRow = old.Document.QuerySelectorAll(".nhsuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent == "Outcome");
        Assert.StartsWith("Rescheduled to", HtmlPage.Collapse(outcomeRow.QuerySelector("dd")!.TextContent));
        Assert.Equal(next, outcomeRow.QuerySelector("dd a")!.GetAttribute("href"));
        Assert.DoesNotContain("Not recorded yet", old.MainText);
        // Its reschedule and outcome pages say so and point to the new one, with no form (and a post changes nothing).
        foreach (var url in new[] { $"/appointments/{a.Id}/reschedule", $"/appointments/{a.Id}/outcome" })
        {
            var page = await client.GetPageAsync(url);
            Assert.Equal("This appointment was rescheduled", page.H1);
            Assert.Contains("This appointment was rescheduled to", page.MainText);
            Assert.Contains("change the new one", page.MainText);
            Assert.Contains(page.Links("#rescheduled a"), href => href.StartsWith(next, StringComparison.Ordinal));
            Assert.Empty(page.Document.QuerySelectorAll("main form"));
        }
        using var posted = await client.PostAsync($"/appointments/{a.Id}/outcome", [new("Outcome", "CancelledByTeam")]);
        Assert.NotEqual(HttpStatusCode.InternalServerError, posted.StatusCode);
        Assert.Null((await app.Data.QueryAsync(db => db.Set<Appointment>().SingleAsync(x => x.Id == a.Id))).Outcome);
    }

    [Fact]
    public async Task Rescheduling_to_the_same_time_place_and_worker_is_refused_on_the_date()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var a = await app.Data.AddAppointmentAsync(episode, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/appointments/{a.Id}/reschedule")).Form("main form");
        using var same = await form.Set("Reason", "They asked to").SubmitAsync(client);
        var refused = await HtmlPage.ReadAsync(same);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Contains(refused.ErrorLinks, l => l.Href.StartsWith("#Date", StringComparison.Ordinal) && l.Text == "Choose a different date or time, or change the place");
        Assert.Equal(1, await AppointmentsOfAsync(person.Id));
        // The place changed (same time): accepted.
        using var moved = await refused.Form("main form").Set("Location", "Newtown Library, room 3").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(2, await AppointmentsOfAsync(person.Id));
    }

    [Fact]
    public async Task Booking_or_rescheduling_too_soon_for_a_text_reminder_says_why_none_is_planned()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.ChangeAsync(async db => { var p = await db.People.SingleAsync(x => x.Id == person.Id); p.Phone = "07700 900123"; p.ConsentToText = true; });
        using var client = await app.SignedInAsync(Users.Practitioner);
        var soon = UkTime.ToLocal(DateTimeOffset.UtcNow.AddMinutes(40));
        var form = await client.GetPageAsync($"/people/{person.Id}/appointments/new?episode={episode.Id}");
        using var booked = await form.Form("main form").SetDate("Date", DateOnly.FromDateTime(soon.DateTime)).Set("Time", soon.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .Set("Location", "Newtown Library").Set("Purpose", "Check in").SetAll("Remind", "text").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var details = await client.FollowAsync(booked);
        var banner = details.Document.GetElementById("reminders-not-planned");
        Assert.NotNull(banner);
        Assert.Contains("No text reminder: it is too late to send one", HtmlPage.Collapse(banner.TextContent));
        Assert.Contains("No reminders planned", details.MainText);

        // Rescheduled a little later, still too soon: said again.
        var later = soon.AddMinutes(5);
        var reschedule = (await client.GetPageAsync($"{Redirects.Path(booked)}/reschedule")).Form("main form");
        using var moved = await reschedule.SetDate("Date", DateOnly.FromDateTime(later.DateTime)).Set("Time", later.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .Set("Reason", "Running late").SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains("No text reminder", HtmlPage.Collapse((await client.FollowAsync(moved)).Document.GetElementById("reminders-not-planned")!.TextContent));

        // One far enough ahead has its reminder and no banner.
        var ahead = await client.GetPageAsync($"/people/{person.Id}/appointments/new?episode={episode.Id}");
        using var fine = await ahead.Form("main form").SetDate("Date", Today.AddDays(4)).Set("Time", "2pm")
            .Set("Location", "Newtown Library").Set("Purpose", "Check in").SetAll("Remind", "text").SubmitAsync(client);
        Assert.Null((await client.FollowAsync(fine)).Document.GetElementById("reminders-not-planned"));
    }

    [Fact]
    public async Task Before_it_starts_the_outcome_form_offers_only_the_cancellations()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var future = await app.Data.AddAppointmentAsync(episode, app.Data.UserId(Users.Practitioner));
        var past = await app.Data.AddAppointmentAsync(episode, app.Data.UserId(Users.Practitioner), DateTimeOffset.UtcNow.AddHours(-3));
        using var client = await app.SignedInAsync(Users.Practitioner);
        static IEnumerable<string> Choices(HtmlPage p) => p.Document.QuerySelectorAll("input[name=Outcome]").Select(i => i.GetAttribute("value")!);
        var before = Choices(await client.GetPageAsync($"/appointments/{future.Id}/outcome")).ToList();
        Assert.Equal(3, before.Count);
        Assert.DoesNotContain("Attended", before);
        Assert.DoesNotContain("DidNotAttend", before);
        Assert.All(before, v => Assert.StartsWith("Cancelled", v, StringComparison.Ordinal));
        var after = Choices(await client.GetPageAsync($"/appointments/{past.Id}/outcome")).ToList();
        Assert.Contains("Attended", after);
        Assert.Contains("DidNotAttend", after);
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
            // A date no link gives is not "not found": the error summary, and today's diary (or week).
            var today = UkTime.Today(TimeProvider.System);
            foreach (var (url, heading) in new[] { ("/diary?date=31-12-2026", "My diary: " + today.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))),
                ("/diary?date=banana", "My diary: "), ("/diary/week?start=banana", "My week from "), ("/diary/week?start=2026-02-30", "My week from ") })
            {
                var bad = await mine.GetPageAsync(url);
                Assert.Contains("Enter a real date", bad.ErrorSummary!);
                Assert.StartsWith("Error: ", bad.Title);
                Assert.StartsWith(heading, bad.H1);
            }
        }
        using (var manager = await app.SignedInAsync(Users.TeamManager))
            Assert.Contains(person.FullName, (await manager.GetPageAsync($"/diary?date={day}&worker={practitioner}")).MainText);
        using (var mine = await app.SignedInAsync(Users.Practitioner))
            Assert.Null((await mine.GetPageAsync($"/diary?date={day}")).Document.GetElementById("whose-diary"));
        using var support = await app.SignedInAsync(Users.SupportWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync($"/diary?date={day}&worker={practitioner}")).StatusCode);
    }

    [Fact]
    public async Task A_team_manager_chooses_whose_diary_by_name_keeping_the_day_or_week()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var practitioner = app.Data.UserId(Users.Practitioner);
        var a = await app.Data.AddAppointmentAsync(episode, practitioner);
        var day = UkTime.DateOf(a.StartsAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var manager = await app.SignedInAsync(Users.TeamManager);
        var own = await manager.GetPageAsync($"/diary?date={day}");
        var form = own.Document.GetElementById("whose-diary") as AngleSharp.Html.Dom.IHtmlFormElement;
        Assert.NotNull(form);
        Assert.Equal("get", form.Method, ignoreCase: true);
        Assert.Equal(day, form.QuerySelector("input[type=hidden][name=date]")!.GetAttribute("value"));
        var options = form.QuerySelectorAll("select[name=worker] option").Select(o => (o.GetAttribute("value"), o.TextContent.Trim())).ToList();
        Assert.Contains(options, o => o.Item1 == practitioner && !o.Item2.Contains('@', StringComparison.Ordinal) && o.Item2.Length > 0);
        Assert.Equal("My diary", options[0].Item2);
        Assert.Equal("Show", form.QuerySelector("button")!.TextContent.Trim());
        // What the form sends shows the practitioner's day, and the day and week links keep the worker.
        using var chosen = await own.Form("#whose-diary").Set("worker", practitioner).SubmitAsync(manager);
        var theirs = await HtmlPage.ReadAsync(chosen);
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Contains(person.FullName, theirs.MainText);
        Assert.Equal(practitioner, theirs.FieldValue("worker"));
        Assert.All(theirs.Links("nav[aria-label=Days] a"), href => Assert.Contains("worker=" + Uri.EscapeDataString(practitioner), href, StringComparison.Ordinal));
        var week = await manager.GetPageAsync($"/diary/week?start={day}&worker={practitioner}");
        Assert.Equal(AppointmentService.MondayOf(UkTime.DateOf(a.StartsAt)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            week.Document.QuerySelector("#whose-diary input[type=hidden][name=start]")!.GetAttribute("value"));
        Assert.Equal(practitioner, week.FieldValue("worker"));
        Assert.All(week.Links("nav[aria-label=Weeks] a"), href => Assert.Contains("worker=", href, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_diary_shows_times_as_the_rest_of_the_app_and_no_space_before_the_comma()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var a = await app.Data.AddAppointmentAsync(episode, app.Data.UserId(Users.Practitioner));
        var day = UkTime.DateOf(a.StartsAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var client = await app.SignedInAsync(Users.Practitioner);
        foreach (var url in new[] { $"/diary?date={day}", $"/diary/week?start={day}" })
        {
            var diary = await client.GetPageAsync(url);
            Assert.Contains(Waymark.Web.Forms.Display.Time(a.StartsAt), diary.MainText);
            Assert.Matches("^[0-9]{1,2}:[0-9]{2}[ap]m (GMT|BST)$", Waymark.Web.Forms.Display.Time(a.StartsAt));
            Assert.DoesNotMatch("[0-9]{2}:[0-9]{2} (GMT|BST)", diary.MainText);
            Assert.Contains($"{person.FullName}, Newtown Library, room 2", diary.MainText);
            Assert.DoesNotContain(" ,", diary.MainText);
        }
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
