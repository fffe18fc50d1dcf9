using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>The identification journey, start to finish, as a practitioner.</summary>
[Collection(BrowserCollection.Name)]
public partial class JourneyTests(BrowserFixture fx)
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [GeneratedRegex(@"/identification/[0-9a-f-]{36}/(setting|reason|person|matches|check)$")]
    private static partial Regex StepUrl();

    private static Task AtStepAsync(IPage page, string step) =>
        page.WaitForPageAsync(u => StepUrl().Match(new Uri(u).AbsolutePath) is { Success: true } m && m.Groups[1].Value == step);

    [Fact]
    public async Task Identification_journey_by_keyboard_with_every_error_state()
    {
        // Someone the team already knows, so "do we know this person?" has candidates to offer.
        var northshire = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        var known = await fx.QueryAsync(db => db.People
            .Where(p => p.DateOfBirth != null && p.TeamLinks.Any(l => l.TeamId == northshire))
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName)
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, Dob = p.DateOfBirth!.Value })
            .FirstAsync());

        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));

        // Start: from the header menu, by keyboard.
        var menuLink = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Record an identification" });
        await page.TabToAsync(menuLink);
        await page.NavigatesAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Equal("/identification", new Uri(page.Url).AbsolutePath);
        await page.AssertAccessibleAsync("identification start page");
        await page.PressButtonAsync("Start now");

        // Setting: radios, text, date, time.
        await AtStepAsync(page, "setting");
        await page.AssertAccessibleAsync("setting step");
        var day = page.GetByLabel("Day");
        var month = page.GetByLabel("Month");
        var year = page.GetByLabel("Year");
        var time = page.GetByLabel("Time identified");
        await page.TypeByKeyboardAsync(day, "");
        await page.TypeByKeyboardAsync(month, "");
        await page.TypeByKeyboardAsync(year, "");
        await page.TypeByKeyboardAsync(time, "");
        await page.PressButtonAsync("Continue");
        await page.AssertErrorStateAsync("setting step with nothing entered",
            "Select where they were identified", "Enter the date they were identified", "Enter the time they were identified");

        var yesterday = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London).AddDays(-1);
        await page.ChooseRadioByKeyboardAsync("Setting", "Police custody");
        await page.TypeByKeyboardAsync(page.GetByLabel("Custody record number or case reference (optional)"), "NC-2026-0042");
        await page.TypeByKeyboardAsync(day, yesterday.Day.ToString(CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(month, yesterday.Month.ToString(CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(year, yesterday.Year.ToString(CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(time, "09:30");
        await page.PressButtonAsync("Continue");

        // Reason: text, textarea, checkboxes.
        await AtStepAsync(page, "reason");
        await page.AssertAccessibleAsync("reason step");
        await page.PressButtonAsync("Continue");
        await page.AssertErrorStateAsync("reason step with nothing entered", "Enter who identified them", "Enter why they were identified");
        await page.TypeByKeyboardAsync(page.GetByLabel("Who identified them"), "Custody sergeant");
        await page.TypeByKeyboardAsync(page.GetByLabel("Why they were identified"), "Seemed confused about where they were and asked for their medication.");
        await page.TickByKeyboardAsync("Mental health");
        await page.TickByKeyboardAsync("Drug or alcohol use");
        await page.PressButtonAsync("Continue");

        // Person.
        await AtStepAsync(page, "person");
        await page.AssertAccessibleAsync("person step");
        await page.PressButtonAsync("Continue");
        await page.AssertErrorStateAsync("person step with nothing entered", "Enter their last name. If they are known by one name only, enter it here and leave first name blank"); // a first name is optional (one name only)
        await page.TypeByKeyboardAsync(page.GetByLabel("First name"), known.GivenName);
        await page.TypeByKeyboardAsync(page.GetByLabel("Last name"), known.FamilyName);
        await page.TypeByKeyboardAsync(page.GetByLabel("Day"), known.Dob.Day.ToString(CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.GetByLabel("Month"), known.Dob.Month.ToString(CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.GetByLabel("Year"), known.Dob.Year.ToString(CultureInfo.InvariantCulture));
        await page.ChooseRadioByKeyboardAsync("Sex", "Not known");
        await page.PressButtonAsync("Continue");

        // Do we know this person? The seeded person is offered; the practitioner says this is someone new.
        await AtStepAsync(page, "matches");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Do you already know this person?");
        await Expect(page.Locator($"input[type=radio][value='{known.Id}']")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync("do we know this person step");
        await page.PressButtonAsync("Continue");
        await page.AssertErrorStateAsync("do we know this person step with nothing chosen", "Select the person this is, or that this is a new person");
        await page.ChooseRadioByKeyboardAsync("Choice", "No, none of these – this is a new person");
        await page.PressButtonAsync("Continue");

        // Check your answers.
        await AtStepAsync(page, "check");
        await page.AssertAccessibleAsync("check your answers");
        var answers = page.Locator("main");
        await Expect(Row(answers, "Where")).ToHaveTextAsync("Police custody");
        await Expect(Row(answers, "Reference")).ToHaveTextAsync("NC-2026-0042");
        await Expect(Row(answers, "Identified by")).ToHaveTextAsync("Custody sergeant");
        await Expect(Row(answers, "Possible vulnerabilities")).ToHaveTextAsync("Mental health, Drug or alcohol use");
        await Expect(Row(answers, "Record")).ToHaveTextAsync("A new person");
        await Expect(Row(answers, "Name")).ToHaveTextAsync($"{known.GivenName} {known.FamilyName}");
        await Expect(Row(answers, "When")).ToContainTextAsync($"at 9:30am");
        await page.PressButtonAsync("Record identification");

        // The new person's page.
        await page.WaitForPageAsync(new Regex(@"/people/[0-9a-f-]{36}$"));
        var newId = Guid.Parse(new Uri(page.Url).AbsolutePath["/people/".Length..]);
        Assert.NotEqual(known.Id, newId);
        await Expect(page.Locator("h1")).ToHaveTextAsync($"{known.GivenName} {known.FamilyName}");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Identification recorded");
        var episodes = page.GetByRole(AriaRole.Table, new() { Name = "Episodes with liaison and diversion" });
        await Expect(episodes.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(episodes.Locator("tbody tr")).ToContainTextAsync("Police custody");
        await page.AssertAccessibleAsync("new person's page");
        await page.Context.CloseAsync();
    }

    private static ILocator Row(ILocator scope, string key) =>
        scope.Locator(".nhsuk-summary-list__row").Filter(new() { Has = scope.Page.Locator("dt", new() { HasTextRegex = new Regex($"^{Regex.Escape(key)}$") }) })
            .Locator(".nhsuk-summary-list__value");
}
