using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Reminders;
using Waymark.Web.Reminders;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Reminders with axe: the fake Notify's outbox (the message and its delivery), a failed reminder on the person page
/// dealt with by keyboard, and the person's reminders page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RemindersTests(BrowserFixture fx)
{
    [Fact]
    public async Task The_fake_Notify_outbox_shows_a_sent_reminder_and_its_delivery_and_is_accessible()
    {
        var fake = fx.App.Services.GetRequiredService<FakeNotifyHost>().Fake!;
        var notify = fx.App.Services.GetRequiredService<INotifyGateway>();
        var reference = Guid.NewGuid().ToString();
        var sent = await notify.SendSmsAsync("07700 900123", "Reminder from Northshire Liaison and Diversion: you have an appointment on Tuesday 1 December at 2:30pm at Newtown Library.", reference);
        Assert.True(sent.Accepted);

        var page = await fx.NewPageAsync();
        await page.GotoAsync(fake.BaseUrl.ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Messages sent through the fake GOV.UK Notify");
        var row = page.Locator("tbody tr", new() { HasText = reference });
        await Expect(row).ToContainTextAsync("at 2:30pm at Newtown Library");
        await page.AssertAccessibleAsync("fake Notify outbox");
    }

    [Fact]
    public async Task A_failed_reminder_on_the_person_page_is_marked_as_dealt_with_by_keyboard()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var family = "Remindme" + Guid.NewGuid().ToString("N")[..5];
        var personId = await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddHours(-3);
            var person = new Person { GivenName = "Rita", FamilyName = family, DateOfBirth = new DateOnly(1985, 2, 3), CreatedAt = at, CreatedBy = me, Phone = "07700 900999", ConsentToText = true };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode { PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant", IdentificationReason = "Low mood", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me };
            episode.Allocate(me, me, at);
            var now = DateTimeOffset.UtcNow;
            db.AddRange(person, episode, new Reminder
            {
                TeamId = team, PersonId = person.Id, Channel = ReminderChannel.Text, EventAt = now.AddDays(1), DueAt = now.AddHours(-1), CreatedAt = at, CreatedByUserId = me,
                SendingStartedAt = now.AddHours(-1), SentAt = now.AddHours(-1), NotifyNotificationId = Guid.NewGuid().ToString(), Body = "Reminder from Northshire Liaison and Diversion: you have an appointment.",
                DeliveryStatus = "permanent-failure", FailedAt = now.AddMinutes(-20), FailureReason = ReminderSender.FailureReason("permanent-failure"),
            });
            await db.SaveChangesAsync();
            return person.Id;
        });

        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync("/tasks");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reminders that failed" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("my tasks with a failed reminder");

        await page.GotoAsync($"/people/{personId}");
        await Expect(page.Locator("#reminders-failed")).ToContainTextAsync("permanent failure");
        await page.AssertAccessibleAsync("person page with a failed reminder");
        var button = page.Locator("#reminders-failed button", new() { HasText = "Mark as dealt with" });
        await page.TabToAsync(button);
        await page.NavigatesAsync(() => page.Keyboard.PressAsync("Enter"));
        await Expect(page.Locator("#reminders-failed")).ToHaveCountAsync(0);

        await page.GotoAsync($"/people/{personId}/reminders");
        await Expect(page.Locator("h1")).ToContainTextAsync("Reminders to Rita");
        await Expect(page.Locator("main")).ToContainTextAsync("Dealt with");
        await page.AssertAccessibleAsync("a person's reminders");
    }
}
