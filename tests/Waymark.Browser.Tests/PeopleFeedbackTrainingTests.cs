using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Issue 15 items 5–7 by keyboard, axe on every new page: the long-term attention list (purpose first), feedback on the
/// team's device (refused empty, then finished to the thank-you page), the paper sheet and typing one in, the comments,
/// training delivered (error state) and staff supervision (the team's, recording one, a worker's own).
/// </summary>
[Collection(BrowserCollection.Name)]
public class PeopleFeedbackTrainingTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_manager_gives_a_purpose_before_the_long_term_attention_list_opens()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await page.GotoAsync("/long-term-attention");
        await page.AssertAccessibleAsync("the purpose question of the long-term attention list");
        await page.PressButtonAsync("Open the list");
        await page.AssertErrorStateAsync("the purpose question with no answer", "Select why you are opening this list");
        await page.ChooseRadioByKeyboardAsync("Purpose", "A safeguarding concern");
        await page.PressButtonAsync("Open the list");
        await Expect(page.Locator("h1")).ToHaveTextAsync("People who need long-term attention");
        await page.AssertAccessibleAsync("the long-term attention list");
    }

    [Fact]
    public async Task Feedback_on_the_device_is_refused_empty_then_finished_and_the_sheet_and_type_in_pass_axe()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("SupportWorker"));
        await page.GotoAsync("/feedback/give");
        await page.AssertAccessibleAsync("the feedback form on a team device");
        await page.PressButtonAsync("Finished");
        await page.AssertErrorStateAsync("the feedback form with no answer", "Answer at least one question");
        await page.ChooseRadioByKeyboardAsync("Experience", "Good");
        await page.PressButtonAsync("Finished");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you");
        await page.AssertAccessibleAsync("the thank-you page");

        // Handed over: only "Staff: unlock" with the worker's password leads back into Waymark.
        await page.GetByRole(AriaRole.Link, new() { Name = "Staff: unlock" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Staff: unlock Waymark");
        await page.AssertAccessibleAsync("the feedback hand-over unlock page");
        await page.GetByLabel("Your password").FillAsync("Not-the-password-1!");
        await page.PressButtonAsync("Unlock");
        await page.AssertErrorStateAsync("the unlock page with a wrong password", "The password is not right");
        await page.GetByLabel("Your password").FillAsync(WaymarkApp.DemoPassword);
        await page.PressButtonAsync("Unlock");
        await Expect(page.Locator("h1")).Not.ToHaveTextAsync("Staff: unlock Waymark");

        await page.GotoAsync("/feedback/sheet");
        await page.AssertAccessibleAsync("the easy-read feedback sheet");
        await page.GotoAsync("/feedback/type-in");
        await page.AssertAccessibleAsync("typing in a feedback sheet");
        await page.PressButtonAsync("Save the sheet");
        await page.AssertErrorStateAsync("typing in a sheet with no answer", "Answer at least one question");

        var manager = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await manager.GotoAsync("/feedback/comments");
        await manager.AssertAccessibleAsync("what people told us");
    }

    [Fact]
    public async Task After_feedback_is_finished_going_back_shows_an_empty_form_and_then_the_unlock_page()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync("/caseload");
        await page.GotoAsync("/feedback/give");
        await page.ChooseRadioByKeyboardAsync("Experience", "Very good");
        await page.Locator("textarea[name='Comments']").FillAsync("Words of the first person");
        await page.PressButtonAsync("Finished");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you");

        await page.GoBackAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Tell us what you think");
        await Expect(page.Locator("input[name='Experience']:checked")).ToHaveCountAsync(0);
        await Expect(page.Locator("textarea[name='Comments']")).ToHaveValueAsync("");
        await page.GoBackAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Staff: unlock Waymark");
        await page.GotoAsync("/people");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Staff: unlock Waymark");
    }

    [Fact]
    public async Task Training_delivered_and_staff_supervision_pass_axe_with_their_error_states()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await page.GotoAsync("/training");
        await page.AssertAccessibleAsync("training delivered");
        await page.GotoAsync("/training/new");
        await page.AssertAccessibleAsync("record training delivered");
        await page.PressButtonAsync("Save");
        await page.AssertErrorStateAsync("record training with nothing chosen", "Select the kind of agency trained", "Enter how many people attended");
        await page.GotoAsync("/training");
        await page.GetByRole(AriaRole.Link, new() { Name = "Change" }).First.ClickAsync();
        await page.WaitForDocumentAsync();
        await page.AssertAccessibleAsync("change training delivered");

        await page.GotoAsync("/supervision");
        await page.AssertAccessibleAsync("staff supervision");
        await page.GotoAsync("/supervision/record");
        await page.AssertAccessibleAsync("record a supervision session");
        await page.PressButtonAsync("Save");
        await page.AssertErrorStateAsync("record supervision with nothing chosen", "Select the team member supervised", "Select the kind of supervision");

        var worker = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await worker.GotoAsync("/supervision/mine");
        await worker.AssertAccessibleAsync("your supervision");
    }
}
