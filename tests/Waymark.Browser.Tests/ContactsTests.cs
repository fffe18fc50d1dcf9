using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Contacts by keyboard, axe on every new page: a phone call that did not connect, a face-to-face contact, the timeline,
/// one contact, correcting it and marking one as entered in error.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ContactsTests(BrowserFixture fx)
{
    private async Task<Guid> PersonWithAnOpenEpisodeOfMineAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        return await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddDays(-3);
            var person = new Person { GivenName = "Jo", FamilyName = "Keepintouch" + Guid.NewGuid().ToString("N")[..5], DateOfBirth = new DateOnly(1990, 6, 1), CreatedAt = at, CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode { PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant", IdentificationReason = "Low mood", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me };
            episode.Allocate(me, me, at);
            db.AddRange(person, episode);
            await db.SaveChangesAsync();
            return person.Id;
        });
    }

    [Fact]
    public async Task A_call_that_did_not_connect_and_a_face_to_face_contact_on_the_timeline_then_corrected_and_marked_in_error()
    {
        var personId = await PersonWithAnOpenEpisodeOfMineAsync();
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync($"/people/{personId}");
        await page.FollowLinkByKeyboardAsync("Record a contact");
        await page.AssertAccessibleAsync("record a contact");

        // An empty form first: the error summary, accessible.
        await page.PressButtonAsync("Record the contact");
        await page.AssertErrorStateAsync("record a contact", "Select how the contact happened", "Select yes if you reached them, or no if you tried but did not");

        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("Kind", "Phone call");
        await page.ChooseRadioByKeyboardAsync("Reached", "No, I tried but did not reach them");
        await page.TypeByKeyboardAsync(page.GetByLabel("Note"), "No answer, left a voicemail");
        await page.PressButtonAsync("Record the contact");
        await page.AssertNoErrorsAsync("phone call not reached");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Contact recorded");
        await page.AssertAccessibleAsync("the timeline");

        await page.FollowLinkByKeyboardAsync("Record a contact");
        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("Kind", "Face to face");
        await page.ChooseRadioByKeyboardAsync("Reached", "Yes");
        await page.TypeByKeyboardAsync(page.GetByLabel("How long, in minutes (optional)"), "40");
        await page.TypeByKeyboardAsync(page.GetByLabel("Note"), "Met at the library; talked about housing");
        await page.PressButtonAsync("Record the contact");
        await page.AssertNoErrorsAsync("face to face");
        await Expect(page.Locator("main")).ToContainTextAsync("Phone call (not reached)");
        await Expect(page.Locator("main")).ToContainTextAsync("Met at the library");

        // One contact, then its correction.
        await page.FollowLinkByKeyboardAsync("Face to face");
        await page.AssertAccessibleAsync("one contact");
        await page.FollowLinkByKeyboardAsync("Correct this contact");
        await page.AssertAccessibleAsync("correct a contact");
        await page.TypeByKeyboardAsync(page.GetByLabel("How long, in minutes (optional)"), "50");
        await page.PressButtonAsync("Save the correction");
        await page.AssertNoErrorsAsync("correction");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Contact corrected");
        await page.AssertAccessibleAsync("the corrected contact with its history");

        await page.FollowLinkByKeyboardAsync("Mark as entered in error");
        await page.AssertAccessibleAsync("mark a contact as entered in error");
        await page.PressButtonAsync("Mark as entered in error");
        await page.AssertErrorStateAsync("entered in error", "Select why the contact was entered in error");
        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("Why", "It was recorded twice");
        await page.PressButtonAsync("Mark as entered in error");
        await page.AssertNoErrorsAsync("entered in error");
        await Expect(page.Locator("main")).ToContainTextAsync("Entered in error");

        // The timeline with filters open.
        await page.GotoAsync($"/people/{personId}/timeline?Reached=no&Show=all");
        await page.AssertAccessibleAsync("the filtered timeline");
        await Expect(page.Locator("main")).ToContainTextAsync("Phone call (not reached)");
    }
}
