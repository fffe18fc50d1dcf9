using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Appointments with axe on every new page: book one with a text reminder (an error state first), open it, reschedule
/// it, record a cancellation, see the diary day and week, and create a calendar feed address.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AppointmentsTests(BrowserFixture fx)
{
    private async Task<(Guid Person, string Family)> PersonOfMineAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var family = "Diary" + Guid.NewGuid().ToString("N")[..5];
        var id = await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddDays(-2);
            var person = new Person
            {
                GivenName = "Jordan", FamilyName = family, DateOfBirth = new DateOnly(1990, 2, 3), CreatedAt = at, CreatedBy = me,
                Phone = "07700 900456", ConsentToText = true,
            };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode { PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant", IdentificationReason = "Confused", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me };
            episode.Allocate(me, me, at);
            db.AddRange(person, episode);
            await db.SaveChangesAsync();
            return person.Id;
        });
        return (id, family);
    }

    [Fact]
    public async Task Book_with_a_text_reminder_cancel_it_and_see_the_diary_and_a_calendar_feed()
    {
        var (personId, family) = await PersonOfMineAsync();
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync($"/people/{personId}/appointments/new");
        await page.AssertAccessibleAsync("book an appointment");
        await Expect(page.Locator("main")).ToContainTextAsync("They have agreed to texts at 07700 900456");

        await page.PressButtonAsync("Book the appointment");
        await page.AssertErrorStateAsync("book an appointment", "Enter the date of the appointment", "Enter where the appointment is");

        var day = UkTime.Today(TimeProvider.System).AddDays(1);
        await page.Locator("input[name='Date.Day']").FillAsync(day.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator("input[name='Date.Month']").FillAsync(day.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator("input[name='Date.Year']").FillAsync(day.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Time (UK time)").FillAsync("10:30");
        await page.GetByLabel("Where", new() { Exact = true }).FillAsync("Newtown Housing Options, 1 High Street");
        await page.GetByLabel("Yes, a worker goes with them to someone else's appointment").CheckAsync();
        await page.GetByLabel("Who the appointment is with (if a worker goes with them)").FillAsync("Housing officer, Newtown Housing Options");
        await page.GetByLabel("What it is for").FillAsync("Homelessness assessment");
        await page.GetByLabel("Text message reminder").CheckAsync();
        await page.PressButtonAsync("Book the appointment");
        await page.AssertNoErrorsAsync("booking");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Accompanied appointment");
        await page.AssertAccessibleAsync("an appointment");

        var first = page.Url;
        // Moved to 11:00: a new appointment that supersedes the first (kept, marked rescheduled).
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Reschedule", Exact = true }));
        await page.AssertAccessibleAsync("reschedule an appointment");
        await page.GetByLabel("Time (UK time)").FillAsync("11:00");
        await page.GetByLabel("Why is it being rescheduled?").FillAsync("The housing officer is in court at 10:30");
        await page.PressButtonAsync("Reschedule");
        await page.AssertNoErrorsAsync("rescheduling");
        await Expect(page.Locator("main")).ToContainTextAsync("Rescheduled from");
        // The old one's reschedule page now says where it went and offers no form.
        var second = page.Url;
        await page.GotoAsync(first + "/reschedule");
        await Expect(page.Locator("h1")).ToHaveTextAsync("This appointment was rescheduled");
        await page.AssertAccessibleAsync("reschedule an appointment already rescheduled");
        await page.GotoAsync(second);

        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Cancel the appointment" }));
        await page.AssertAccessibleAsync("cancel an appointment");
        await page.GetByLabel("Cancelled by the other service").CheckAsync();
        await page.PressButtonAsync("Save the outcome");
        await page.AssertNoErrorsAsync("cancelling");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Outcome recorded: Cancelled by the other service");

        await page.GotoAsync($"/diary?date={day:yyyy-MM-dd}");
        await Expect(page.Locator("main")).ToContainTextAsync(family);
        await page.AssertAccessibleAsync("my diary");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Week", Exact = true }));
        await Expect(page.Locator("main")).ToContainTextAsync(family);
        await page.AssertAccessibleAsync("my week");

        // A team manager chooses whose diary to see, by name, without JavaScript needed (a GET form).
        var manager = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await manager.GotoAsync($"/diary/week?start={day:yyyy-MM-dd}");
        await manager.AssertAccessibleAsync("a manager's week with whose diary to see");
        var practitionerId = await fx.QueryAsync(db => db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync());
        await manager.GetByLabel("Whose diary").SelectOptionAsync(practitionerId);
        await manager.ClickAndWaitAsync(manager.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }));
        await Expect(manager.Locator("main")).ToContainTextAsync(family);
        await manager.AssertAccessibleAsync("a worker's week chosen by a manager");

        await page.GotoAsync("/diary/feed");
        await page.AssertAccessibleAsync("my calendar feed");
        var create = page.GetByRole(AriaRole.Button, new() { Name = "Create a calendar feed address" });
        if (await create.CountAsync() == 0) create = page.GetByRole(AriaRole.Button, new() { Name = "Replace the address (the old one stops working)" });
        await page.ClickAndWaitAsync(create);
        await Expect(page.Locator("#feed-address")).ToContainTextAsync("/calendar/");
        await page.AssertAccessibleAsync("my calendar feed with its new address");
    }
}
