using Microsoft.EntityFrameworkCore;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Records governance by keyboard, axe on every page (issue 16 items 2 and 3): a team manager places a legal hold from a
/// person's record (error state first), exports everything for a subject access request as the printable document; an
/// administrator opens the retention page and is refused a run without confirming.
/// </summary>
[Collection(BrowserCollection.Name)]
public class GovernanceTests(BrowserFixture fx)
{
    private async Task<Guid> PersonAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        return await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddDays(-20);
            var person = new Person { GivenName = "Rowan", FamilyName = "Governed" + Guid.NewGuid().ToString("N")[..5], DateOfBirth = new DateOnly(1988, 2, 29), CreatedAt = at, CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode { PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant", IdentificationReason = "Low mood", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me };
            db.AddRange(person, episode);
            await db.SaveChangesAsync();
            return person.Id;
        });
    }

    [Fact]
    public async Task A_manager_places_a_legal_hold_and_exports_for_a_subject_access_request_and_an_administrator_sees_retention()
    {
        var personId = await PersonAsync();
        var manager = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await manager.GotoAsync($"/people/{personId}");
        await manager.FollowLinkByKeyboardAsync("Place a legal hold");
        await manager.AssertAccessibleAsync("legal hold");
        await manager.PressButtonAsync("Place a legal hold");
        await manager.AssertErrorStateAsync("legal hold", "Enter why the records must be kept");
        await manager.GetByLabel("Why must the records be kept?").FillAsync("Complaint under investigation");
        await manager.PressButtonAsync("Place a legal hold");
        await manager.AssertNoErrorsAsync("legal hold placed");
        await manager.AssertAccessibleAsync("legal hold placed");

        await manager.GotoAsync($"/people/{personId}");
        await Expect(manager.Locator("main")).ToContainTextAsync("Complaint under investigation");
        await manager.FollowLinkByKeyboardAsync("Export everything we hold (subject access request)");
        await manager.AssertAccessibleAsync("subject access form");
        await manager.PressButtonAsync("Export");
        await manager.AssertErrorStateAsync("subject access form", "Enter the purpose of the export, for example the subject access request's reference", "Select how you want the export");
        await manager.GetByLabel("Purpose of the export").FillAsync("SAR-2026-020");
        await manager.GetByLabel("A document to read and print (HTML)").CheckAsync();
        await manager.PressButtonAsync("Export");
        await manager.AssertNoErrorsAsync("subject access export");
        await Expect(manager.Locator("h1")).ToHaveTextAsync("Subject access export");
        await manager.AssertAccessibleAsync("subject access export");

        var admin = await fx.SignedInPageAsync(Ui.Email("Administrator"));
        await admin.GotoAsync("/retention");
        await admin.AssertAccessibleAsync("retention");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Retention and destruction");
        if (await admin.GetByRole(Microsoft.Playwright.AriaRole.Button).Filter(new() { HasText = "Destroy" }).CountAsync() > 0)
        {
            await admin.GetByRole(Microsoft.Playwright.AriaRole.Button).Filter(new() { HasText = "Destroy" }).ClickAsync();
            await admin.AssertErrorStateAsync("retention", "Confirm that you have checked what the run will destroy");
        }
    }
}
