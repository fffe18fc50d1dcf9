using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Crisis plans by keyboard, axe on every page: writing one with a person (the error summary first), the plan with its
/// banner on the person's page, a new version and the earlier one, the printed copy and the easy-read copy.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CrisisPlansTests(BrowserFixture fx)
{
    private async Task<(Guid Id, string Name)> PersonWithAnOpenEpisodeOfMineAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var family = "Crisisplan" + Guid.NewGuid().ToString("N")[..5];
        var id = await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddDays(-3);
            // Known since before 3 October 2026, the agreed date typed below (an agreed date cannot be before the person was known).
            var person = new Person { GivenName = "Rhian", FamilyName = family, DateOfBirth = new DateOnly(1988, 2, 14), CreatedAt = new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero), CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode { PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant", IdentificationReason = "Low mood", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me };
            episode.Allocate(me, me, at);
            db.AddRange(person, episode);
            await db.SaveChangesAsync();
            return person.Id;
        });
        return (id, "Rhian " + family);
    }

    [Fact]
    public async Task A_crisis_plan_written_with_the_person_changed_printed_and_read_in_easy_read()
    {
        var (personId, name) = await PersonWithAnOpenEpisodeOfMineAsync();
        var page = await fx.SignedInPageAsync(Ui.Email("SupportWorker"));
        await page.GotoAsync($"/people/{personId}");
        await page.FollowLinkByKeyboardAsync($"Write a crisis plan with {name}");
        await page.AssertAccessibleAsync("write a crisis plan");

        await page.PressButtonAsync("Save the crisis plan");
        await page.AssertErrorStateAsync("write a crisis plan", "Enter at least one warning sign or trigger, in the person's own words");

        await page.Locator("h1").FocusAsync();
        await page.TypeByKeyboardAsync(page.GetByLabel("Warning signs and triggers", new() { Exact = true }), "Not sleeping");
        await page.TypeByKeyboardAsync(page.GetByLabel("What I can do myself", new() { Exact = true }), "Go for a walk by the river");
        await page.TypeByKeyboardAsync(page.GetByLabel("Person 1: name", new() { Exact = true }), "Jo Test");
        await page.TypeByKeyboardAsync(page.GetByLabel("Person 1: phone number", new() { Exact = true }), "07700 900 123");
        await page.TypeByKeyboardAsync(page.GetByLabel("Who was there when it was made?", new() { Exact = true }), "Rhian and me");
        await page.ChooseRadioByKeyboardAsync("AgreedWithPerson", "Yes");
        await page.TypeByKeyboardAsync(page.GetByLabel("Day", new() { Exact = true }), "3");
        await page.TypeByKeyboardAsync(page.GetByLabel("Month", new() { Exact = true }), "10");
        await page.TypeByKeyboardAsync(page.GetByLabel("Year", new() { Exact = true }), "2026");
        await page.PressButtonAsync("Save the crisis plan");
        await page.AssertNoErrorsAsync("crisis plan saved");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Crisis plan saved");
        await Expect(page.Locator("main")).ToContainTextAsync("Samaritans");
        await page.AssertAccessibleAsync("the crisis plan");

        await page.FollowLinkByKeyboardAsync("Change the plan (saves a new version)");
        await page.TypeByKeyboardAsync(page.GetByLabel("Warning signs and triggers", new() { Exact = true }), "Not eating");
        await page.PressButtonAsync("Save the crisis plan");
        await page.AssertNoErrorsAsync("second version");
        await page.FollowLinkByKeyboardAsync("Version 1");
        await Expect(page.Locator("main")).ToContainTextAsync("This is an earlier version");
        await page.AssertAccessibleAsync("an earlier version of the crisis plan");

        await page.GotoAsync($"/people/{personId}");
        await Expect(page.Locator("[data-crisis-plan-banner]")).ToContainTextAsync("has a crisis plan (agreed 3 October 2026)");
        await page.AssertAccessibleAsync("the person's page with the crisis plan banner");

        await page.GotoAsync($"/people/{personId}/crisis-plan");
        await page.FollowLinkByKeyboardAsync("Print the plan");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"{name}'s crisis plan");
        await page.AssertAccessibleAsync("the crisis plan to print");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header.nhsuk-header")).ToBeHiddenAsync();
        await Expect(page.Locator("a[data-module=waymark-print]")).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GotoAsync($"/people/{personId}/crisis-plan");
        await page.FollowLinkByKeyboardAsync("Easy-read copy");
        await Expect(page.Locator("h1")).ToHaveTextAsync("My crisis plan");
        await Expect(page.Locator(".waymark-easy-read__section")).ToHaveCountAsync(7);
        await page.AssertAccessibleAsync("the easy-read crisis plan");
    }
}
