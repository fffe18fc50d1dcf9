using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using Waymark.ThroughTheGate;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Through the gate by keyboard, axe on every page: plan a release with a meet at the gate (an empty form first), record
/// the release and the follow-up, the team's releases lists, and cancelling a plan.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ReleasesTests(BrowserFixture fx)
{
    private async Task<Guid> PersonInPrisonAsync(bool withPlan)
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        return await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddDays(-30);
            var person = new Person { GivenName = "Lee", FamilyName = "Gatewalk" + Guid.NewGuid().ToString("N")[..5], DateOfBirth = new DateOnly(1988, 3, 4), CreatedAt = at, CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode { PersonId = person.Id, TeamId = team, Setting = Setting.MagistratesCourt, IdentifiedBySource = "Court duty solicitor", IdentificationReason = "Low mood", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me };
            episode.Allocate(me, me, at);
            db.AddRange(person, episode);
            if (withPlan)
            {
                var plan = new ReleasePlan
                {
                    TeamId = team, PersonId = person.Id, EpisodeId = episode.Id, Prison = "HMP Northshire", ExpectedReleaseOn = UkTime.Today(TimeProvider.System).AddDays(4),
                    ReleaseType = ReleaseType.EndOfSentence, CreatedAt = at, CreatedByUserId = me,
                };
                plan.Refresh();
                db.Add(plan);
            }
            await db.SaveChangesAsync();
            return person.Id;
        });
    }

    [Fact]
    public async Task A_release_is_planned_with_a_meet_at_the_gate_recorded_and_followed_up_and_the_lists_and_cancelling_are_accessible()
    {
        var personId = await PersonInPrisonAsync(withPlan: false);
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync($"/people/{personId}");
        await page.FollowLinkByKeyboardAsync("Plan a release from prison");
        await page.AssertAccessibleAsync("a release plan: none yet");
        await page.FollowLinkByKeyboardAsync("Plan a release");
        await page.AssertAccessibleAsync("plan a release");

        await page.PressButtonAsync("Save the release plan");
        await page.AssertErrorStateAsync("plan a release", "Enter the prison", "Enter the expected release date", "Select how they are being released");

        var day = UkTime.Today(TimeProvider.System).AddDays(3);
        await page.TypeByKeyboardAsync(page.GetByLabel("Prison", new() { Exact = true }), "HMP Northshire");
        await page.TypeByKeyboardAsync(page.GetByLabel("Prison number (if known)"), "A1234BC");
        await page.Locator("input[name='ExpectedReleaseOn.Day']").FillAsync(day.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator("input[name='ExpectedReleaseOn.Month']").FillAsync(day.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator("input[name='ExpectedReleaseOn.Year']").FillAsync(day.Year.ToString(CultureInfo.InvariantCulture));
        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("ReleaseType", "On licence");
        await page.ChooseRadioByKeyboardAsync("MeetBy", "Someone else");
        await page.TypeByKeyboardAsync(page.GetByLabel("Who else meets them"), "Sister (Jo)");
        await page.TypeByKeyboardAsync(page.GetByLabel("Where they are met"), "Visitors' centre car park");
        await page.PressButtonAsync("Save the release plan");
        await page.AssertNoErrorsAsync("release plan saved");
        await Expect(page.Locator("main")).ToContainTextAsync("Sister (Jo)");
        await page.AssertAccessibleAsync("the release plan");

        await page.FollowLinkByKeyboardAsync("Record the release");
        await page.AssertAccessibleAsync("record the release");
        await page.PressButtonAsync("Record the release");
        await page.AssertNoErrorsAsync("release recorded");
        await Expect(page.Locator("#status")).ToContainTextAsync("Released on");

        await page.FollowLinkByKeyboardAsync("Record the follow-up");
        await page.AssertAccessibleAsync("record the follow-up");
        await page.PressButtonAsync("Record the follow-up");
        await page.AssertErrorStateAsync("record the follow-up", "Enter how the follow-up went");
        await page.TypeByKeyboardAsync(page.GetByLabel("How did it go?"), "Settled at the hostel");
        await page.PressButtonAsync("Record the follow-up");
        await page.AssertNoErrorsAsync("follow-up recorded");
        await Expect(page.Locator("#follow-up ~ p").First).ToContainTextAsync("Settled at the hostel");

        await page.GotoAsync("/releases");
        await page.AssertAccessibleAsync("releases in the next 14 days");
        await page.FollowLinkByKeyboardAsync("Follow-ups after release due");
        await page.AssertAccessibleAsync("follow-ups after release due");

        var other = await PersonInPrisonAsync(withPlan: true);
        await page.GotoAsync($"/people/{other}/release");
        await page.FollowLinkByKeyboardAsync("Cancel the plan");
        await page.AssertAccessibleAsync("cancel a release plan");
        await page.TypeByKeyboardAsync(page.GetByLabel("Why is it cancelled?"), "Release date put back");
        await page.PressButtonAsync("Cancel the plan");
        await page.AssertNoErrorsAsync("plan cancelled");
        await Expect(page.Locator("#status")).ToContainTextAsync("Cancelled");
    }
}
