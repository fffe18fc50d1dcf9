using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Teams;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>What a support worker is offered (docs/security.md, "Who may do what"), by keyboard, with axe on each page.</summary>
[Collection(BrowserCollection.Name)]
public class PermissionsTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_support_worker_changes_a_phone_number_and_reads_the_assessment_without_clinical_actions()
    {
        var northshire = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        // An assessed demo episode that is still open, so every part of the episode page is there.
        var episode = await fx.QueryAsync(db => db.Episodes
            .Where(e => e.TeamId == northshire && e.ClosedAt == null && e.AssessedAt != null && db.Assessments.Any(a => a.EpisodeId == e.Id))
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.PersonId }).FirstAsync());
        var page = await fx.SignedInPageAsync(await fx.AddUserAsync(Roles.SupportWorker, "Sky Support"));

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Record an identification" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/episodes/{episode.Id}");
        await Expect(page.Locator("form[action$='handler=Close']")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Make a referral" })).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync("episode page for a support worker");

        await page.GotoAsync($"/episodes/{episode.Id}/assessment");
        await Expect(page.Locator("main form")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("assessment, read-only");
        await page.GotoAsync($"/people/{episode.PersonId}/formulation");
        await Expect(page.Locator("main form")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("formulation, read-only");

        await page.GotoAsync($"/people/{episode.PersonId}/edit");
        await Expect(page.GetByLabel("First name")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("change details for a support worker");
        var phone = page.GetByLabel("Mobile phone (optional)");
        await page.TypeByKeyboardAsync(phone, "not a phone");
        await page.PressButtonAsync("Save details");
        await page.AssertErrorStateAsync("change details for a support worker with an error", "Enter a phone number, like 07700 900 982 or 01632 960 001");
        await page.TypeByKeyboardAsync(phone, "07700 900 982");
        await page.PressButtonAsync("Save details");
        await page.AssertNoErrorsAsync("saving a phone number");
        Assert.Equal($"/people/{episode.PersonId}", new Uri(page.Url).AbsolutePath);
        Assert.Equal("07700 900 982", await fx.QueryAsync(db => db.People.Where(p => p.Id == episode.PersonId).Select(p => p.Phone).SingleAsync()));
        await page.Context.CloseAsync();
    }
}
