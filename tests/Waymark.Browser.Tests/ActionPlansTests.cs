using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.People;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Action plans by keyboard, axe on every page: writing a plan with a goal, a step and a review date (and the error
/// states of the forms), marking a step done, recording a review, ending a goal, the printable and the easy-read copies.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ActionPlansTests(BrowserFixture fx)
{
    private async Task<Guid> PersonKnownToTheTeamAsync()
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        return await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddDays(-3);
            var person = new Person { GivenName = "Robin", FamilyName = "Planwright" + Guid.NewGuid().ToString("N")[..5], DateOfBirth = new DateOnly(1988, 4, 2), CreatedAt = at, CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            db.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });
    }

    private static async Task TypeDateAsync(IPage page, string field, DateOnly date)
    {
        await page.Locator($"input[name='{field}.Day']").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"input[name='{field}.Month']").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"input[name='{field}.Year']").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_practitioner_writes_an_action_plan_reviews_it_and_prints_the_standard_and_easy_read_copies()
    {
        var personId = await PersonKnownToTheTeamAsync();
        var today = UkTime.Today(TimeProvider.System);
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync($"/people/{personId}");
        await page.FollowLinkByKeyboardAsync("Write an action plan with Robin");
        await page.AssertAccessibleAsync("add a goal");

        await page.PressButtonAsync("Add the goal");
        await page.AssertErrorStateAsync("add a goal", "Enter what the person wants, in their own words");
        await page.TypeByKeyboardAsync(page.GetByLabel("What do they want? In their own words"), "I want to find somewhere to live");
        await page.PressButtonAsync("Add the goal");
        await page.AssertNoErrorsAsync("goal added");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Goal added");
        await page.AssertAccessibleAsync("the action plan");

        await page.FollowLinkByKeyboardAsync(page.GetByRole(AriaRole.Link, new() { Name = "Add a step (I want to find somewhere to live)", Exact = true }));
        await page.AssertAccessibleAsync("add a step");
        await page.Locator("h1").FocusAsync();
        await page.ChooseRadioByKeyboardAsync("Who", "Someone else");
        await page.PressButtonAsync("Add the step");
        await page.AssertErrorStateAsync("add a step", "Enter what will happen", "Enter who will do it");
        await page.TypeByKeyboardAsync(page.GetByLabel("What will happen"), "Ask Mum about staying for a week");
        await page.TypeByKeyboardAsync(page.GetByLabel("If someone else: who"), "Mum");
        await TypeDateAsync(page, "DueOn", today.AddDays(5));
        await page.PressButtonAsync("Add the step");
        await page.AssertNoErrorsAsync("step added");
        await Expect(page.Locator("main")).ToContainTextAsync("Ask Mum about staying for a week");

        await page.FollowLinkByKeyboardAsync("Set the review date");
        await page.AssertAccessibleAsync("set the review date");
        await TypeDateAsync(page, "NextReviewOn", today);
        await page.PressButtonAsync("Save the date");
        await page.AssertErrorStateAsync("review date today", "The next review must be after today");
        await TypeDateAsync(page, "NextReviewOn", today.AddDays(28));
        await page.PressButtonAsync("Save the date");
        await page.AssertNoErrorsAsync("review date saved");

        await page.PressButtonAsync("Done (Ask Mum about staying for a week)");
        await page.AssertNoErrorsAsync("step done");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Step marked as done");
        await page.AssertAccessibleAsync("the plan with a step done");

        await page.FollowLinkByKeyboardAsync("Record a review");
        await page.AssertAccessibleAsync("record a review");
        await page.PressButtonAsync("Record the review");
        await page.AssertErrorStateAsync("record a review", "Enter what changed or was agreed at the review", "Enter the date of the next review");
        await page.TypeByKeyboardAsync(page.GetByLabel("What changed or was agreed"), "Staying with Mum for now");
        await TypeDateAsync(page, "NextReviewOn", today.AddDays(14));
        await page.PressButtonAsync("Record the review");
        await page.AssertNoErrorsAsync("review recorded");
        await Expect(page.Locator("main")).ToContainTextAsync("Staying with Mum for now");

        await page.FollowLinkByKeyboardAsync(page.GetByRole(AriaRole.Link, new() { Name = "Change the goal (I want to find somewhere to live)", Exact = true }));
        await page.AssertAccessibleAsync("change the goal");
        await page.GotoAsync($"/people/{personId}/action-plan");
        await page.FollowLinkByKeyboardAsync(page.GetByRole(AriaRole.Link, new() { Name = "Mark as achieved or no longer wanted (I want to find somewhere to live)", Exact = true }));
        await page.AssertAccessibleAsync("end a goal");
        await page.PressButtonAsync("Save");
        await page.AssertErrorStateAsync("end a goal", "Select whether the goal was achieved or is no longer wanted");

        // The person page's summary with a plan.
        await page.GotoAsync($"/people/{personId}");
        await Expect(page.Locator("#action-plan")).ToContainTextAsync("1 goal being worked on");
        await page.AssertAccessibleAsync("the person page with an action plan");

        await page.GotoAsync($"/people/{personId}/action-plan");
        await page.FollowLinkByKeyboardAsync("Print the plan");
        await page.AssertAccessibleAsync("the printable action plan");
        await Expect(page.Locator("main")).ToContainTextAsync("I want to find somewhere to live");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header.nhsuk-header")).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GotoAsync($"/people/{personId}/action-plan");
        await page.FollowLinkByKeyboardAsync("Easy-read copy");
        await page.AssertAccessibleAsync("the easy-read action plan");
        await Expect(page.Locator("main")).ToContainTextAsync("What I want");
        var next = today.AddDays(14).ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        await Expect(page.Locator("main")).ToContainTextAsync($"We will look at this plan again on {next}.");
        await Expect(page.Locator(".waymark-easy-read__symbol").First).ToBeVisibleAsync();
    }
}
