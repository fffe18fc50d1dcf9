using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using static Microsoft.Playwright.Assertions;

namespace Waymark.Browser.Tests;

/// <summary>
/// Screening in a custody suite and the assessment that follows, as a practitioner does it: keyboard first,
/// axe on every page and error state, and the screening forms without JavaScript.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ScreeningTests(BrowserFixture fx)
{
    /// <summary>A synthetic adult identified in police custody an hour ago, in the demo team.</summary>
    private async Task<(Guid PersonId, Guid EpisodeId)> NewCustodyEpisodeAsync(string given)
    {
        var team = await fx.TeamIdAsync(DemoSeeder.DemoTeamName);
        return await fx.QueryAsync(async db =>
        {
            var me = await db.Users.Where(u => u.Email == Ui.Email("Practitioner")).Select(u => u.Id).SingleAsync();
            var at = DateTimeOffset.UtcNow.AddHours(-1);
            var person = new Person { GivenName = given, FamilyName = "Testcase" + Guid.NewGuid().ToString("N")[..6], DateOfBirth = new DateOnly(1988, 4, 9), CreatedAt = at, CreatedBy = me };
            person.TeamLinks.Add(new PersonTeamLink { PersonId = person.Id, TeamId = team, Since = at });
            var episode = new Episode
            {
                PersonId = person.Id, TeamId = team, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant",
                IdentificationReason = "Tearful, said he cannot go on", IdentifiedAt = at, RecordedAt = at, IdentifiedByUserId = me, AgeAtIdentification = 38,
            };
            db.AddRange(person, episode);
            await db.SaveChangesAsync();
            return (person.Id, episode.Id);
        });
    }

    private static ILocator Answer(IPage page, string item, int value) => page.Locator($"input[name='Answers[{item}]'][value='{value}']");

    [Fact]
    public async Task A_practitioner_screens_assesses_and_revises_the_formulation_by_keyboard_and_sees_it_on_the_person_page()
    {
        var (personId, episodeId) = await NewCustodyEpisodeAsync("Jonah");
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));

        await page.GotoAsync($"/episodes/{episodeId}");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Screen", Exact = true }));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Screening");
        await page.AssertAccessibleAsync("screening page");

        // GAD-7 by keyboard; first an empty save shows every question's error.
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Generalised Anxiety Disorder Assessment (GAD-7)" }));
        await page.AssertAccessibleAsync("GAD-7 form");
        await page.PressButtonAsync("Save and score");
        await page.AssertErrorStateAsync("GAD-7 form", [.. Enumerable.Range(1, 7).Select(i => $"Answer question {i}, or tick the box to say it was not answered")]);
        await page.Locator("h1").FocusAsync();
        for (var i = 1; i <= 7; i++)
            await page.ChooseRadioByKeyboardAsync($"Answers[{i}]", Answer(page, i.ToString(System.Globalization.CultureInfo.InvariantCulture), i <= 3 ? 2 : 1));
        await page.PressButtonAsync("Save and score");
        await Expect(page.Locator("h1")).ToContainTextAsync("GAD-7");
        await Expect(page.Locator(".nhsuk-summary-list__row", new() { HasText = "Score" }).First).ToContainTextAsync("10");
        await page.AssertAccessibleAsync("GAD-7 result");

        // PHQ-9 with item 9 answered: the result says act now.
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Another instrument" }));
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Patient Health Questionnaire (PHQ-9)" }));
        for (var i = 1; i <= 9; i++) await Answer(page, i.ToString(System.Globalization.CultureInfo.InvariantCulture), i == 9 ? 1 : 2).CheckAsync();
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save and score" }));
        await Expect(page.Locator(".nhsuk-warning-callout")).ToContainTextAsync("carry out a risk assessment now");
        await page.AssertAccessibleAsync("PHQ-9 result with a flag");

        // The outcome, by keyboard.
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Record screening outcome" }));
        await page.AssertAccessibleAsync("screening outcome form");
        await page.PressButtonAsync("Save outcome");
        await page.AssertErrorStateAsync("screening outcome form", "Select the level of risk to self", "Select how urgent a full assessment is", "Select what happens next");
        await page.Locator("h1").FocusAsync();
        await page.TickByKeyboardAsync("Housing");
        await page.TickByKeyboardAsync("Mental health");
        await page.ChooseRadioByKeyboardAsync("RiskToSelf", page.Locator("input[name=RiskToSelf][value=High]"));
        await page.ChooseRadioByKeyboardAsync("RiskToOthers", page.Locator("input[name=RiskToOthers][value=None]"));
        await page.ChooseRadioByKeyboardAsync("RiskFromOthers", page.Locator("input[name=RiskFromOthers][value=Medium]"));
        await page.ChooseRadioByKeyboardAsync("Urgency", page.Locator("input[name=Urgency][value=Immediate]"));
        await page.ChooseRadioByKeyboardAsync("Decision", page.Locator("input[name=Decision][value=FullAssessment]"));
        await page.PressButtonAsync("Save outcome");
        await page.AssertNoErrorsAsync("screening outcome");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Full assessment due by");
        await page.AssertAccessibleAsync("screening page with an outcome");

        // The assessment: the person's priorities, in their words; a duplicate priority is refused first.
        await page.GotoAsync($"/episodes/{episodeId}/assessment");
        await page.AssertAccessibleAsync("assessment form");
        await page.Locator("h1").FocusAsync();
        await page.TypeByKeyboardAsync(page.GetByLabel("In their own words, what do they want help with?"), "Not to end up back in a cell");
        await page.ChooseRadioByKeyboardAsync("Needs[0].Finding", page.Locator("input[name='Needs[0].Finding'][value=Need]"));
        await page.ChooseRadioByKeyboardAsync("Needs[0].Severity", page.Locator("input[name='Needs[0].Severity'][value=High]"));
        var priority = page.GetByLabel("Housing: the person's priority");
        await page.TabToAsync(priority);
        await priority.SelectOptionAsync("1");
        await page.TypeByKeyboardAsync(page.GetByLabel("Housing: in their words (optional)"), "A room that is mine");
        await page.Locator("input[name='Needs[1].Finding'][value=Need]").CheckAsync();
        await page.Locator("input[name='Needs[1].Severity'][value=Moderate]").CheckAsync();
        await page.GetByLabel("Money, benefits and debt: the person's priority").SelectOptionAsync("1");
        await page.GetByLabel("Risk summary").FillAsync("Thoughts of not going on; no plan. Sister is a protective factor.");
        await page.Locator("input[name=AdultSafeguardingConcern][value=no]").CheckAsync();
        await page.Locator("input[name=ChildSafeguardingConcern][value=no]").CheckAsync();
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save and complete assessment" }));
        await page.AssertErrorStateAsync("assessment form", "Money, benefits and debt: priority 1 is already given to Housing; give each need a different number");
        await page.GetByLabel("Money, benefits and debt: the person's priority").SelectOptionAsync("2");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save and complete assessment" }));
        await page.AssertNoErrorsAsync("assessment");
        await Expect(page.Locator("main p .nhsuk-tag").First).ToHaveTextAsync("Assessed");

        // The formulation: write it, revise it, read the first version again.
        await page.GotoAsync($"/people/{personId}/formulation");
        await page.AssertAccessibleAsync("formulation (none yet)");
        await page.PressButtonAsync("Save formulation");
        await page.AssertErrorStateAsync("formulation form", "Enter the core problems", "Enter the plan");
        await page.GetByLabel("Core problems").FillAsync("Lost his flat after the last remand; sleeping rough.");
        await page.GetByLabel("How they relate").FillAsync("No address, so no benefits; no money, so more shoplifting.");
        await page.GetByLabel("What keeps them going").FillAsync("No ID to reclaim benefits.");
        await page.GetByLabel("The plan").FillAsync("Housing first, supported to the council today.");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save formulation" }));
        await page.GetByLabel("The plan").FillAsync("Replace ID with him on Thursday, then housing.");
        await page.GetByLabel("What changed in this version (optional)").FillAsync("ID was the blocker");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("version 2");
        await page.AssertAccessibleAsync("formulation version 2");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "All versions" }));
        await page.AssertAccessibleAsync("formulation versions");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Version 1" }));
        await Expect(page.Locator("main")).ToContainTextAsync("Housing first, supported to the council today.");
        await page.AssertAccessibleAsync("formulation version 1");

        // At a glance on the person page, and the history one click away.
        await page.GotoAsync($"/people/{personId}");
        var glance = page.Locator(".waymark-glance");
        await Expect(glance).ToContainTextAsync("Housing, Mental health");
        await Expect(glance).ToContainTextAsync("Immediate");
        await Expect(glance.Locator("ol li").First).ToHaveTextAsync("Housing: “A room that is mine”");
        await page.AssertAccessibleAsync("person page at a glance");
        await page.ClickAndWaitAsync(glance.GetByRole(AriaRole.Link, new() { Name = "Screening history (1)" }));
        await page.AssertAccessibleAsync("screening history");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Team_pages_for_instruments_and_targets_are_accessible()
    {
        var page = await fx.SignedInPageAsync(Ui.Email("TeamManager"));
        await page.GotoAsync("/screening/instruments");
        await page.AssertAccessibleAsync("instrument library");
        await page.GotoAsync("/team/assessment-targets");
        await page.AssertAccessibleAsync("assessment targets");
        await page.GetByLabel("Today: within how many hours?").FillAsync("never");
        await page.PressButtonAsync("Save targets");
        await page.AssertErrorStateAsync("assessment targets", "Today target must be a number of hours, like 2 or 1.5");
        await page.Context.CloseAsync();
    }

    /// <summary>Issue 11, item 12: the AUDIT's WHO skips, hidden as you go with script and decided by the server without.</summary>
    [Fact]
    public async Task The_AUDIT_hides_skipped_questions_with_script_and_accepts_them_unanswered_without()
    {
        var (_, episodeId) = await NewCustodyEpisodeAsync("Aoife");
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner"));
        await page.GotoAsync($"/episodes/{episodeId}/screening/audit");
        await page.AssertAccessibleAsync("AUDIT form");
        var question2 = page.Locator("[data-item='2']");
        var question4 = page.Locator("[data-item='4']");
        await Expect(question2).ToBeVisibleAsync();

        // "Never" on question 1 hides 2–8; changing it back shows them again; 2 and 3 both 0 hide only 4–8.
        await Answer(page, "1", 0).CheckAsync();
        for (var i = 2; i <= 8; i++) await Expect(page.Locator($"[data-item='{i}']")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-item='9']")).ToBeVisibleAsync();
        await Answer(page, "1", 2).CheckAsync();
        await Expect(question2).ToBeVisibleAsync();
        await Answer(page, "2", 0).CheckAsync();
        await Answer(page, "3", 0).CheckAsync();
        await Expect(question4).ToBeHiddenAsync();
        await Answer(page, "3", 1).CheckAsync();
        await Expect(question4).ToBeVisibleAsync();
        await Answer(page, "3", 0).CheckAsync();
        await page.AssertAccessibleAsync("AUDIT form with questions hidden");

        await Answer(page, "9", 0).CheckAsync();
        await Answer(page, "10", 2).CheckAsync();
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save and score" }));
        await page.AssertNoErrorsAsync("AUDIT with skips");
        await Expect(page.Locator(".nhsuk-summary-list__row", new() { HasText = "Score" }).First).ToContainTextAsync("4");
        await Expect(page.Locator("main")).ToContainTextAsync("Not asked: question 2 was \"1 or 2\" and question 3 was \"Never\". Scores 0.");
        await page.AssertAccessibleAsync("AUDIT result with skipped questions");

        // Without script: nothing hides, and the server still does not demand the skipped questions.
        var scriptless = await fx.SignedInPageAsync(Ui.Email("Practitioner2"), javaScript: false);
        await scriptless.GotoAsync($"/episodes/{episodeId}/screening/audit");
        await Answer(scriptless, "1", 0).CheckAsync();
        await Expect(scriptless.Locator("[data-item='2']")).ToBeVisibleAsync();
        await Answer(scriptless, "9", 0).CheckAsync();
        await Answer(scriptless, "10", 0).CheckAsync();
        await scriptless.ClickAndWaitAsync(scriptless.GetByRole(AriaRole.Button, new() { Name = "Save and score" }));
        await scriptless.AssertNoErrorsAsync("AUDIT without script");
        await Expect(scriptless.Locator("main")).ToContainTextAsync("Not asked: question 1 was \"Never\". Scores 0.");
        await scriptless.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Screening_works_without_JavaScript()
    {
        var (_, episodeId) = await NewCustodyEpisodeAsync("Marek");
        var page = await fx.SignedInPageAsync(Ui.Email("Practitioner2"), javaScript: false);
        await Expect(page.Locator("body.js-enabled")).ToHaveCountAsync(0);
        var twin = await fx.ScriptlessTwinAsync(page);

        await page.GotoAsync($"/episodes/{episodeId}/screening/audit-c");
        await twin.GotoAsync(page.Url);
        await twin.AssertAccessibleAsync("AUDIT-C form without JavaScript");
        foreach (var (item, value) in new[] { ("1", 4), ("2", 3), ("3", 2) }) await Answer(page, item, value).CheckAsync();
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save and score" }));
        await Expect(page.Locator(".nhsuk-summary-list__row", new() { HasText = "Score" }).First).ToContainTextAsync("9");

        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Link, new() { Name = "Record screening outcome" }));
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Drug or alcohol use" }).CheckAsync();
        await page.Locator("input[name=RiskToSelf][value=Low]").CheckAsync();
        await page.Locator("input[name=RiskToOthers][value=Low]").CheckAsync();
        await page.Locator("input[name=RiskFromOthers][value=None]").CheckAsync();
        await page.Locator("input[name=Urgency][value=Routine]").CheckAsync();
        await page.Locator("input[name=Decision][value=Signpost]").CheckAsync();
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save outcome" }));
        await page.AssertErrorSummaryAsync("outcome without JavaScript", "Enter where the person was signposted to");
        await page.GetByLabel("If signposted, where to").FillAsync("Local alcohol service drop-in");
        await page.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save outcome" }));
        await page.AssertNoErrorsAsync("outcome without JavaScript");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Screening outcome recorded");
        var outcome = await fx.QueryAsync(db => db.ScreeningOutcomes.SingleAsync(o => o.EpisodeId == episodeId));
        Assert.Equal("Local alcohol service drop-in", outcome.SignpostedTo);
        Assert.Null(outcome.AssessmentDueAt);
        await twin.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
