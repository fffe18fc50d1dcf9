using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Assessment;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using Waymark.ServiceDirectory;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>A supported referral from choosing the service to the figures, by keyboard where it counts, axe on every page.</summary>
[Collection(BrowserCollection.Name)]
public class ReferralTests(BrowserFixture fx)
{
    private async Task<Guid> AssessedEpisodeWithAHousingServiceAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        return await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddHours(-3);
            var person = new Person { GivenName = "Ezra", FamilyName = "Refercase" + Guid.NewGuid().ToString("N")[..5], DateOfBirth = new DateOnly(1979, 2, 3), CreatedAt = at, CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode { PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant", IdentificationReason = "Sleeping rough", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me };
            episode.RecordScreened(me, at.AddMinutes(10));
            episode.RecordAssessed(me, at.AddMinutes(40));
            var a = new PsychosocialAssessment { TeamId = team, EpisodeId = episode.Id, PersonId = person.Id, StartedByUserId = me, UpdatedByUserId = me, RiskSummary = "Low" };
            a.Needs.Add(new AssessedNeed { AssessmentId = a.Id, Domain = "housing", Finding = NeedFinding.Need, Severity = Severity.High, PersonPriority = 1, InTheirWords = "Somewhere dry to sleep" });
            var org = new Organisation { TeamId = team, Name = "Northshire Council (browser test)" };
            var service = new LocalService { TeamId = team, OrganisationId = org.Id, Name = "Browser Test Housing Options", Phone = "01632 960123", LastVerifiedAt = at };
            service.Needs.Add(new ServiceNeed { ServiceId = service.Id, Domain = "housing" });
            db.AddRange(person, episode, a, org, service);
            await db.SaveChangesAsync();
            return episode.Id;
        });
    }

    [Fact]
    public async Task A_practitioner_makes_a_supported_referral_follows_it_up_and_the_manager_sees_the_decline()
    {
        var episodeId = await AssessedEpisodeWithAHousingServiceAsync();
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync($"/episodes/{episodeId}");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Make a referral" }));
        await page.AssertAccessibleAsync("make a referral");
        await page.PressButtonAsync("Save and mark as sent");
        await page.AssertErrorStateAsync("make a referral", "Choose a service", "Select how the referral is made", "Select whether the referral is supported");

        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("Choice", page.GetByRole(AriaRole.Radio, new() { Name = "Browser Test Housing Options" }).First);
        await page.ChooseRadioByKeyboardAsync("Method", page.Locator("input[name=Method][value=Phone]"));
        await page.ChooseRadioByKeyboardAsync("Supported", page.Locator("input[name=Supported][value=yes]"));
        await page.TypeByKeyboardAsync(page.GetByLabel("If supported, how"), "Alex meets him at the council offices");
        await page.PressButtonAsync("Save and mark as sent");
        await page.AssertNoErrorsAsync("referral");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Referral sent");
        await page.AssertAccessibleAsync("referral page");
        var referralUrl = new Uri(page.Url).AbsolutePath;

        // An error state of the step form, then the decline.
        await page.GetByRole(AriaRole.Radio, new() { Name = "Declined" }).CheckAsync();
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }));
        await page.AssertErrorStateAsync("referral step", "Select why the service declined");
        await page.GetByLabel("If declined, why").SelectOptionAsync("BelowThreshold");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }));
        await Expect(page.Locator("main p .nhsuk-tag").First).ToHaveTextAsync("Declined");

        // The summary waits for consent.
        await page.GotoAsync(referralUrl + "/summary");
        await Expect(page.Locator("main")).ToContainTextAsync("No consent to share");
        await page.AssertAccessibleAsync("referral summary without consent");

        await page.GotoAsync("/tasks");
        await page.AssertAccessibleAsync("my tasks");
        await page.GotoAsync("/tasks/team");
        await page.AssertAccessibleAsync("team overdue follow-ups");
        await page.GotoAsync($"/episodes/{episodeId}/outcomes/new");
        await page.AssertAccessibleAsync("record an outcome");

        // No suitable service for a need: refused without a reason, then recorded.
        await page.GotoAsync($"/episodes/{episodeId}/unmet-need?need=housing");
        await page.AssertAccessibleAsync("record an unmet need");
        await page.PressButtonAsync("Record unmet need");
        await page.AssertErrorStateAsync("record an unmet need", "Select why no referral could be made");
        await page.GetByLabel("The service's waiting list is closed").CheckAsync();
        await page.PressButtonAsync("Record unmet need");
        await Expect(page.Locator("main table")).ToContainTextAsync("The service's waiting list is closed");
        await page.AssertAccessibleAsync("unmet need recorded");
        await page.Context.CloseAsync();

        var manager = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await manager.GotoAsync("/figures/unmet-need");
        await Expect(manager.Locator("h1")).ToHaveTextAsync("Unmet need: evidence for commissioners");
        await Expect(manager.Locator("#figure-unmet-totals")).ToContainTextAsync("Housing");
        await Expect(manager.Locator("#figure-unmet-below-threshold")).ToContainTextAsync("Housing");
        await manager.AssertAccessibleAsync("unmet need figures");
        await manager.GetByLabel("Year").First.FillAsync("20x6");
        await manager.PressButtonAsync("Show figures");
        await manager.AssertErrorStateAsync("unmet need figures with a bad date", "From date must be a real date, using numbers only");
        await manager.GotoAsync("/team/follow-up");
        await manager.AssertAccessibleAsync("follow-up days");
        await manager.GetByLabel("Days after sending").FillAsync("every week");
        await manager.PressButtonAsync("Save");
        await manager.AssertErrorStateAsync("follow-up days", "Enter up to 6 numbers of days from 1 to 365, separated by commas, like 7, 28");
        await manager.Context.CloseAsync();
    }
}
