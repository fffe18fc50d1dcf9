using System.Text;
using Microsoft.Playwright;
using Waymark.Liaison;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>Proactive identification from custody and court lists: axe on every page and error state, by keyboard, and an upload without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public class ProactiveIdentificationTests(BrowserFixture fx)
{
    private async Task<string> AgencyAsync()
    {
        var team = await fx.TeamIdAsync(Waymark.Demo.DemoSeeder.DemoTeamName);
        var name = "Browser custody suite " + Guid.NewGuid().ToString("N")[..6];
        await fx.QueryAsync(async db =>
        {
            db.Add(new CriminalJusticeAgency { TeamId = team, Kind = AgencyKind.CustodySuite, Name = name, CreatedByUserId = "browser-test" });
            return await db.SaveChangesAsync();
        });
        return name;
    }

    private static FilePayload Csv(string text) => new() { Name = "custody-list.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task A_practitioner_imports_a_list_by_keyboard_checks_it_and_adds_one_person()
    {
        var agency = await AgencyAsync();
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync("/proactive");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Proactive screening queue");
        await page.AssertAccessibleAsync("proactive screening queue");

        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Import a custody or court list" }));
        await page.AssertAccessibleAsync("import a list");
        await page.Locator("#AgencyId").SelectOptionAsync(new SelectOptionValue { Label = agency });
        await page.Locator("#Upload").SetInputFilesAsync(Csv("Surname,Forenames,DOB\nExample,Alex,31/02/1990\n"));
        await page.PressButtonAsync("Check the list");
        await page.AssertErrorStateAsync("import with a bad row", "Nothing was imported: 1 problem in the list. Correct them and import the whole list again");
        await Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Line 2: The date of birth must be a real date like 27/03/1990");

        await page.Locator("#AgencyId").SelectOptionAsync(new SelectOptionValue { Label = agency });
        await page.Locator("#Upload").SetInputFilesAsync(Csv("Surname,Forenames,DOB,Sex,Time in\nBrowserexample,Alex,01/02/1990,F,00:05\n"));
        await page.PressButtonAsync("Check the list");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check the list");
        await page.AssertAccessibleAsync("list preview");
        await page.PressButtonAsync("Add the list to the queue");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Custody or court list");
        await Expect(page.Locator("main")).ToContainTextAsync("The list is in the screening queue");
        await page.AssertAccessibleAsync("confirmed list");

        await page.GotoAsync("/proactive/add");
        await page.AssertAccessibleAsync("add a person to a list");
        await page.Locator("h1").FocusAsync();
        await page.TypeByKeyboardAsync(page.Locator("#DateOfBirth"), "1990");
        await page.PressButtonAsync("Add and check");
        await page.AssertErrorStateAsync("add a person with mistakes", "Select the custody suite or court", "Enter the family name", "The date of birth must be a real date like 27/03/1990");
        await page.Locator("#AgencyId").SelectOptionAsync(new SelectOptionValue { Label = agency });
        await page.TypeByKeyboardAsync(page.Locator("#FamilyName"), "Typedexample");
        await page.TypeByKeyboardAsync(page.Locator("#DateOfBirth"), "02/03/2010");
        await page.PressButtonAsync("Add and check");
        await page.AssertNoErrorsAsync("adding a typed person");
        await Expect(page.Locator("main")).ToContainTextAsync("Typedexample");
    }

    [Fact]
    public async Task A_team_manager_chooses_the_groups_by_keyboard_and_reads_the_figures()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await page.GotoAsync("/proactive/rules");
        await page.AssertAccessibleAsync("who to screen");
        if (!await page.GetByRole(AriaRole.Checkbox, new() { Name = "Everyone under 18", Exact = true }).IsCheckedAsync())
            await page.TickByKeyboardAsync("Everyone under 18");
        await page.PressButtonAsync("Save");
        await page.AssertNoErrorsAsync("saving who to screen");
        await Expect(page.Locator("main")).ToContainTextAsync("Saved.");

        await page.GotoAsync("/proactive/figures");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Screening coverage of custody and court lists");
        await page.AssertAccessibleAsync("coverage figures");
        await page.GetByRole(AriaRole.Group, new() { Name = "From" }).GetByLabel("Day").FillAsync("31");
        await page.GetByRole(AriaRole.Group, new() { Name = "From" }).GetByLabel("Month").FillAsync("2");
        await page.GetByRole(AriaRole.Group, new() { Name = "From" }).GetByLabel("Year").FillAsync("2026");
        await page.PressButtonAsync("Show figures");
        await Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("coverage figures with a wrong date");
    }

    [Fact]
    public async Task A_list_file_uploads_without_JavaScript()
    {
        var agency = await AgencyAsync();
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner2"), javaScript: false);
        await Expect(page.Locator("body.js-enabled")).ToHaveCountAsync(0);
        await page.GotoAsync("/proactive/import");
        await page.Locator("#AgencyId").SelectOptionAsync(new SelectOptionValue { Label = agency });
        await page.Locator("#Upload").SetInputFilesAsync(Csv("Custody Record Number,Family Name,Given Names\nNS-NOJS,Scriptless,Sam\n"));
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Check the list" }));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check the list");
        await Expect(page.Locator("main")).ToContainTextAsync("Sam Scriptless");
        var twin = await fx.ScriptlessTwinAsync(page);
        await twin.GotoAsync(page.Url);
        await twin.AssertAccessibleAsync("list preview, rendered without JavaScript");
    }
}
