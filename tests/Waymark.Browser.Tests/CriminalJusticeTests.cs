using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.People;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Criminal justice events by keyboard only, axe on every new page: charged and bailed to court, a hearing tomorrow the
/// key worker is reminded of, a community order with an MHTR whose clock the team manager then sees.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CriminalJusticeTests(BrowserFixture fx)
{
    private async Task<(Guid Episode, string Family, string Court)> ScreenedEpisodeOfMineWithACourtAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var family = "Courtcase" + Guid.NewGuid().ToString("N")[..5];
        var court = "Browser Magistrates' Court " + Guid.NewGuid().ToString("N")[..5];
        var id = await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddHours(-3);
            var person = new Person { GivenName = "Dale", FamilyName = family, DateOfBirth = new DateOnly(1981, 4, 5), CreatedAt = at, CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode { PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant", IdentificationReason = "Confused", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me };
            episode.Allocate(me, me, at);
            episode.RecordScreened(me, at.AddMinutes(20));
            db.AddRange(person, episode, new CriminalJusticeAgency { TeamId = team, Kind = AgencyKind.MagistratesCourt, Name = court, CreatedByUserId = me });
            await db.SaveChangesAsync();
            return episode.Id;
        });
        return (id, family, court);
    }

    [Fact]
    public async Task Charged_bailed_to_court_a_hearing_tomorrow_in_my_tasks_and_an_MHTR_clock_for_the_manager()
    {
        var (episodeId, family, court) = await ScreenedEpisodeOfMineWithACourtAsync();
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync($"/episodes/{episodeId}");
        await page.AssertAccessibleAsync("episode with its criminal justice section");

        // Police decision: an error state first, then outcome 1 by keyboard.
        await page.FollowLinkByKeyboardAsync("Police decision");
        await page.AssertAccessibleAsync("record a police decision");
        await page.PressButtonAsync("Record police decision");
        await page.AssertErrorStateAsync("record a police decision", "Select the police decision");
        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("PoliceDecision", "Outcome 1: Charged or summonsed");
        await page.PressButtonAsync("Record police decision");
        await page.AssertNoErrorsAsync("police decision");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Police decision recorded");

        await page.FollowLinkByKeyboardAsync("Remand or bail");
        await page.AssertAccessibleAsync("record remand or bail");
        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("RemandOrBail", "Bail to court");
        await page.PressButtonAsync("Record remand or bail");
        await page.AssertNoErrorsAsync("bail to court");

        // The hearing, tomorrow at 10:00, with support.
        await page.FollowLinkByKeyboardAsync("Court hearing");
        await page.AssertAccessibleAsync("record a court hearing");
        var tomorrow = UkTime.Today(TimeProvider.System).AddDays(1);
        await page.TypeByKeyboardAsync(page.Locator("input[name='HearingDate.Day']"), tomorrow.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.Locator("input[name='HearingDate.Month']"), tomorrow.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.Locator("input[name='HearingDate.Year']"), tomorrow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.GetByLabel("Time (UK time)"), "10:00");
        var courtSelect = page.GetByLabel("Court", new() { Exact = true });
        await page.TabToAsync(courtSelect);
        await courtSelect.SelectOptionAsync(new SelectOptionValue { Label = court });
        await page.ChooseRadioByKeyboardAsync("HearingType", "First appearance");
        await page.TickByKeyboardAsync("The person should be supported at court");
        await page.PressButtonAsync("Record court hearing");
        await page.AssertNoErrorsAsync("hearing");

        await page.GotoAsync("/tasks");
        await Expect(page.Locator("main")).ToContainTextAsync("Court hearings to support");
        await Expect(page.Locator("main")).ToContainTextAsync(court);
        await page.AssertAccessibleAsync("my tasks with a hearing to support");

        // The court outcome: a community order with an MHTR, recorded as of 30 days ago so its clock is breached.
        await page.GotoAsync($"/episodes/{episodeId}");
        await page.FollowLinkByKeyboardAsync("Court outcome");
        await page.AssertAccessibleAsync("record a court outcome");
        await page.Locator("h1").FocusAsync();
        var ordered = UkTime.Today(TimeProvider.System).AddDays(-30);
        await page.TypeByKeyboardAsync(page.Locator("input[name='On.Day']"), ordered.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.Locator("input[name='On.Month']"), ordered.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.Locator("input[name='On.Year']"), ordered.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ChooseRadioByKeyboardAsync("CourtOutcome", "Community order");
        await page.TickByKeyboardAsync("Mental health treatment (MHTR)");
        await page.PressButtonAsync("Record court outcome");
        await page.AssertNoErrorsAsync("court outcome");
        await Expect(page.Locator("main")).ToContainTextAsync("Wait for MHTR treatment");
        await page.AssertAccessibleAsync("episode with events and a clock");
        await page.Context.CloseAsync();

        var manager = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await manager.GotoAsync("/criminal-justice/clocks");
        await Expect(manager.Locator("main table")).ToContainTextAsync(family, new() { IgnoreCase = true });
        await manager.AssertAccessibleAsync("criminal justice clocks");
        await manager.FollowLinkByKeyboardAsync("Change the targets");
        await manager.AssertAccessibleAsync("clock targets");
        await manager.TypeByKeyboardAsync(manager.GetByLabel("Prison to hospital transfer: within how many days?"), "0");
        await manager.PressButtonAsync("Save targets");
        await manager.AssertErrorStateAsync("clock targets", "Transfer target must be a whole number of days from 1 to 365");
        await manager.Context.CloseAsync();
    }
}
