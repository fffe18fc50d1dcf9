using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Appointments;
using Waymark.Contacts;
using Waymark.Mentoring;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Mentoring;

/// <summary>Mentoring through the pages: a team manager pairs and ends; a mentor records a contact and books a meeting; bad input.</summary>
public abstract class MentoringPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : MentoringPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : MentoringPageTests(app);

    private static DateOnly Today => UkTime.Today(TimeProvider.System);
    private string Volunteer => app.Data.UserId(Users.Volunteer);

    private Task<List<MentoringPairing>> PairingsAsync(Guid personId) =>
        app.Data.QueryAsync(db => db.Set<MentoringPairing>().Where(p => p.PersonId == personId).OrderBy(p => p.StartedAt).ToListAsync());

    [Theory]
    [InlineData(1950, 1, 1)]
    [InlineData(2000, 6, 15)]
    public async Task Pairing_refuses_an_agreed_date_before_the_person_became_known_to_the_service(int year, int month, int day)
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var manager = await app.SignedInAsync(Users.TeamManager);
        var fields = (await manager.GetPageAsync($"/people/{person.Id}/mentoring")).Form("main form");
        using var refused = await fields.Set("Mentor", Volunteer).SetDate("AgreedOn", new DateOnly(year, month, day)).SubmitAsync(manager);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.Contains("The date they agreed cannot be before", page.ErrorSummary!);
        Assert.Empty(await PairingsAsync(person.Id));
    }

    [Fact]
    public async Task A_team_manager_pairs_a_volunteer_from_the_person_page_the_mentor_sees_them_and_a_second_mentor_is_refused_until_it_ends()
    {
        // Identified ten days ago: the agreement (two days ago) cannot be before the person became known to the service.
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.IdentifiedAt = DateTimeOffset.UtcNow.AddDays(-10));
        using var manager = await app.SignedInAsync(Users.TeamManager);
        var personPage = await manager.GetPageAsync($"/people/{person.Id}");
        Assert.Contains($"/people/{person.Id}/mentoring", personPage.Links("main a"));

        var form = await manager.GetPageAsync($"/people/{person.Id}/mentoring");
        Assert.Equal("Pair with a mentor", form.H1);
        var fields = form.Form("main form");
        Assert.Equal(["action", "crisis"], fields.Fields.Where(f => f.Key == "Shares").Select(f => f.Value));
        using (var paired = await fields.Set("Mentor", Volunteer).SetDate("AgreedOn", Today.AddDays(-2)).SetAll("Shares", "action").SubmitAsync(manager))
            Assert.Equal($"/people/{person.Id}", Redirects.Path(paired));

        var stored = Assert.Single(await PairingsAsync(person.Id));
        Assert.Equal((Volunteer, Today.AddDays(-2), true, false, app.Data.UserId(Users.TeamManager)),
            (stored.MentorUserId, stored.AgreedOn, stored.SharesActionPlan, stored.SharesCrisisPlan, stored.StartedByUserId));
        var after = await manager.GetPageAsync($"/people/{person.Id}");
        Assert.Contains("Mentor: Chris Dale since", after.MainText);
        using (var practitioner = await app.SignedInAsync(Users.Practitioner))
        {
            var seen = await practitioner.GetPageAsync($"/people/{person.Id}");
            Assert.Contains("Mentor: Chris Dale since", seen.MainText);
            Assert.DoesNotContain($"/people/{person.Id}/mentoring/end", seen.Links("main a"));
        }
        var team = await manager.GetPageAsync("/team/mentoring");
        Assert.Contains($"/people/{person.Id}", team.Links("main table a"));
        Assert.Contains("Chris Dale", team.MainText);

        using (var mentor = await app.SignedInAsync(Users.Volunteer))
        {
            var mentees = await mentor.GetPageAsync("/mentoring");
            Assert.Contains($"/mentoring/{person.Id}", mentees.Links("main a"));
        }

        // A second mentor while the first is active: refused with a clear message, nothing saved.
        var otherVolunteer = await app.Data.AddUserAsync(app.Data.Northshire, "Sam Second", Waymark.Teams.Roles.Volunteer);
        var shown = await manager.GetPageAsync($"/people/{person.Id}/mentoring");
        Assert.Contains("already has a mentor", shown.MainText);
        Assert.Null(shown.Document.QuerySelector("main form"));
        var token = (await manager.GetPageAsync("/")).Form("header form[action='/account/sign-out']")["__RequestVerificationToken"]!;
        using (var second = await manager.PostAsync($"/people/{person.Id}/mentoring",
            [new("__RequestVerificationToken", token), new("Mentor", otherVolunteer), new("AgreedOn.Day", Today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new("AgreedOn.Month", Today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("AgreedOn.Year", Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))]))
        {
            var page = await HtmlPage.ReadAsync(second);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Contains("already has a mentor, Chris Dale", page.ErrorSummary!);
        }
        Assert.Single(await PairingsAsync(person.Id));

        // Ending it: a reason is required; then the mentor no longer sees them.
        var end = (await manager.GetPageAsync($"/people/{person.Id}/mentoring/end")).Form("main form");
        using (var noReason = await end.SubmitAsync(manager))
            Assert.Contains("Enter why the mentoring is ending", (await HtmlPage.ReadAsync(noReason)).ErrorSummary!);
        using (var ended = await end.Set("Reason", "Goals met").SubmitAsync(manager))
            Assert.Equal($"/people/{person.Id}", Redirects.Path(ended));
        var closed = Assert.Single(await PairingsAsync(person.Id));
        Assert.Equal(("Goals met", app.Data.UserId(Users.TeamManager)), (closed.EndReason, closed.EndedByUserId));
        using (var mentor = await app.SignedInAsync(Users.Volunteer))
        {
            using var gone = await mentor.GetAsync($"/mentoring/{person.Id}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        // And now another mentor may be paired.
        using (var again = await (await manager.GetPageAsync($"/people/{person.Id}/mentoring")).Form("main form")
            .Set("Mentor", otherVolunteer).SetDate("AgreedOn", Today).SubmitAsync(manager))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, (await PairingsAsync(person.Id)).Count);
    }

    [Fact]
    public async Task Pairing_with_no_mentor_a_future_date_or_a_case_worker_as_mentor_is_refused_with_the_error_summary()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var manager = await app.SignedInAsync(Users.TeamManager);
        var form = (await manager.GetPageAsync($"/people/{person.Id}/mentoring")).Form("main form");

        using var empty = await form.Set("Mentor", "").SetDate("AgreedOn", Today.AddDays(3)).SubmitAsync(manager);
        var page = await HtmlPage.ReadAsync(empty);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains("Select the volunteer who will mentor them", page.ErrorSummary!);
        Assert.Contains("cannot be in the future", page.ErrorSummary!);
        Assert.Equal((Today.AddDays(3).Day.ToString(System.Globalization.CultureInfo.InvariantCulture)), page.Form("main form")["AgreedOn.Day"]);

        using var caseWorker = await form.Set("Mentor", app.Data.UserId(Users.Practitioner)).SetDate("AgreedOn", Today).SubmitAsync(manager);
        Assert.Contains("Select a volunteer of your team", (await HtmlPage.ReadAsync(caseWorker)).ErrorSummary!);

        using var badDate = await form.Set("Mentor", Volunteer).Set("AgreedOn.Day", "31").Set("AgreedOn.Month", "2").Set("AgreedOn.Year", "2026").SubmitAsync(manager);
        Assert.Equal(HttpStatusCode.OK, badDate.StatusCode);
        Assert.NotNull((await HtmlPage.ReadAsync(badDate)).ErrorSummary);
        Assert.Empty(await PairingsAsync(person.Id));
    }

    [Fact]
    public async Task A_mentor_records_a_mentoring_contact_and_books_a_meeting_in_their_own_name_and_sees_them_on_the_mentee_page()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddPairingAsync(app.Data.Northshire, person.Id, Volunteer);
        using var mentor = await app.SignedInAsync(Users.Volunteer);
        var mentee = await mentor.GetPageAsync($"/mentoring/{person.Id}");
        Assert.Contains($"/mentoring/{person.Id}/contacts/new", mentee.Links("main a"));
        Assert.Contains($"/mentoring/{person.Id}/appointments/new", mentee.Links("main a"));

        var when = DateTimeOffset.UtcNow.AddHours(-1);
        var contact = (await mentor.GetPageAsync($"/mentoring/{person.Id}/contacts/new")).Form("main form")
            .SetDate("OccurredOn", UkTime.DateOf(when)).Set("Time", UkTime.ToLocal(when).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .Set("Reached", "yes").Set("Duration", "45").Set("Note", "Coffee and a walk; talked about the allotment");
        using (var recorded = await contact.SubmitAsync(mentor)) Assert.Equal($"/mentoring/{person.Id}", Redirects.Path(recorded));
        var stored = await app.Data.QueryAsync(db => db.Set<Contact>().SingleAsync(c => c.PersonId == person.Id));
        Assert.Equal((ContactKind.Mentoring, Volunteer, Volunteer, true, 45, episode.Id), (stored.Kind, stored.WorkerUserId, stored.RecordedByUserId, stored.Reached, stored.DurationMinutes, stored.EpisodeId));

        var day = Today.AddDays(5);
        var booking = (await mentor.GetPageAsync($"/mentoring/{person.Id}/appointments/new")).Form("main form")
            .SetDate("Date", day).Set("Time", "2pm").Set("DurationMinutes", "90").Set("Location", "Newtown Library café");
        using (var booked = await booking.SubmitAsync(mentor)) Assert.Equal($"/mentoring/{person.Id}", Redirects.Path(booked));
        var appointment = await app.Data.QueryAsync(db => db.Set<Appointment>().SingleAsync(a => a.PersonId == person.Id));
        Assert.Equal((Volunteer, Volunteer, 90, "Newtown Library café", MentoringRules.AppointmentPurpose, false, false),
            (appointment.WorkerUserId, appointment.BookedByUserId, appointment.DurationMinutes, appointment.Location, appointment.Purpose, appointment.RemindByText, appointment.RemindByEmail));
        Assert.Equal(UkTime.FromLocal(day, new TimeOnly(14, 0)), appointment.StartsAt);

        var page = await mentor.GetPageAsync($"/mentoring/{person.Id}");
        Assert.Contains("Coffee and a walk", page.MainText);
        Assert.Contains("Newtown Library café", page.MainText);
        var list = await mentor.GetPageAsync("/mentoring");
        Assert.Contains(Waymark.Web.Forms.Display.DateTime(appointment.StartsAt), list.MainText);
        // Case workers see the mentoring contact on the person's timeline.
        using var practitioner = await app.SignedInAsync(Users.Practitioner);
        Assert.Contains("Mentoring", (await practitioner.GetPageAsync($"/people/{person.Id}/timeline")).MainText);
    }

    [Fact]
    public async Task A_mentors_bad_input_is_answered_with_the_error_summary_keeping_what_was_typed_and_nothing_is_saved()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddPairingAsync(app.Data.Northshire, person.Id, Volunteer);
        using var mentor = await app.SignedInAsync(Users.Volunteer);

        using var contact = await (await mentor.GetPageAsync($"/mentoring/{person.Id}/contacts/new")).Form("main form")
            .SetDate("OccurredOn", Today.AddDays(2)).Set("Time", "10am").Remove("Reached").Set("Duration", "ages").Set("Note", "").SubmitAsync(mentor);
        var page = await HtmlPage.ReadAsync(contact);
        Assert.Equal(HttpStatusCode.OK, contact.StatusCode);
        Assert.StartsWith("Error: ", page.Title);
        Assert.Contains("cannot be in the future", page.ErrorSummary!);
        Assert.Contains("Select yes if you met or spoke", page.ErrorSummary!);
        Assert.Contains("whole number of minutes", page.ErrorSummary!);
        Assert.Equal(("ages", "10am"), (page.Form("main form")["Duration"], page.Form("main form")["Time"]));

        using var before = await (await mentor.GetPageAsync($"/mentoring/{person.Id}/contacts/new")).Form("main form")
            .SetDate("OccurredOn", Today.AddDays(-30)).Set("Time", "10:00").Set("Reached", "no").SubmitAsync(mentor);
        Assert.Contains("when you started mentoring them", (await HtmlPage.ReadAsync(before)).ErrorSummary!);

        using var booking = await (await mentor.GetPageAsync($"/mentoring/{person.Id}/appointments/new")).Form("main form")
            .SetDate("Date", Today.AddDays(-1)).Set("Time", "noonish").Set("DurationMinutes", "1").Set("Location", "").SubmitAsync(mentor);
        var refused = await HtmlPage.ReadAsync(booking);
        Assert.Equal(HttpStatusCode.OK, booking.StatusCode);
        Assert.Contains("Enter the time like 14:30", refused.ErrorSummary!);
        Assert.Contains("Enter how long it is in minutes", refused.ErrorSummary!);
        Assert.Contains("Enter where the appointment is", refused.ErrorSummary!);
        Assert.Equal("noonish", refused.Form("main form")["Time"]);

        using var badDate = await (await mentor.GetPageAsync($"/mentoring/{person.Id}/appointments/new")).Form("main form")
            .Set("Date.Day", "40").Set("Date.Month", "1").Set("Date.Year", "2027").Set("Time", "10:00").Set("Location", "").SubmitAsync(mentor);
        var both = await HtmlPage.ReadAsync(badDate);
        Assert.Equal(HttpStatusCode.OK, badDate.StatusCode);
        Assert.Contains("Enter where the appointment is", both.ErrorSummary!);

        Assert.Equal(0, await app.Data.QueryAsync(db => db.Set<Contact>().CountAsync(c => c.PersonId == person.Id)));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Set<Appointment>().CountAsync(a => a.PersonId == person.Id)));
    }

    [Fact]
    public async Task The_demo_volunteer_mentors_a_demo_person_with_a_mentoring_contact_and_a_meeting_booked()
    {
        var demo = await app.Data.QueryAsync(db => db.Set<MentoringPairing>()
            .Where(p => p.MentorUserId == app.Data.UserId(Users.Volunteer) && p.EndedAt == null).OrderBy(p => p.StartedAt).FirstAsync());
        using var mentor = await app.SignedInAsync(Users.Volunteer);
        Assert.Contains($"/mentoring/{demo.PersonId}", (await mentor.GetPageAsync("/mentoring")).Links("main a"));
        var page = await mentor.GetPageAsync($"/mentoring/{demo.PersonId}");
        Assert.Contains("Newtown Library café", page.MainText);
        Assert.Contains("allotment group", page.MainText);
    }
}
