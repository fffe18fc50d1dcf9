using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>The local services directory as a practitioner and a team manager use it: axe on every page and error state.</summary>
[Collection(BrowserCollection.Name)]
public class DirectoryTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_practitioner_searches_the_demo_directory_adds_a_service_by_keyboard_and_verifies_it()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Directory", Exact = true }));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Local services");
        await page.AssertAccessibleAsync("directory search");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Housing", Exact = true }).CheckAsync();
        await page.GetByLabel("Postcode, district or area").FillAsync("NS");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Search" }));
        await Expect(page.Locator("main h2").First).ToContainTextAsync("matching service");
        await page.AssertAccessibleAsync("directory results");

        await page.GetByLabel("Postcode, district or area").FillAsync("Nowhere at all");
        await page.GetByLabel("Age of the person").FillAsync("old");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Search" }));
        await page.AssertErrorStateAsync("directory search", "Enter a postcode like NS1 4AB, a district like NS1 or an area like NS", "Age must be a whole number from 0 to 120");

        // A demo service, with its contacts and what works with them.
        var demo = await fx.QueryAsync(db => db.Services.Where(s => s.Name == "Northshire Housing Options").Select(s => s.Id).SingleAsync());
        await page.GotoAsync($"/directory/services/{demo}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Northshire Housing Options");
        await page.AssertAccessibleAsync("service page");

        // Add a service: first with mistakes, then by keyboard.
        await page.GotoAsync("/directory/services/new");
        await page.AssertAccessibleAsync("add a service");
        await page.Locator("#Input_Locations_0__Address").FillAsync("4 Harbour Walk");
        await page.Locator("#Input_Locations_0__Postcode").FillAsync("not a postcode");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save service" }));
        await page.AssertErrorStateAsync("add a service", "Choose the organisation that runs the service, or enter a new one", "Enter the name of the service",
            "Select at least one need the service meets", "Location 1: enter a real postcode, like NS1 4AB");

        await page.Locator("h1").FocusAsync();
        await page.Locator("#Input_OrganisationId").SelectOptionAsync("new");
        await page.TypeByKeyboardAsync(page.Locator("#Input_NewOrganisationName"), "Harbour Trust (fictional)");
        var name = "Harbour Food Project " + Guid.NewGuid().ToString("N")[..6];
        await page.TypeByKeyboardAsync(page.Locator("#Input_Name"), name);
        await page.TickByKeyboardAsync("Food");
        await page.TypeByKeyboardAsync(page.Locator("#Input_Locations_0__Postcode"), "NS5 2QT");
        await page.PressButtonAsync("Save service");
        await page.AssertNoErrorsAsync("saving a new service");
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("main")).ToContainTextAsync("Never verified");

        await page.PressButtonAsync("Verified today");
        await Expect(page.Locator("main")).ToContainTextAsync("Marked as checked today");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Never verified");
        await page.AssertAccessibleAsync("service page after verifying");

        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Change details" }));
        await page.AssertAccessibleAsync("change a service");
        await page.Locator("#Input_Sessions_0__Day").SelectOptionAsync("Friday");
        await page.Locator("#Input_Sessions_0__Opens").FillAsync("14:00");
        await page.Locator("#Input_Sessions_0__Closes").FillAsync("14:00");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save service" }));
        await page.AssertErrorStateAsync("change a service", "Session 1 (Friday): opening and closing times are the same; if it closes after midnight enter the time it closes the next morning, and for a service open all day enter 00:00 to 00:00");
    }

    [Fact]
    public async Task A_team_manager_opens_import_and_export_and_an_empty_import_is_an_accessible_error()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await page.GotoAsync("/directory");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "export", Exact = true }));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Export services");
        await page.AssertAccessibleAsync("export page");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the directory" }).ClickAsync());
        Assert.StartsWith("directory-", download.SuggestedFilename, StringComparison.Ordinal);

        await page.GotoAsync("/directory/import");
        await page.AssertAccessibleAsync("import page");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Import" }));
        await page.AssertErrorStateAsync("import page", "Select an Open Referral UK JSON file to import");

        var path = await download.PathAsync();
        await page.Locator("#Upload").SetInputFilesAsync(path);
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Import" }));
        await Expect(page.Locator("main")).ToContainTextAsync("updated");
        await page.AssertAccessibleAsync("import page after importing");
    }
}
