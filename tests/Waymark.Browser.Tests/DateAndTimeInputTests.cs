using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>Date errors land on the wrong box, and a time that happened twice is asked about (issue 11 items 6 and 13).</summary>
[Collection(BrowserCollection.Name)]
public class DateAndTimeInputTests(BrowserFixture fx)
{
    /// <summary>The most recent last Sunday of October at least a day ago: its 01:30 happened twice.</summary>
    private static DateOnly LastOctoberChange()
    {
        var today = UkTime.Today(TimeProvider.System);
        static DateOnly LastSunday(int year)
        {
            var d = new DateOnly(year, 10, 31);
            while (d.DayOfWeek != DayOfWeek.Sunday) d = d.AddDays(-1);
            return d;
        }
        return LastSunday(today.Year) < today ? LastSunday(today.Year) : LastSunday(today.Year - 1);
    }

    [Fact]
    public async Task A_missing_month_links_to_the_month_box_and_a_custody_time_that_happened_twice_is_asked_about()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync("/identification");
        await page.PressButtonAsync("Start now");
        await page.WaitForPageAsync(u => new Uri(u).AbsolutePath.EndsWith("/setting", StringComparison.Ordinal));

        var day = LastOctoberChange();
        await page.ChooseRadioByKeyboardAsync("Setting", "Police custody");
        await page.TypeByKeyboardAsync(page.GetByLabel("Day"), day.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.GetByLabel("Month"), "");
        await page.TypeByKeyboardAsync(page.GetByLabel("Year"), day.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.TypeByKeyboardAsync(page.GetByLabel("Time identified"), "01:30");
        await page.PressButtonAsync("Continue");

        // Only the month box is wrong: the summary links to it and only it is marked.
        await page.AssertErrorStateAsync("setting step without a month", "Date identified must include a month");
        var link = page.Locator(".nhsuk-error-summary a");
        await Expect(link).ToHaveAttributeAsync("href", "#When-month");
        await link.ClickAsync();
        await Expect(page.GetByLabel("Month")).ToBeFocusedAsync();
        await Expect(page.Locator("input.nhsuk-input--error")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Month")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("nhsuk-input--error"));

        // 01:30 that night happened twice: the page asks which, without script.
        await page.TypeByKeyboardAsync(page.GetByLabel("Month"), "10");
        await page.PressButtonAsync("Continue");
        var message = UkTime.ReadTyped(day, new TimeOnly(1, 30), null, "Time identified").Error!;
        await page.AssertErrorStateAsync("setting step with a time that happened twice", message);
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "01:30 BST (the first 01:30, before the clocks went back)" })).ToBeVisibleAsync();
        await page.ChooseRadioByKeyboardAsync("ClockChange", "01:30 GMT (the second 01:30, after the clocks went back)");
        await page.PressButtonAsync("Continue");
        await page.WaitForPageAsync(u => new Uri(u).AbsolutePath.EndsWith("/reason", StringComparison.Ordinal));
    }
}
