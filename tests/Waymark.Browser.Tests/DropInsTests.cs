using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Drop-ins and support networks by keyboard, axe on every new page: Find a person → Record a drop-in → saved (support
/// reopened) in two page loads; the drop-in, the day's list; a support network added to, changed and removed from.
/// </summary>
[Collection(BrowserCollection.Name)]
public class DropInsTests(BrowserFixture fx)
{
    /// <summary>A person the demo team discharged a month ago.</summary>
    private async Task<(Guid Id, string FamilyName)> DischargedPersonAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var family = "Dropin" + Guid.NewGuid().ToString("N")[..5];
        var id = await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddDays(-90);
            var person = new Person { GivenName = "Rhian", FamilyName = family, DateOfBirth = new DateOnly(1988, 2, 3), CreatedAt = at, CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode { PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant", IdentificationReason = "Low mood", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me };
            episode.StartSupport(me, at.AddDays(1));
            episode.Close(me, DateTimeOffset.UtcNow.AddDays(-30), ClosureReason.SupportCompleted, null);
            db.AddRange(person, episode);
            await db.SaveChangesAsync();
            return person.Id;
        });
        return (id, family);
    }

    [Fact]
    public async Task From_find_a_person_a_drop_in_is_recorded_and_support_reopened_in_two_page_loads_then_the_days_list()
    {
        var (personId, family) = await DischargedPersonAsync();
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync($"/people?Name={family}");
        await page.AssertAccessibleAsync("find a person with a Record a drop-in link");

        var loads = 0;
        void Count(object? sender, IFrame frame) { if (frame == page.MainFrame) loads++; }
        page.FrameNavigated += Count;
        await page.FollowLinkByKeyboardAsync(page.GetByRole(AriaRole.Link, new() { Name = $"Record a drop-in for Rhian {family}", Exact = true }));
        await page.Locator("h1").FocusAsync();
        await page.TickByKeyboardAsync("Feeling a crisis coming");
        await page.TypeByKeyboardAsync(page.GetByLabel("What helped"), "Went through the warning signs together");
        await page.ChooseRadioByKeyboardAsync("Reopen", "Yes, reopen support now (no screening)");
        await page.PressButtonAsync("Record the drop-in");
        page.FrameNavigated -= Count;
        await page.AssertNoErrorsAsync("the drop-in");
        Assert.Equal(2, loads);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Drop-in recorded and support reopened");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Drop-in");
        await page.AssertAccessibleAsync("the saved drop-in");

        await page.GotoAsync($"/people/{personId}/drop-ins/new");
        await page.AssertAccessibleAsync("record a drop-in");
        await page.PressButtonAsync("Record the drop-in");
        await page.AssertErrorStateAsync("record a drop-in", "Select why they came", "Enter what helped, or what you did");

        await page.GotoAsync("/drop-ins");
        await Expect(page.Locator("main")).ToContainTextAsync(family);
        await page.AssertAccessibleAsync("the day's drop-ins");
        var reopened = await fx.QueryAsync(db => db.Episodes.Where(e => e.PersonId == personId && e.ClosedAt == null).Select(e => e.Id).SingleAsync());
        await page.GotoAsync($"/episodes/{reopened}");
        await Expect(page.Locator("main")).ToContainTextAsync("Reopened from the episode of");
    }

    [Fact]
    public async Task A_support_network_is_added_to_changed_and_removed_from_with_do_not_contact_in_red()
    {
        var (personId, _) = await DischargedPersonAsync();
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync($"/people/{personId}/support-network");
        await page.AssertAccessibleAsync("the support network, empty");
        await page.FollowLinkByKeyboardAsync("Add someone");
        await page.AssertAccessibleAsync("add someone to the support network");
        await page.PressButtonAsync("Add them");
        await page.AssertErrorStateAsync("add someone to the support network", "Enter their name", "Select how they are related to the person");

        await page.TypeByKeyboardAsync(page.GetByLabel("Name", new() { Exact = true }), "Idris Testfather");
        await page.GetByLabel("Relationship to the person").SelectOptionAsync(new SelectOptionValue { Label = "Parent" });
        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("ConsentToContact", "No");
        await page.TickByKeyboardAsync("Do not contact this person");
        await page.TypeByKeyboardAsync(page.GetByLabel("Why must we not contact them?"), "The person says contact puts them at risk");
        await page.PressButtonAsync("Add them");
        await page.AssertNoErrorsAsync("adding someone");
        await Expect(page.Locator(".nhsuk-tag--red")).ToHaveTextAsync("Do not contact");
        await page.AssertAccessibleAsync("the support network with a do-not-contact member");

        await page.FollowLinkByKeyboardAsync(page.GetByRole(AriaRole.Link, new() { Name = "Change Idris Testfather" }));
        await page.AssertAccessibleAsync("change a member of the support network");
        await page.PressButtonAsync("Save the changes");
        await page.AssertNoErrorsAsync("changing a member");
        await page.FollowLinkByKeyboardAsync(page.GetByRole(AriaRole.Link, new() { Name = "Remove Idris Testfather" }));
        await page.AssertAccessibleAsync("remove a member of the support network");
        await page.PressButtonAsync("Remove them");
        await page.AssertErrorStateAsync("remove a member", "Enter why they are being removed");
        await page.TypeByKeyboardAsync(page.GetByLabel("Why are they being removed?"), "Moved abroad");
        await page.PressButtonAsync("Remove them");
        await page.AssertNoErrorsAsync("removing a member");
        await Expect(page.Locator("main")).ToContainTextAsync("Nobody recorded");
    }
}
