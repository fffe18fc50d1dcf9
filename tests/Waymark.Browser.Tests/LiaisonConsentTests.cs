using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Liaison;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Criminal justice agencies and consent to share with the criminal justice system (issue 12 items 1 and 2), by keyboard,
/// with axe on every new page and its error state.
/// </summary>
[Collection(BrowserCollection.Name)]
public class LiaisonConsentTests(BrowserFixture fx)
{
    private const string Custody = "Northshire Central custody suite (Police custody suite)";

    private async Task<Guid> OpenEpisodeAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        return await fx.QueryAsync(db => db.Episodes.Where(e => e.TeamId == team && e.ClosedAt == null)
            .Where(e => !db.Set<CriminalJusticeConsent>().Any(c => c.EpisodeId == e.Id))
            .OrderByDescending(e => e.IdentifiedAt).Select(e => e.Id).FirstAsync());
    }

    [Fact]
    public async Task A_practitioner_records_consent_withdraws_it_and_records_sharing_without_consent_by_keyboard()
    {
        var episode = await OpenEpisodeAsync();
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync($"/episodes/{episode}");
        await Expect(page.Locator("#criminal-justice-sharing")).ToHaveTextAsync("Sharing with the criminal justice system");
        await page.AssertAccessibleAsync("episode page with its sharing section");

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Record consent to share with criminal justice agencies" }), 200);
        await page.NavigatesAsync(() => page.Keyboard.PressAsync("Enter"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Consent to share with criminal justice agencies");
        await page.AssertAccessibleAsync("consent page");
        await page.PressButtonAsync("Record consent");
        await page.AssertErrorStateAsync("consent page", "Select whether the person has capacity to consent to this", "Enter how you judged their capacity to consent",
            "Select what the person agreed can be shared", "Select at least one agency it can be shared with", "Select what it can be shared for", "Select how consent was given");

        // Lacking capacity: refused, and pointed to sharing without consent.
        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("Capacity", "No, they do not have capacity to consent to this");
        await page.PressButtonAsync("Record consent");
        await page.AssertErrorSummaryAsync("consent refused for capacity");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "record sharing without consent" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("consent refused for capacity");

        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("Capacity", "Yes, they have capacity to consent to this");
        await page.TypeByKeyboardAsync(page.Locator("#CapacityNote"), "Understood what would be shared and with whom, and said it back");
        await page.TickByKeyboardAsync("Vulnerabilities and needs, in plain words");
        await page.TickByKeyboardAsync(Custody);
        await page.TickByKeyboardAsync("Decisions while detained: care in custody, interview, an appropriate adult");
        await page.ChooseRadioByKeyboardAsync("Form", "Verbally");
        await page.PressButtonAsync("Record consent");
        await page.AssertNoErrorsAsync("recording consent");
        await Expect(page.Locator("main")).ToContainTextAsync("Consent to share with criminal justice agencies recorded");
        await Expect(page.Locator("main .nhsuk-card").First).ToContainTextAsync("Stands");
        await page.AssertAccessibleAsync("episode page with a consent");

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Record this consent withdrawn", Exact = false }), 200);
        await page.NavigatesAsync(() => page.Keyboard.PressAsync("Enter"));
        await page.AssertAccessibleAsync("withdraw page");
        await page.TypeByKeyboardAsync(page.Locator("#Time"), "99:99");
        await page.PressButtonAsync("Record consent withdrawn");
        await page.AssertErrorStateAsync("withdraw page", "Enter a real time, like 09:30, 14:30 or 2:30pm");
        var now = Waymark.UkTime.ToLocal(DateTimeOffset.UtcNow).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("h1").FocusAsync();
        await page.TypeByKeyboardAsync(page.Locator("#Time"), now);
        await page.TypeByKeyboardAsync(page.Locator("#Note"), "Changed his mind after seeing his solicitor");
        await page.PressButtonAsync("Record consent withdrawn");
        await page.AssertNoErrorsAsync("withdrawing consent");
        await Expect(page.Locator("main .nhsuk-card").First).ToContainTextAsync("Withdrawn");

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Record sharing without consent" }), 200);
        await page.NavigatesAsync(() => page.Keyboard.PressAsync("Enter"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Share without consent");
        await page.AssertAccessibleAsync("sharing without consent page");
        await page.TypeByKeyboardAsync(page.Locator("#SecondPersonName"), "Alex Morgan");
        await page.PressButtonAsync("Record sharing without consent");
        await page.AssertErrorStateAsync("sharing without consent page", "Select the lawful basis for sharing without consent", "Enter why sharing without consent is justified",
            "Select what will be shared", "Select at least one agency it will be shared with");

        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("Basis", "Serious risk of harm to the person");
        await page.TypeByKeyboardAsync(page.Locator("#Reason"), "Said he would harm himself if released tonight; custody must know");
        await page.TickByKeyboardAsync("Vulnerabilities and needs, in plain words");
        await page.TickByKeyboardAsync(Custody);
        await page.PressButtonAsync("Record sharing without consent");
        await page.AssertErrorStateAsync("second person is the recorder", "The second person must be someone other than you: enter the name of the colleague who agreed");
        await page.Locator("h1").FocusAsync();
        await page.TypeByKeyboardAsync(page.Locator("#SecondPersonName"), "Pat Hughes, team manager");
        await page.PressButtonAsync("Record sharing without consent");
        await page.AssertNoErrorsAsync("sharing without consent");
        await Expect(page.Locator("main")).ToContainTextAsync("Shared without consent");
        await page.AssertAccessibleAsync("episode page with a disclosure");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_team_manager_keeps_the_agencies_list_by_keyboard()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await page.GotoAsync("/agencies");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Criminal justice agencies");
        await Expect(page.Locator("main")).ToContainTextAsync("Northshire Central custody suite");
        await page.AssertAccessibleAsync("agencies list");

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Add an agency" }));
        await page.NavigatesAsync(() => page.Keyboard.PressAsync("Enter"));
        await page.AssertAccessibleAsync("add an agency");
        await page.TypeByKeyboardAsync(page.Locator("#Input_SecureEmail"), "not an email");
        await page.PressButtonAsync("Save agency");
        await page.AssertErrorStateAsync("add an agency", "Select the kind of agency", "Enter the agency's name",
            "Enter the secure email address in the correct format, like custody.northshire@cjsm.invalid");

        var name = "Kingsmoor custody suite " + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("Input.Kind", "Police custody suite");
        await page.TypeByKeyboardAsync(page.Locator("#Input_Name"), name);
        await page.TypeByKeyboardAsync(page.Locator("#Input_SecureEmail"), "custody.kingsmoor@police.cjsm.invalid");
        await page.PressButtonAsync("Save agency");
        await page.AssertNoErrorsAsync("adding an agency");
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await page.AssertAccessibleAsync("agency page");

        await page.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Change the agency's details" }));
        await page.NavigatesAsync(() => page.Keyboard.PressAsync("Enter"));
        await page.AssertAccessibleAsync("change an agency");
        await page.TypeByKeyboardAsync(page.Locator("#Input_Telephone"), "01632 960110");
        await page.PressButtonAsync("Save agency");
        await page.AssertNoErrorsAsync("changing an agency");
        await page.PressButtonAsync("Retire this agency");
        await Expect(page.Locator("main")).ToContainTextAsync("retired");
        await page.AssertAccessibleAsync("retired agency page");

        await page.GotoAsync("/agencies/export");
        await page.AssertAccessibleAsync("export agencies");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the agencies" }).ClickAsync());
        Assert.StartsWith("agencies-", download.SuggestedFilename, StringComparison.Ordinal);

        await page.GotoAsync("/agencies/import");
        await page.AssertAccessibleAsync("import agencies");
        await page.PressButtonAsync("Check the file");
        await page.AssertErrorStateAsync("import agencies", "Select a CSV file of agencies to import");
        await page.Context.CloseAsync();
    }
}
