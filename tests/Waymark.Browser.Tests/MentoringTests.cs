using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Volunteer mentors by keyboard, axe on every page: a team manager pairs the demo volunteer with a person from their
/// record, the team's mentoring list; the volunteer sees their mentees, the mentee page, records a mentoring contact and
/// books a meeting; the manager ends the mentoring.
/// </summary>
[Collection(BrowserCollection.Name)]
public class MentoringTests(BrowserFixture fx)
{
    private async Task<(Guid Id, string Name)> PersonWithAnOpenEpisodeAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        return await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddDays(-20);
            var person = new Person { GivenName = "Rowan", FamilyName = "Mentee" + Guid.NewGuid().ToString("N")[..5], DateOfBirth = new DateOnly(1992, 4, 1), CreatedAt = at, CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode { PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant", IdentificationReason = "Low mood", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me };
            db.AddRange(person, episode);
            await db.SaveChangesAsync();
            return (person.Id, person.FullName);
        });
    }

    private static async Task FillDateAsync(IPage page, string name, DateOnly date)
    {
        await page.Locator($"input[name='{name}.Day']").FillAsync(date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator($"input[name='{name}.Month']").FillAsync(date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator($"input[name='{name}.Year']").FillAsync(date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_manager_pairs_the_volunteer_who_sees_the_mentee_records_a_contact_and_books_a_meeting_then_it_ends()
    {
        var (personId, name) = await PersonWithAnOpenEpisodeAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var manager = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await manager.GotoAsync($"/people/{personId}");
        await manager.FollowLinkByKeyboardAsync("Pair with a mentor");
        await manager.AssertAccessibleAsync("pair with a mentor");
        await manager.PressButtonAsync("Pair them");
        await manager.AssertErrorStateAsync("pair with a mentor", "Select the volunteer who will mentor them", "Enter the date they agreed to have a mentor");
        await manager.GetByLabel("Mentor").SelectOptionAsync(new SelectOptionValue { Label = "Chris Dale" });
        await FillDateAsync(manager, "AgreedOn", today.AddDays(-1));
        await manager.PressButtonAsync("Pair them");
        await manager.AssertNoErrorsAsync("paired");
        await Expect(manager.Locator("main")).ToContainTextAsync("Mentor: Chris Dale since");
        await manager.GotoAsync("/team/mentoring");
        await manager.AssertAccessibleAsync("the team's mentoring");
        await Expect(manager.Locator("main table")).ToContainTextAsync(name);

        var mentor = await fx.SignedInPageAsync(Ui.Email("Volunteer"));
        await mentor.GotoAsync("/");
        await mentor.AssertAccessibleAsync("a volunteer's home");
        await mentor.FollowLinkByKeyboardAsync(mentor.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Your mentees" }));
        await mentor.AssertAccessibleAsync("your mentees");
        await mentor.FollowLinkByKeyboardAsync(name);
        await mentor.AssertAccessibleAsync("the mentee page");

        await mentor.FollowLinkByKeyboardAsync("Record a mentoring contact");
        await mentor.AssertAccessibleAsync("record a mentoring contact");
        await mentor.PressButtonAsync("Record the contact");
        await mentor.AssertErrorStateAsync("record a mentoring contact", "Select yes if you met or spoke, or no if you tried but did not");
        await mentor.Locator("h1").FocusAsync();
        await mentor.ChooseRadioByKeyboardAsync("Reached", "Yes");
        await mentor.TypeByKeyboardAsync(mentor.GetByLabel("How long, in minutes (optional)"), "45");
        await mentor.TypeByKeyboardAsync(mentor.GetByLabel("A short note"), "Coffee and a walk by the river");
        await mentor.PressButtonAsync("Record the contact");
        await mentor.AssertNoErrorsAsync("mentoring contact");
        await Expect(mentor.GetByRole(AriaRole.Status)).ToContainTextAsync("Mentoring contact recorded");
        await Expect(mentor.Locator("main")).ToContainTextAsync("Coffee and a walk by the river");

        await mentor.FollowLinkByKeyboardAsync("Book a meeting");
        await mentor.AssertAccessibleAsync("book a meeting");
        await mentor.PressButtonAsync("Book the meeting");
        await mentor.AssertErrorStateAsync("book a meeting", "Enter the date of the appointment", "Enter where the appointment is");
        await FillDateAsync(mentor, "Date", today.AddDays(4));
        await mentor.GetByLabel("Time (UK time)").FillAsync("2pm");
        await mentor.GetByLabel("Where").FillAsync("Newtown Library café");
        await mentor.PressButtonAsync("Book the meeting");
        await mentor.AssertNoErrorsAsync("meeting booked");
        await Expect(mentor.Locator("main")).ToContainTextAsync("Newtown Library café");
        await mentor.AssertAccessibleAsync("the mentee page with a meeting and a contact");

        await manager.GotoAsync($"/people/{personId}");
        await manager.FollowLinkByKeyboardAsync("End mentoring");
        await manager.AssertAccessibleAsync("end mentoring");
        await manager.TypeByKeyboardAsync(manager.GetByLabel("Why is it ending?"), "Goals met");
        await manager.PressButtonAsync("End mentoring");
        await manager.AssertNoErrorsAsync("ended");
        await Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Mentoring ended");
    }
}
