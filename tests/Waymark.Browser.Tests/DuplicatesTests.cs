using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.People;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>A team manager scans for duplicates, reviews a pair and merges it, by keyboard, with axe on every page.</summary>
[Collection(BrowserCollection.Name)]
public class DuplicatesTests(BrowserFixture fx)
{
    [Fact]
    public async Task Queue_review_with_its_error_state_merge_and_the_merged_record()
    {
        var northshire = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var family = "Smyth" + new string(Guid.NewGuid().ToByteArray().Take(6).Select(b => (char)('a' + b % 26)).ToArray());
        Person Make(string given, DateOnly dob)
        {
            var p = new Person { GivenName = given, FamilyName = family, DateOfBirth = dob, Postcode = "NS1 4AB", CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "browser-test" };
            p.TeamLinks.Add(new PersonTeamLink { PersonId = p.Id, TeamId = northshire, Since = DateTimeOffset.UtcNow });
            p.RefreshKeys();
            return p;
        }
        var jon = Make("Jon", new DateOnly(1985, 12, 3));
        var john = Make("John", new DateOnly(1985, 3, 12));
        await fx.QueryAsync(async db =>
        {
            db.People.AddRange(jon, john);
            return await db.SaveChangesAsync();
        });

        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        // With the header full, the NHS header moves the last items into its "More" menu.
        var link = page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Duplicates", Exact = true });
        if (!await link.IsVisibleAsync()) await page.Locator("#toggle-menu").ClickAsync();
        await page.ClickAndWaitAsync(link);
        Assert.Equal("/duplicates", new Uri(page.Url).AbsolutePath);
        await page.PressButtonAsync("Scan for duplicates");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Scan finished");
        await page.AssertAccessibleAsync("duplicates queue");

        var candidateId = await fx.QueryAsync(db => db.DuplicateCandidates
            .Where(c => (c.PersonAId == jon.Id && c.PersonBId == john.Id) || (c.PersonAId == john.Id && c.PersonBId == jon.Id))
            .Select(c => c.Id).SingleAsync());
        await page.GotoAsync($"/duplicates/{candidateId}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Are these the same person?");
        await page.AssertAccessibleAsync("review a pair");

        await page.PressButtonAsync("Save decision");
        await page.AssertErrorStateAsync("review a pair", "Select whether to merge these records, and which to keep, or that they are not the same person");

        var keepJohn = page.GetByRole(AriaRole.Radio, new() { Name = "Merge these records, keeping John " + family, Exact = false });
        await page.ChooseRadioByKeyboardAsync("Decision", keepJohn);
        await page.PressButtonAsync("Save decision");
        Assert.StartsWith("/duplicates/merges/", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Jon {family} merged into John {family}");
        await page.AssertAccessibleAsync("merge record");

        await page.GotoAsync($"/people/{jon.Id}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("This record has been merged");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"John {family}" })).ToHaveAttributeAsync("href", $"/people/{john.Id}");
        await page.AssertAccessibleAsync("merged person");
    }
}
