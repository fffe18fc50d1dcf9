using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Waymark.Contacts;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Web.Reminders;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// The app with its reminder sender running every second and the fake GOV.UK Notify delivering in a second, so a
/// reminder booked in the walk is sent, delivered and read back while the browser waits. Its own app and database:
/// the walk changes the demo team's settings.
/// </summary>
public sealed class KeepingInTouchWalkFixture : BrowserFixture
{
    /// <inheritdoc />
    protected override WaymarkApp CreateApp() => new(null, new Dictionary<string, string>
    {
        ["Notify:SendIntervalSeconds"] = "1",
        ["Notify:FakeDeliverySeconds"] = "1",
        ["Notify:StatusRecheckSeconds"] = "1",
    });
}

[CollectionDefinition(Name)]
public sealed class KeepingInTouchWalkCollection : ICollectionFixture<KeepingInTouchWalkFixture>
{
    public const string Name = "keeping in touch walk";
}

/// <summary>
/// Issue 13's "Done when", walked as a new user would, by keyboard, with axe on every page visited: the team manager says
/// when a person counts as not in touch; a practitioner finds a woman not reached for longer than that on the caseload,
/// records a phone call that did not connect (she is still not in touch) and a face-to-face contact (she no longer is),
/// books an appointment with a text reminder, which the fake Notify shows with its delivery, and records going with her
/// to the housing office.
/// </summary>
[Collection(KeepingInTouchWalkCollection.Name)]
public class KeepingInTouchWalkTests(KeepingInTouchWalkFixture fx)
{
    private const string Given = "Ffion";
    private const string Family = "Trevelyan";
    private const string FullName = Given + " " + Family;

    /// <summary>
    /// Someone the team has supported for six weeks whose last successful contact was 30 days ago: identified in custody,
    /// allocated to the demo practitioner, with a mobile number and consent to texts. Made in the database because
    /// identification has its own walks; everything after it is done through the pages.
    /// </summary>
    private async Task<(Guid PersonId, DateTimeOffset LastContact)> SupportedPersonAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        return await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            var identified = now.AddDays(-42);
            var person = new Person
            {
                GivenName = Given, FamilyName = Family, DateOfBirth = new DateOnly(1991, 4, 17), Sex = Sex.Female, CreatedAt = identified, CreatedBy = me,
                Phone = "07700 900123", ConsentToText = true,
            };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = identified });
            var episode = new Episode
            {
                PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant",
                IdentificationReason = "Said she had nowhere to sleep and felt hopeless", IdentifiedAt = identified, RecordedAt = identified, IdentifiedByUserId = me,
            };
            episode.Allocate(me, me, identified);
            var last = now.AddDays(-30);
            db.AddRange(person, episode, new Contact
            {
                TeamId = team, PersonId = person.Id, EpisodeId = episode.Id, Kind = ContactKind.Telephone, Reached = true, OccurredAt = last, DurationMinutes = 10,
                WorkerUserId = me, Note = "Talked about her court date.", RecordedAt = last, RecordedByUserId = me,
            });
            await db.SaveChangesAsync();
            return (person.Id, last);
        });
    }

    private static async Task TypeAsync(IPage page, string label, string text) =>
        await page.TypeByKeyboardAsync(page.GetByLabel(label, new() { Exact = true }), text);

    private static async Task TypeDateAsync(IPage page, string field, DateOnly date)
    {
        await page.TypeByKeyboardAsync(page.Locator($"input[name='{field}.Day']"), date.Day.ToString(CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.Locator($"input[name='{field}.Month']"), date.Month.ToString(CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.Locator($"input[name='{field}.Year']"), date.Year.ToString(CultureInfo.InvariantCulture));
    }

    private static ILocator RowOf(IPage page, string name) => page.Locator("tbody tr", new() { HasText = name });

    /// <summary>The row of <paramref name="name"/> in a paged list, following "Next" by keyboard until it shows (or the list ends).</summary>
    private static async Task<ILocator> FindRowAsync(IPage page, string name)
    {
        for (var i = 0; i < 40 && await RowOf(page, name).CountAsync() == 0; i++)
        {
            var next = page.GetByRole(AriaRole.Navigation, new() { Name = "Pagination" }).GetByRole(AriaRole.Link, new() { Name = "Next" });
            if (await next.CountAsync() == 0) break;
            await page.FollowLinkByKeyboardAsync(next.First);
        }
        return RowOf(page, name);
    }

    [Fact]
    public async Task A_practitioner_keeps_in_touch_and_a_person_not_reached_shows_as_not_in_touch()
    {
        var (personId, lastContact) = await SupportedPersonAsync();

        // 1. The team manager says when an episode counts as not in touch (three weeks), and that reminders may go at any hour.
        var manager = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await manager.FollowLinkByKeyboardAsync("Keeping in touch settings");
        await Expect(manager.Locator("h1")).ToContainTextAsync("Keeping in touch");
        await manager.AssertAccessibleAsync("team support settings");
        await TypeAsync(manager, "Not in touch after how many days without a successful contact?", "21");
        await TypeAsync(manager, "From", "00:00");
        await TypeAsync(manager, "To", "00:00");
        await TypeAsync(manager, "Phone number reminders tell people to call (optional)", "01632 960 001");
        await TypeAsync(manager, "Team name as reminders say it (optional)", "Northshire Liaison and Diversion");
        await manager.PressButtonAsync("Save settings");
        await manager.AssertNoErrorsAsync("team support settings saved");
        await Expect(manager.GetByLabel("Not in touch after how many days without a successful contact?", new() { Exact = true })).ToHaveValueAsync("21");
        await manager.Context.CloseAsync();

        // 2. The practitioner's caseload: not reached for 30 days, longer than the team's 21, so she is not in touch.
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.FollowLinkByKeyboardAsync("Not in touch");
        await page.AssertAccessibleAsync("not in touch");
        var row = await FindRowAsync(page, Family);
        await Expect(row).ToContainTextAsync("Not in touch");
        await Expect(row).ToContainTextAsync("last contact " + UkTime.DateOf(lastContact).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")));

        // 3. A phone call that did not connect: recorded, but it does not put her back in touch.
        await page.FollowLinkByKeyboardAsync(row.GetByRole(AriaRole.Link).First);
        await Expect(page.Locator("h1")).ToContainTextAsync("Police custody");
        await Expect(page.Locator("main")).ToContainTextAsync(FullName);
        await page.AssertAccessibleAsync("episode page with contacts and appointments");
        await page.FollowLinkByKeyboardAsync("Record a contact");
        await page.AssertAccessibleAsync("record a contact");
        await page.ChooseRadioByKeyboardAsync("Kind", "Phone call");
        await page.ChooseRadioByKeyboardAsync("Reached", "No, I tried but did not reach them");
        await TypeAsync(page, "Note", "No answer. Left a voicemail asking her to ring back.");
        await page.PressButtonAsync("Record the contact");
        await page.AssertNoErrorsAsync("phone call recorded");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/people/{personId}/timeline$"));
        await page.AssertAccessibleAsync("timeline after a call that did not connect");
        var call = page.Locator("li", new() { HasText = "No answer. Left a voicemail" });
        await Expect(call).ToContainTextAsync("Not reached");
        await page.GotoAsync("/caseload/not-in-touch");
        await Expect(await FindRowAsync(page, Family)).ToContainTextAsync("Not in touch");

        // 4. Face to face: she is in touch again and leaves the not-in-touch list.
        await page.GotoAsync($"/people/{personId}/contacts/new");
        await page.ChooseRadioByKeyboardAsync("Kind", "Face to face");
        await page.ChooseRadioByKeyboardAsync("Reached", "Yes");
        await TypeAsync(page, "How long, in minutes (optional)", "40");
        await TypeAsync(page, "Note", "Met at Newtown Library. Talked about housing and her court date; she wants help with both.");
        await page.PressButtonAsync("Record the contact");
        await page.AssertNoErrorsAsync("face-to-face contact recorded");
        await Expect(page.Locator("li", new() { HasText = "Met at Newtown Library" })).ToBeVisibleAsync();
        await page.GotoAsync("/caseload/not-in-touch");
        await Expect(await FindRowAsync(page, Family)).ToHaveCountAsync(0);
        await page.GotoAsync("/caseload/mine");
        await Expect(await FindRowAsync(page, Family)).Not.ToContainTextAsync("Not in touch");

        // 5. An appointment tomorrow with a text reminder. Booked less than the team's 24 hours ahead, the reminder is due
        //    at once; the sender sends it to the fake Notify, which delivers it, and the delivery is read back.
        var starts = UkTime.ToLocal(DateTimeOffset.UtcNow.AddHours(23));
        await page.GotoAsync($"/people/{personId}");
        await Expect(page.Locator("h1")).ToContainTextAsync(FullName);
        await page.AssertAccessibleAsync("person page with contacts and appointments");
        await page.FollowLinkByKeyboardAsync("Book an appointment");
        await page.AssertAccessibleAsync("book an appointment");
        await Expect(page.Locator("main")).ToContainTextAsync("agreed to texts");
        await TypeDateAsync(page, "Date", DateOnly.FromDateTime(starts.DateTime));
        await TypeAsync(page, "Time (UK time)", starts.ToString("HH:mm", CultureInfo.InvariantCulture));
        await TypeAsync(page, "How long (minutes)", "45");
        await TypeAsync(page, "Where", "Newtown Library, interview room 2");
        await TypeAsync(page, "What it is for", "Review her support plan");
        await page.TickByKeyboardAsync("Text message reminder");
        await page.PressButtonAsync("Book the appointment");
        await page.AssertNoErrorsAsync("appointment booked");
        await Expect(page.Locator("h1")).ToContainTextAsync("Appointment");
        var reminder = page.Locator("table", new() { HasText = "Text" }).Locator("tbody tr").First;
        for (var i = 0; i < 30 && !(await reminder.InnerTextAsync()).Contains("delivered", StringComparison.OrdinalIgnoreCase); i++)
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
        await Expect(reminder).ToContainTextAsync("delivered", new() { IgnoreCase = true });
        await page.AssertAccessibleAsync("appointment with its delivered reminder");

        // The fake Notify's outbox: the plain-English message and its delivery, with no name and no purpose.
        var fake = fx.App.Services.GetRequiredService<FakeNotifyHost>().Fake!;
        var outbox = await fx.NewPageAsync();
        await outbox.GotoAsync(fake.BaseUrl.ToString());
        await outbox.AssertAccessibleAsync("fake Notify outbox");
        var message = outbox.Locator("tbody tr", new() { HasText = "07700900123" });
        await Expect(message).ToContainTextAsync("Reminder from Northshire Liaison and Diversion");
        await Expect(message).ToContainTextAsync("Newtown Library, interview room 2");
        await Expect(message).ToContainTextAsync("01632 960 001");
        await Expect(message).ToContainTextAsync("delivered");
        await Expect(message).Not.ToContainTextAsync(Given);
        await Expect(message).Not.ToContainTextAsync("support plan");
        await outbox.Context.CloseAsync();

        // 6. Going with her to the housing office, recorded as a contact of its own kind.
        await page.GotoAsync($"/people/{personId}/contacts/new");
        await page.ChooseRadioByKeyboardAsync("Kind", "Went with them to an appointment");
        await page.ChooseRadioByKeyboardAsync("Reached", "Yes");
        await TypeAsync(page, "How long, in minutes (optional)", "90");
        await TypeAsync(page, "Who else was there or was spoken to (optional)", "Housing officer, Newtown Housing Options");
        await TypeAsync(page, "Note", "Went with her to the housing office. Homeless application made; decision due in 10 days.");
        await page.PressButtonAsync("Record the contact");
        await page.AssertNoErrorsAsync("accompanied contact recorded");
        var housing = page.Locator("li", new() { HasText = "Went with her to the housing office" });
        await Expect(housing).ToContainTextAsync("Housing officer, Newtown Housing Options");
        await Expect(page.Locator("li", new() { HasText = "Review her support plan" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("timeline with contacts and the appointment");

        // Everything was written down: the contacts, the appointment and its reminder, sent once.
        var (contacts, reminders) = await fx.QueryAsync(async db => (
            await db.Set<Contact>().Where(c => c.PersonId == personId).Select(c => new { c.Kind, c.Reached }).ToListAsync(),
            await db.Set<Waymark.Reminders.Reminder>().Where(r => r.PersonId == personId).Select(r => new { r.SentAt, r.DeliveredAt }).ToListAsync()));
        Assert.Equal(4, contacts.Count);
        Assert.Single(contacts, c => c.Kind == ContactKind.Telephone && !c.Reached);
        Assert.Single(contacts, c => c.Kind == ContactKind.AccompaniedToAppointment && c.Reached);
        var sent = Assert.Single(reminders);
        Assert.NotNull(sent.DeliveredAt);
        Assert.Single(fake.Messages, m => m.To.Replace(" ", "") == "07700900123");
    }
}
