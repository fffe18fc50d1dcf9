using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Appointments;
using Waymark.ThroughTheGate;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.ThroughTheGate;

/// <summary>Release plans through the pages: planning with meet at the gate, bad input, two editors, other teams, the 14-day list, release-day appointments, the follow-up on my tasks.</summary>
public abstract class ReleasePlanPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : ReleasePlanPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : ReleasePlanPageTests(app);

    private static DateOnly Today => UkTime.Today(TimeProvider.System);

    private static string Text(HtmlPage page, string selector) => HtmlPage.Collapse(page.Document.QuerySelector(selector)?.TextContent ?? "");

    private Task<List<ReleasePlan>> PlansAsync(Guid personId) =>
        app.Data.QueryAsync(db => db.Set<ReleasePlan>().Where(r => r.PersonId == personId).OrderBy(r => r.CreatedAt).ToListAsync());

    [Fact]
    public async Task A_practitioner_plans_a_release_with_a_meet_at_the_gate_records_it_and_the_follow_up_and_the_person_page_shows_it()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var empty = await client.GetPageAsync($"/people/{person.Id}/release");
        Assert.Equal("Release from prison", empty.H1);
        Assert.Contains($"/people/{person.Id}/release/edit", empty.Links("main a"));

        var form = (await client.GetPageAsync($"/people/{person.Id}/release/edit")).Form("main form")
            .Set("Prison", "HMP Northshire").Set("PrisonNumber", "a 1234 bc").SetDate("ExpectedReleaseOn", Today.AddDays(5)).Set("ReleaseType", "Licence")
            .Set("MeetBy", "SomeoneElse").Set("MeetOtherName", "Sister (Jo)").Set("MeetTime", "8.30am").Set("MeetPlace", "Visitors' centre car park")
            .Set("Transport", "Bus fare").Set("WhatToBring", "Coat and phone charger");
        using (var saved = await form.SubmitAsync(client))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal($"/people/{person.Id}/release", Redirects.Path(saved));
        }
        var plan = Assert.Single(await PlansAsync(person.Id));
        Assert.Equal(("A1234BC", Today.AddDays(5), GateMeeter.SomeoneElse, (TimeOnly?)new TimeOnly(8, 30), Today.AddDays(5).AddMonths(1)),
            (plan.PrisonNumber, plan.ExpectedReleaseOn, plan.MeetBy, plan.MeetTime, plan.FollowUpDueOn));
        var page = await client.GetPageAsync($"/people/{person.Id}/release");
        Assert.Contains("Sister (Jo)", page.MainText);
        // The meeting is planned for the expected day, its time as the app shows times (not "08:30").
        var planned = $"Planned for {Forms.Display.DateTime(UkTime.FromLocal(Today.AddDays(5), new TimeOnly(8, 30)))}";
        Assert.Matches(@"^Planned for \d+ \w+ \d{4} at 8:30am (GMT|BST)$", Text(page, "#meet-when"));
        Assert.Equal(planned, Text(page, "#meet-when"));
        Assert.DoesNotContain("08:30", page.MainText);
        Assert.Contains($"/people/{person.Id}/contacts/new?kind=InPrison", page.Links("main a"));
        var personPage = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Contains("Release from prison", personPage.MainText);
        Assert.Contains("Yes: Sister (Jo)", personPage.MainText);

        // The contact form opens on "In prison" for a pre-release contact.
        var contact = await client.GetPageAsync($"/people/{person.Id}/contacts/new?kind=InPrison");
        Assert.Equal("InPrison", contact.Form("main form")["Kind"]);

        // Released today: the follow-up is a month later, and it cannot be recorded twice.
        using (var released = await (await client.GetPageAsync($"/people/{person.Id}/release/released")).Form("main form").SetDate("ReleasedOn", Today).SubmitAsync(client))
            Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        plan = Assert.Single(await PlansAsync(person.Id));
        Assert.Equal((Today, Today.AddMonths(1), app.Data.UserId(Users.Practitioner)), (plan.ReleasedOn, plan.FollowUpDueOn, plan.ReleaseRecordedByUserId));
        // Released five days early: the gate meeting did not happen on the day of release, and it does not say it did.
        var afterRelease = await client.GetPageAsync($"/people/{person.Id}/release");
        Assert.Equal($"{planned}; not met: released earlier than expected", Text(afterRelease, "#meet-when"));
        Assert.DoesNotContain(Forms.Display.Date(Today) + " at", Text(afterRelease, "#meet-when"));
        using (var again = await client.GetAsync($"/people/{person.Id}/release/released")) Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using (var followed = await (await client.GetPageAsync($"/people/{person.Id}/release/follow-up")).Form("main form").Set("Note", "Settled at the hostel").SubmitAsync(client))
            Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        plan = Assert.Single(await PlansAsync(person.Id));
        Assert.Equal((Today, "Settled at the hostel"), (plan.FollowUpDoneOn, plan.FollowUpNote));
        var audits = await app.Data.QueryAsync(db => db.AuditEvents.Where(a => a.RecordType == nameof(ReleasePlan) && a.PersonId == person.Id && a.Action != Audit.AuditAction.Viewed).ToListAsync());
        Assert.Equal(3, audits.Count);
        Assert.DoesNotContain(audits, a => a.Detail!.Contains("Northshire", StringComparison.Ordinal) || a.Detail.Contains("Jo", StringComparison.Ordinal) || a.Detail.Contains("hostel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_lists_every_problem_and_keeps_what_was_typed()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var form = (await client.GetPageAsync($"/people/{person.Id}/release/edit")).Form("main form")
            .Set("Prison", "").Set("PrisonNumber", "12345").Set("ExpectedReleaseOn.Day", "31").Set("ExpectedReleaseOn.Month", "2").Set("ExpectedReleaseOn.Year", "2027")
            .Set("MeetBy", "Worker").Set("MeetTime", "half eight").Set("MeetPlace", "Gate lodge");
        using var response = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.StartsWith("Error: ", page.Document.Title, StringComparison.Ordinal);
        var summary = page.ErrorSummary!;
        foreach (var expected in new[] { "Enter the prison", "Enter the prison number like A1234BC", "Select how they are being released", "Select the member of your team who meets them", "Enter the time like 08:30" })
            Assert.Contains(expected, summary);
        Assert.Contains("ExpectedReleaseOn", string.Join(' ', page.ErrorLinks.Select(l => l.Href)));
        var kept = page.Form("main form");
        Assert.Equal(("12345", "31", "half eight", "Gate lodge", "Worker"), (kept["PrisonNumber"], kept["ExpectedReleaseOn.Day"], kept["MeetTime"], kept["MeetPlace"], kept["MeetBy"]));
        Assert.Empty(await PlansAsync(person.Id));
        // A real date far ahead (3027) is refused by the rule ("within 5 years"), not as "not a real date".
        using var far = await (await client.GetPageAsync($"/people/{person.Id}/release/edit")).Form("main form")
            .Set("Prison", "HMP Northshire").Set("ReleaseType", "Licence").Set("MeetBy", "Nobody")
            .Set("ExpectedReleaseOn.Day", "4").Set("ExpectedReleaseOn.Month", "12").Set("ExpectedReleaseOn.Year", "3027").SubmitAsync(client);
        var farPage = await HtmlPage.ReadAsync(far);
        Assert.Contains("The expected release date must be within 5 years from today", farPage.ErrorSummary!);
        Assert.DoesNotContain("real date", farPage.ErrorSummary!);
    }

    [Fact]
    public async Task Two_editors_changing_the_plan_the_second_is_told_of_the_conflict_and_nothing_is_overwritten()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var plan = await app.Data.AddReleasePlanAsync(episode);
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.SupportWorker);
        var one = (await first.GetPageAsync($"/people/{episode.PersonId}/release/edit")).Form("main form");
        var two = (await second.GetPageAsync($"/people/{episode.PersonId}/release/edit")).Form("main form");
        Assert.Equal("HMP Northshire", one["Prison"]);
        using (var saved = await one.Set("Prison", "HMP Eastshire").SubmitAsync(first)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var conflict = await two.Set("Prison", "HMP Westshire").SubmitAsync(second);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("Someone else changed this release plan", (await HtmlPage.ReadAsync(conflict)).ErrorSummary!);
        Assert.Equal("HMP Eastshire", Assert.Single(await PlansAsync(episode.PersonId)).Prison);

        // Two people cancelling at once: the second is refused too.
        var c1 = (await first.GetPageAsync($"/people/{episode.PersonId}/release/cancel")).Form("main form");
        var c2 = (await second.GetPageAsync($"/people/{episode.PersonId}/release/cancel")).Form("main form");
        using (var cancelled = await c1.Set("Reason", "Release date put back").SubmitAsync(first)) Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        using var twice = await c2.Set("Reason", "Transferred").SubmitAsync(second);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.NotNull((await HtmlPage.ReadAsync(twice)).ErrorSummary);
        Assert.Equal("Release date put back", Assert.Single(await PlansAsync(episode.PersonId)).CancelReason);
        _ = plan;
    }

    [Fact]
    public async Task Another_teams_person_and_plan_are_404_on_every_release_page_and_absent_from_their_list()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddReleasePlanAsync(episode, 2);
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        foreach (var url in new[] { "", "/edit", "/released", "/cancel", "/follow-up" }.Select(s => $"/people/{person.Id}/release{s}"))
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
        }
        var list = await client.GetPageAsync("/releases");
        Assert.DoesNotContain($"/people/{person.Id}/release", list.Links("main a"));
    }

    [Fact]
    public async Task The_releases_list_shows_only_the_teams_open_plans_expected_today_to_14_days_ahead()
    {
        async Task<Guid> PlanAsync(Guid team, int days, Action<ReleasePlan>? with = null)
        {
            var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(team);
            await app.Data.AddReleasePlanAsync(episode, days, with);
            return person.Id;
        }
        var yesterday = await PlanAsync(app.Data.Northshire, -1);
        var today = await PlanAsync(app.Data.Northshire, 0, p => { p.MeetBy = GateMeeter.Worker; p.MeetWorkerUserId = app.Data.UserId(Users.SupportWorker); p.MeetPlace = "Gate"; });
        var in14 = await PlanAsync(app.Data.Northshire, 14);
        var in15 = await PlanAsync(app.Data.Northshire, 15);
        var released = await PlanAsync(app.Data.Northshire, 3, p => p.Released(Today, app.Data.UserId(Users.Practitioner)));
        var cancelled = await PlanAsync(app.Data.Northshire, 3, p => { p.CancelledAt = DateTimeOffset.UtcNow; p.CancelledByUserId = app.Data.UserId(Users.Practitioner); p.CancelReason = "Put back"; });
        var southshire = await PlanAsync(app.Data.Southshire, 3, p => { p.CreatedByUserId = app.Data.UserId(Users.SouthshirePractitioner); });

        using var client = await app.SignedInAsync(Users.TeamManager);
        var shown = new List<string>();
        for (var n = 1; n < 40; n++)
        {
            var page = await client.GetPageAsync($"/releases?page={n}");
            if (n == 1) Assert.Equal("Releases from prison", page.H1);
            var links = page.Links("#releases a");
            if (links.Count == 0) break;
            shown.AddRange(links);
            if (!page.Links("main a").Any(l => l.Contains($"page={n + 1}", StringComparison.Ordinal))) break;
        }
        Assert.Contains($"/people/{today}/release", shown);
        Assert.Contains($"/people/{in14}/release", shown);
        foreach (var hidden in new[] { yesterday, in15, released, cancelled, southshire }) Assert.DoesNotContain($"/people/{hidden}/release", shown);
        var first = await client.GetPageAsync("/releases");
        if (first.Links("#releases a").Contains($"/people/{today}/release")) Assert.Contains("Yes: ", first.MainText);
    }

    [Fact]
    public async Task The_follow_up_appears_on_the_key_workers_tasks_and_the_list_from_its_due_date_not_before()
    {
        var me = app.Data.UserId(Users.Practitioner);
        async Task<Guid> ReleasedAsync(DateOnly on)
        {
            var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire, e => e.KeyWorkerId = me);
            await app.Data.AddReleasePlanAsync(episode, -40, p => p.Released(on, me));
            return person.Id;
        }
        // Released a month ago today: due today. Released a month ago tomorrow: due tomorrow.
        var dueToday = await ReleasedAsync(Today.AddMonths(-1));
        var dueTomorrow = await ReleasedAsync(Today.AddDays(1).AddMonths(-1));
        Assert.True(Today.AddDays(1).AddMonths(-1).AddMonths(1) > Today);

        using var client = await app.SignedInAsync(Users.Practitioner);
        var tasks = await client.GetPageAsync("/tasks");
        Assert.Contains("Follow-up after release from prison due", tasks.MainText);
        var links = tasks.Links("main a");
        Assert.Contains($"/people/{dueToday}/release", links);
        Assert.DoesNotContain($"/people/{dueTomorrow}/release", links);
        var list = await client.GetPageAsync("/releases?view=follow-ups");
        Assert.DoesNotContain($"/people/{dueTomorrow}/release", list.Links("#releases a"));

        // Another worker's tasks do not show it.
        using var other = await app.SignedInAsync(Users.SupportWorker);
        Assert.DoesNotContain($"/people/{dueToday}/release", (await other.GetPageAsync("/tasks")).Links("main a"));
    }

    [Fact]
    public async Task A_release_day_appointment_is_booked_from_the_plan_and_listed_on_it()
    {
        var (person, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var plan = await app.Data.AddReleasePlanAsync(episode, 3);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var planPage = await client.GetPageAsync($"/people/{person.Id}/release");
        var bookUrl = $"/people/{person.Id}/appointments/new?release={plan.Id}&purpose=GP";
        Assert.Contains(bookUrl, planPage.Links("#book-release-day a"));

        var book = await client.GetPageAsync(bookUrl);
        Assert.Contains($"/people/{person.Id}/release", book.Links("a.nhsuk-back-link__link"));
        var form = book.Form("main form");
        Assert.Contains("GP", form["Purpose"]);
        Assert.Equal(plan.ExpectedReleaseOn.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), form["Date.Day"]);
        using (var booked = await form.Set("Time", "11:00").Set("Location", "Newtown Health Centre").SubmitAsync(client))
            Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var appointment = await app.Data.QueryAsync(db => db.Set<Appointment>().SingleAsync(a => a.PersonId == person.Id));
        Assert.Equal(plan.Id, appointment.ReleasePlanId);
        var after = await client.GetPageAsync($"/people/{person.Id}/release");
        Assert.Contains($"/appointments/{appointment.Id}", after.Links("main a"));
        Assert.Contains("Booked", after.MainText);
        Assert.Null(after.Document.QuerySelector("#check-appointments"));

        // Released three days early: the appointment still booked for the expected day is listed to check or reschedule.
        using (var released = await (await client.GetPageAsync($"/people/{person.Id}/release/released")).Form("main form").SetDate("ReleasedOn", Today).SubmitAsync(client))
            Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        var early = await client.GetPageAsync($"/people/{person.Id}/release");
        Assert.Contains("still booked for " + Forms.Display.Date(plan.ExpectedReleaseOn), Text(early, "#check-appointments"));
        Assert.Contains($"/appointments/{appointment.Id}", early.Links("#check-appointments a"));

        // Another person's plan is not found, so no appointment can be linked to it.
        var (someoneElse, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var wrong = await client.GetAsync($"/people/{someoneElse.Id}/appointments/new?release={plan.Id}&purpose=GP");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
    }
}
