using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>Finding a person, their record, and changing their details.</summary>
[Collection(BrowserCollection.Name)]
public class PeopleTests(BrowserFixture fx)
{
    [Fact]
    public async Task Search_person_page_and_edit_with_its_error_state()
    {
        var northshire = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        // Someone only Northshire knows, whose family name is theirs alone (so the search finds one row to follow),
        // and who has another name on record: saving must keep it (child rows are replaced on save).
        var person = await fx.QueryAsync(async db =>
        {
            // With an open episode, so the record opens without asking for a reason.
            var people = await db.People.Where(p => p.TeamLinks.Any(l => l.TeamId == northshire)
                    && db.Episodes.Any(e => e.PersonId == p.Id && e.TeamId == northshire && e.ClosedAt == null))
                .Select(p => new { p.Id, p.GivenName, p.FamilyName, Alias = p.Aliases.Select(a => a.GivenName + " " + a.FamilyName).FirstOrDefault() })
                .ToListAsync();
            return people.GroupBy(p => p.FamilyName).Where(g => g.Count() == 1).Select(g => g.Single())
                .Where(p => p.Alias != null).OrderBy(p => p.FamilyName).First();
        });

        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync("/people");
        await page.AssertAccessibleAsync("find a person");

        // Search by name, by keyboard; Enter in the field submits the search form.
        await page.TypeByKeyboardAsync(page.GetByLabel("Name", new() { Exact = true }), person.FamilyName);
        await page.NavigatesAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Contains("Name=" + Uri.EscapeDataString(person.FamilyName), page.Url, StringComparison.Ordinal);
        var results = page.GetByRole(AriaRole.Table, new() { Name = "People matching your search" });
        var link = results.GetByRole(AriaRole.Link, new() { Name = $"{person.FamilyName}, {person.GivenName}" });
        await Expect(link).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync("people search results");

        // The person page.
        await page.ClickAndWaitAsync(link);
        Assert.Equal($"/people/{person.Id}", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync($"{person.GivenName} {person.FamilyName}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Episodes" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("person page");

        // Change details: error state first.
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Change details" }));
        Assert.Equal($"/people/{person.Id}/edit", new Uri(page.Url).AbsolutePath);
        await page.AssertAccessibleAsync("change details");
        var firstName = page.GetByLabel("First name");
        await Expect(firstName).ToHaveValueAsync(person.GivenName);
        await page.GetByLabel("Last name").FillAsync(""); // a first name may be blank (one name only); a last name may not
        await page.GetByLabel("NHS number (optional)").FillAsync("123");
        await page.GetByLabel("Mobile phone (optional)").FillAsync("not a phone");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save details" }));
        await page.AssertErrorStateAsync("change details with errors",
            "Enter their last name. If they are known by one name only, enter it here and leave first name blank", "Enter a phone number, like 07700 900 982 or 01632 960 001");
        await Expect(page.Locator(".nhsuk-error-summary a")).ToHaveCountAsync(3);
        // What was typed is shown back.
        await Expect(page.GetByLabel("Mobile phone (optional)")).ToHaveValueAsync("not a phone");

        // Put it right and save.
        await page.GetByLabel("Last name").FillAsync(person.FamilyName);
        await page.GetByLabel("NHS number (optional)").FillAsync("");
        await page.GetByLabel("Mobile phone (optional)").FillAsync("07700 900 982");
        await page.GetByLabel("Name they like to be called (optional)").FillAsync("Sunny");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save details" }));
        await page.AssertNoErrorsAsync("saving corrected details");
        Assert.Equal($"/people/{person.Id}", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Details saved");
        await Expect(page.Locator(".nhsuk-summary-list__row", new() { HasText = "Name" }).First).ToContainTextAsync("(prefers Sunny)");
        await Expect(page.Locator(".nhsuk-summary-list__row", new() { HasTextRegex = new Regex("^Contact") })).ToContainTextAsync("07700 900 982");
        await Expect(page.Locator(".nhsuk-summary-list__row", new() { HasTextRegex = new Regex("^Other names") })).ToContainTextAsync(person.Alias!);
        await page.AssertAccessibleAsync("person page after saving");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Similar_names_follow_exact_ones_labelled_and_accessible()
    {
        // Issue 11, item 9: "John <name>" finds John exactly and Jon as a similar name, in its own labelled table.
        var northshire = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var family = "Quistgaard" + Guid.NewGuid().ToString("N")[..6].Replace("0", "q", StringComparison.Ordinal);
        family = new string(family.Where(char.IsLetter).ToArray());
        await fx.QueryAsync(async db =>
        {
            foreach (var given in new[] { "John", "Jon" })
            {
                var p = new Waymark.People.Person { GivenName = given, FamilyName = family, CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow };
                p.RefreshKeys();
                p.TeamLinks.Add(Waymark.People.PersonTeamLink.For(p, northshire, DateTimeOffset.UtcNow));
                db.People.Add(p);
            }
            return await db.SaveChangesAsync();
        });

        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync("/people?Name=" + Uri.EscapeDataString("John " + family));

        var exact = page.GetByRole(AriaRole.Table, new() { Name = "People matching your search" });
        var similar = page.GetByRole(AriaRole.Table, new() { Name = "People with similar names" });
        await Expect(exact.GetByRole(AriaRole.Link, new() { Name = $"{family}, John" })).ToHaveCountAsync(1);
        await Expect(similar.GetByRole(AriaRole.Link, new() { Name = $"{family}, Jon" })).ToHaveCountAsync(1);
        await Expect(similar).ToContainTextAsync("Similar name");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Similar names" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("people search with similar names");
    }

    [Fact]
    public async Task A_closed_record_asks_for_a_reason_first()
    {
        var northshire = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var personId = await fx.QueryAsync(db => db.People
            .Where(p => db.Episodes.Any(e => e.PersonId == p.Id && e.TeamId == northshire)
                     && !db.Episodes.Any(e => e.PersonId == p.Id && e.TeamId == northshire && e.ClosedAt == null))
            .Select(p => p.Id).FirstAsync());
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));

        await page.GotoAsync($"/people/{personId}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Why are you opening this record?");
        await page.AssertAccessibleAsync("reason to open a closed record");
        await page.PressButtonAsync("Open the record");
        await page.AssertErrorStateAsync("reason to open a closed record", "Select why you are opening this record");

        await page.ChooseRadioByKeyboardAsync("Purpose", page.GetByRole(AriaRole.Radio, new() { Name = "A safeguarding concern" }));
        await page.PressButtonAsync("Open the record");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Episodes" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
