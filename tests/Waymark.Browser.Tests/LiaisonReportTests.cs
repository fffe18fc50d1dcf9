using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.People;
using Waymark.Referrals;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>A liaison report from the episode page to sent, printed and corrected, by keyboard, with axe on every page.</summary>
[Collection(BrowserCollection.Name)]
public partial class LiaisonReportTests(BrowserFixture fx)
{
    private async Task<(Guid EpisodeId, string AgencyName, string PersonName)> EpisodeWithConsentAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var suffix = Guid.NewGuid().ToString("N")[..5];
        var agencyName = "Browser Test Custody Suite " + suffix;
        var family = "Liaisoncase" + suffix;
        var episodeId = await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddHours(-1);
            var person = new Person { GivenName = "Owen", FamilyName = family, DateOfBirth = new DateOnly(1988, 6, 7), CreatedAt = at, CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode { PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, SettingReference = "NC/" + suffix, IdentifiedBySource = "Custody sergeant", IdentificationReason = "Confused at booking in", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me };
            var agency = new CriminalJusticeAgency { TeamId = team, Kind = AgencyKind.CustodySuite, Name = agencyName, SecureEmail = "custody@cjsm.invalid", CreatedAt = at, CreatedByUserId = me };
            var consent = new CriminalJusticeConsent
            {
                TeamId = team, EpisodeId = episode.Id, PersonId = person.Id, Information = string.Join(' ', SharedInformation.All.Select(x => x.Code)), Purposes = "detention-and-interview",
                Form = ConsentForm.Verbal, CapacityNote = "Understood and weighed it", GivenAt = at.AddMinutes(20), RecordedAt = at.AddMinutes(20), RecordedByUserId = me,
            };
            consent.Agencies.Add(new CriminalJusticeConsentAgency { ConsentId = consent.Id, AgencyId = agency.Id });
            db.AddRange(person, episode, agency, consent);
            await db.SaveChangesAsync();
            return episode.Id;
        });
        return (episodeId, agencyName, "Owen " + family);
    }

    [Fact]
    public async Task A_practitioner_writes_checks_sends_prints_and_corrects_a_report_by_keyboard()
    {
        var (episodeId, agency, personName) = await EpisodeWithConsentAsync();
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync($"/episodes/{episodeId}");
        await page.AssertAccessibleAsync("episode page with liaison reports");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Write a liaison report" }));
        await page.AssertAccessibleAsync("write a liaison report");

        // Nothing about the person's needs: refused with the error summary.
        var box = page.GetByRole(AriaRole.Checkbox, new() { Name = $"{agency} (Police custody suite)", Exact = true });
        await page.PressButtonAsync("Save and preview");
        await page.AssertErrorStateAsync("write a liaison report", "Enter the person's vulnerabilities and needs in plain words");

        await page.Locator("h1").FocusAsync();
        if (!await box.IsCheckedAsync())
        {
            await page.TabToAsync(box, 200);
            await page.Keyboard.PressAsync("Space");
            await Expect(box).ToBeCheckedAsync();
        }
        await page.TypeByKeyboardAsync(page.GetByLabel("Vulnerabilities and needs, in plain words"), "Finds long questions hard to follow.");
        var adult = page.GetByRole(AriaRole.Checkbox, new() { Name = "An appropriate adult is needed", Exact = true });
        await page.TabToAsync(adult, 200);
        await page.Keyboard.PressAsync("Space");
        await Expect(adult).ToBeCheckedAsync();
        await page.PressButtonAsync("Save and preview");
        await page.AssertNoErrorsAsync("liaison report");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check and send the liaison report");
        await page.AssertAccessibleAsync("check and send the liaison report");

        await page.PressButtonAsync("Record as sent");
        await page.AssertErrorStateAsync("check and send the liaison report", "Select how the report is sent");
        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("How", "Printed and handed over");
        await page.PressButtonAsync("Record as sent");
        await page.AssertNoErrorsAsync("sending the report");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("recorded as sent to " + agency);
        await page.AssertAccessibleAsync("liaison report");

        // The print view: the report alone (no header, menus or buttons), on one or two A4 pages.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header.nhsuk-header")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Write a correction" })).ToBeHiddenAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(personName);
        await Expect(page.Locator("main")).ToContainTextAsync("7 June 1988");
        await Expect(page.Locator("main")).ToContainTextAsync("An appropriate adult is needed");
        // Nothing is cut off at the paper's edges: at the width an A4 page leaves inside its 15 mm margins (180 mm, 680 px),
        // the heading, the report's facts, its text and its closing note start at x >= 0 and end within the page.
        var screenSize = page.ViewportSize!;
        await page.SetViewportSizeAsync(680, 1000);
        foreach (var (what, locator) in new[]
        {
            ("the heading", page.Locator("h1")),
            ("the facts", page.Locator(".waymark-report__facts")),
            ("the first section's text", page.Locator(".waymark-report p").First),
            ("the closing note", page.Locator(".waymark-report > p").Last),
        })
        {
            var b = await locator.BoundingBoxAsync() ?? throw new InvalidOperationException(what + " is not shown in print");
            Assert.True(b.X >= 0, $"In print, {what} starts at x = {b.X}, left of the paper's printable area");
            Assert.True(b.X + b.Width <= 680.5, $"In print, {what} ends at x = {b.X + b.Width}, right of the 680 px printable width");
        }
        await page.SetViewportSizeAsync(screenSize.Width, screenSize.Height);
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = false });
        Assert.InRange(PageObjects().Matches(System.Text.Encoding.Latin1.GetString(pdf)).Count, 1, 2);
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // A correction: the next version's form, then the old version still readable.
        await page.PressButtonAsync("Write a correction");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Edit the liaison report");
        await page.AssertAccessibleAsync("edit the liaison report (a correction)");
        await page.TypeByKeyboardAsync(page.GetByLabel("What was wrong in the version before (optional)"), "He has a support worker, not a carer");
        await page.PressButtonAsync("Save and preview");
        await page.AssertNoErrorsAsync("correction");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Back to the episode" }));
        await Expect(page.Locator("main")).ToContainTextAsync("version 2, a correction, is a draft");
        await Expect(page.Locator("main")).ToContainTextAsync("version 1 sent");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"/Type\s*/Page(?!s)")]
    private static partial Regex PageObjects();
}
