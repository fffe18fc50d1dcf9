using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.ActionPlans;
using Waymark.Web.Forms;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.ActionPlans;

/// <summary>Action plans through the pages: writing one with the person, bad input, two editors, reviews due, other teams and roles.</summary>
public abstract class ActionPlanPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : ActionPlanPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : ActionPlanPageTests(app);

    private static DateOnly Today => UkTime.Today(TimeProvider.System);

    private static async Task<string> RedirectOfAsync(Task<HttpResponseMessage> posting)
    {
        using var response = await posting;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return Redirects.Path(response);
    }

    [Fact]
    public async Task A_support_worker_writes_a_plan_with_a_goal_a_step_and_a_review_and_the_person_page_print_and_easy_read_show_it()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var before = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Contains("No action plan", before.MainText);
        Assert.Contains($"/people/{person.Id}/action-plan/goal", before.Links("main a"));
        Assert.Contains($"Write an action plan with {person.GivenName}", before.MainText);

        var goalForm = await client.GetPageAsync($"/people/{person.Id}/action-plan/goal");
        Assert.Equal("Add a goal", goalForm.H1);
        Assert.Equal($"/people/{person.Id}/action-plan", (await RedirectOfAsync(goalForm.Form("main form")
            .Set("InTheirWords", "I want to find somewhere to live").Set("WhyItMatters", "So my kids can stay").SubmitAsync(client))).Split('#')[0]);
        var goal = await app.Data.QueryAsync(db => db.Set<ActionPlanGoal>().SingleAsync(g => g.PersonId == person.Id));

        var due = Today.AddDays(4);
        var stepForm = await client.GetPageAsync($"/people/{person.Id}/action-plan/goal/{goal.Id}/step");
        await RedirectOfAsync(stepForm.Form("main form").Set("What", "Call the council about a flat").Set("Who", "Worker")
            .Set("WorkerUserId", app.Data.UserId(Users.Practitioner)).SetDate("DueOn", due).SubmitAsync(client));
        var reviewOn = Today.AddDays(30);
        await RedirectOfAsync((await client.GetPageAsync($"/people/{person.Id}/action-plan/review-date")).Form("main form").SetDate("NextReviewOn", reviewOn).SubmitAsync(client));

        var plan = await client.GetPageAsync($"/people/{person.Id}/action-plan");
        Assert.Equal("Action plan", plan.H1);
        Assert.Contains("I want to find somewhere to live", plan.MainText);
        Assert.Contains("Call the council about a flat", plan.MainText);
        Assert.Contains(Display.Date(due), plan.MainText);
        Assert.Contains(Display.Date(reviewOn), plan.MainText);
        Assert.DoesNotContain("Review due", plan.MainText);
        Assert.DoesNotContain("Overdue", plan.MainText);

        var summary = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Contains("1 goal being worked on", summary.MainText);
        Assert.Contains("Call the council about a flat", summary.MainText);
        Assert.Contains($"/people/{person.Id}/action-plan/easy-read", summary.Links("main a"));
        Assert.Contains($"/people/{person.Id}/action-plan/print", summary.Links("main a"));

        var easy = await client.GetPageAsync($"/people/{person.Id}/action-plan/easy-read");
        Assert.Contains("What I want", easy.MainText);
        // One voice, the person's: "This is my plan", and never "you" for them.
        Assert.Contains("This is my plan.", easy.MainText);
        Assert.DoesNotContain("Who: You", easy.MainText);
        Assert.Contains("Print this easy-read copy", easy.MainText);
        Assert.Contains("I want to find somewhere to live.", easy.MainText);
        Assert.Contains($"By {EasyReadDay(due)}.", easy.MainText);
        Assert.Contains($"We will look at this plan again on {EasyReadDay(reviewOn)}.", easy.MainText);
        Assert.Contains($"/people/{person.Id}/action-plan/print", easy.Links("main a"));
        Assert.Equal(easy.Document.QuerySelectorAll(".waymark-easy-read h2").Length, easy.Document.QuerySelectorAll(".waymark-easy-read__symbol").Length - 1);
        var print = await client.GetPageAsync($"/people/{person.Id}/action-plan/print");
        Assert.Contains("Call the council about a flat", print.MainText);
        Assert.Empty(print.Document.QuerySelectorAll("main form"));

        // The step is done, a review recorded, and the goal achieved.
        await RedirectOfAsync(plan.Form("main form[action*='handler=Done']").SubmitAsync(client));
        var review = (await client.GetPageAsync($"/people/{person.Id}/action-plan/review")).Form("main form")
            .Set("Note", "Has a viewing on Monday").SetDate("NextReviewOn", Today.AddDays(14));
        await RedirectOfAsync(review.SubmitAsync(client));
        await RedirectOfAsync((await client.GetPageAsync($"/people/{person.Id}/action-plan/goal/{goal.Id}/end")).Form("main form").Set("Ending", "Achieved").SubmitAsync(client));

        var stored = await app.Data.QueryAsync(async db => (
            Step: await db.Set<ActionPlanStep>().SingleAsync(s => s.PersonId == person.Id),
            Goal: await db.Set<ActionPlanGoal>().SingleAsync(g => g.PersonId == person.Id),
            Plan: await db.Set<ActionPlan>().SingleAsync(p => p.PersonId == person.Id),
            Review: await db.Set<ActionPlanReview>().SingleAsync(r => r.PersonId == person.Id)));
        var supportWorker = app.Data.UserId(Users.SupportWorker);
        Assert.Equal((StepOwner.Worker, app.Data.UserId(Users.Practitioner), due, supportWorker), (stored.Step.Who, stored.Step.WorkerUserId, stored.Step.DueOn, stored.Step.DoneByUserId));
        Assert.Equal((GoalStatus.Achieved, supportWorker), (stored.Goal.Status, stored.Goal.AchievedByUserId));
        Assert.Equal(Today.AddDays(14), stored.Plan.NextReviewOn);
        Assert.Equal((Today, "Has a viewing on Monday", supportWorker), (stored.Review.ReviewedOn, stored.Review.Note, stored.Review.ReviewedByUserId));
        var after = await client.GetPageAsync($"/people/{person.Id}/action-plan");
        Assert.Contains("Achieved", after.MainText);
        Assert.Contains("Has a viewing on Monday", after.MainText);
    }

    private static string EasyReadDay(DateOnly d) => d.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    [Fact]
    public async Task Bad_input_is_answered_with_every_problem_keeping_what_was_typed_and_nothing_is_saved()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var (plan, goal, _) = await app.Data.AddPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.Practitioner);

        using (var refused = await (await client.GetPageAsync($"/people/{person.Id}/action-plan/goal")).Form("main form")
            .Set("InTheirWords", "  ").Set("WhyItMatters", new string('x', 1001)).SubmitAsync(client))
        {
            var page = await HtmlPage.ReadAsync(refused);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.StartsWith("Error: ", page.Title);
            Assert.Contains("Enter what the person wants, in their own words", page.ErrorSummary!);
            Assert.Contains("Why it matters must be 1000 characters or fewer", page.ErrorSummary!);
        }

        using (var refused = await (await client.GetPageAsync($"/people/{person.Id}/action-plan/goal/{goal.Id}/step")).Form("main form")
            .Set("What", "Ring the job centre").Set("Who", "SomeoneElse").Set("SomeoneElse", "").Set("DueOn.Day", "31").Set("DueOn.Month", "2").Set("DueOn.Year", "2027").SubmitAsync(client))
        {
            var page = await HtmlPage.ReadAsync(refused);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Enter who will do it", page.ErrorSummary!);
            Assert.Contains("must be a real date", page.ErrorSummary!);
            var kept = page.Form("main form");
            Assert.Equal(("Ring the job centre", "SomeoneElse", "31"), (kept["What"], kept["Who"], kept["DueOn.Day"]));
        }

        using (var refused = await (await client.GetPageAsync($"/people/{person.Id}/action-plan/goal/{goal.Id}/step")).Form("main form")
            .Set("What", "Ring the job centre").Set("Who", "Worker").Set("WorkerUserId", app.Data.UserId(Users.SouthshirePractitioner)).SetDate("DueOn", Today.AddDays(-1)).SubmitAsync(client))
        {
            var page = await HtmlPage.ReadAsync(refused);
            Assert.Contains("Select someone in your team who works with people", page.ErrorSummary!);
            Assert.Contains("must be today or in the future", page.ErrorSummary!);
        }

        // A real date far ahead (3027) is refused by the date's own rule, not as "not a real date"; what was typed is kept.
        using (var refused = await (await client.GetPageAsync($"/people/{person.Id}/action-plan/goal/{goal.Id}/step")).Form("main form")
            .Set("What", "Ring the job centre").Set("Who", "Worker").Set("WorkerUserId", app.Data.UserId(Users.Practitioner)).Set("DueOn.Day", "3").Set("DueOn.Month", "4").Set("DueOn.Year", "3027").SubmitAsync(client))
        {
            var page = await HtmlPage.ReadAsync(refused);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("The date it should be done by must be within 2 years of today", page.ErrorSummary!);
            Assert.DoesNotContain("real date", page.ErrorSummary!);
            Assert.Equal("3027", page.Form("main form")["DueOn.Year"]);
        }
        using (var refused = await (await client.GetPageAsync($"/people/{person.Id}/action-plan/review")).Form("main form")
            .Set("ReviewedOn.Day", "1").Set("ReviewedOn.Month", "1").Set("ReviewedOn.Year", "3027").Set("Note", "Went well")
            .Set("NextReviewOn.Day", "1").Set("NextReviewOn.Month", "6").Set("NextReviewOn.Year", "3027").SubmitAsync(client))
        {
            var page = await HtmlPage.ReadAsync(refused);
            Assert.Contains("The date of the review must be today or in the past", page.ErrorSummary!);
            Assert.Contains("The next review must be within a year of today", page.ErrorSummary!);
            Assert.DoesNotContain("real date", page.ErrorSummary!);
        }

        using (var refused = await (await client.GetPageAsync($"/people/{person.Id}/action-plan/review")).Form("main form")
            .SetDate("ReviewedOn", Today.AddDays(1)).Set("Note", "").Set("NextReviewOn.Day", "1").Set("NextReviewOn.Month", "").Set("NextReviewOn.Year", "2027").SubmitAsync(client))
        {
            var page = await HtmlPage.ReadAsync(refused);
            Assert.Contains("The date of the review must be today or in the past", page.ErrorSummary!);
            Assert.Contains("Enter what changed or was agreed at the review", page.ErrorSummary!);
            Assert.Contains("must include a month", page.ErrorSummary!);
            Assert.Equal("1", page.Form("main form")["NextReviewOn.Day"]);
        }

        using (var refused = await (await client.GetPageAsync($"/people/{person.Id}/action-plan/review-date")).Form("main form").SetDate("NextReviewOn", Today).SubmitAsync(client))
            Assert.Contains("The next review must be after today", (await HtmlPage.ReadAsync(refused)).ErrorSummary!);

        using (var refused = await (await client.GetPageAsync($"/people/{person.Id}/action-plan/goal/{goal.Id}/end")).Form("main form").SubmitAsync(client))
            Assert.Contains("Select whether the goal was achieved or is no longer wanted", (await HtmlPage.ReadAsync(refused)).ErrorSummary!);

        var counts = await app.Data.QueryAsync(async db => (
            await db.Set<ActionPlanGoal>().CountAsync(g => g.PersonId == person.Id), await db.Set<ActionPlanStep>().CountAsync(s => s.PersonId == person.Id),
            await db.Set<ActionPlanReview>().CountAsync(r => r.PersonId == person.Id), (await db.Set<ActionPlan>().SingleAsync(p => p.Id == plan.Id)).NextReviewOn));
        Assert.Equal((1, 1, 0, (DateOnly?)null), counts);
    }

    [Fact]
    public async Task Two_editors_of_a_goal_a_step_or_the_review_date_the_second_is_told_and_nothing_is_overwritten()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var (_, goal, _) = await app.Data.AddPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        using var first = await app.SignedInAsync(Users.Practitioner);
        using var second = await app.SignedInAsync(Users.SupportWorker);

        var a = (await first.GetPageAsync($"/people/{person.Id}/action-plan/goal/{goal.Id}")).Form("main form").Set("InTheirWords", "I want a flat near my mum");
        var b = (await second.GetPageAsync($"/people/{person.Id}/action-plan/goal/{goal.Id}")).Form("main form").Set("InTheirWords", "I want a house");
        await RedirectOfAsync(a.SubmitAsync(first));
        using (var lost = await b.SubmitAsync(second))
        {
            Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
            Assert.Contains("Someone else changed this action plan", (await HtmlPage.ReadAsync(lost)).ErrorSummary!);
        }

        var doneA = (await first.GetPageAsync($"/people/{person.Id}/action-plan")).Form("main form[action*='handler=Done']");
        var doneB = (await second.GetPageAsync($"/people/{person.Id}/action-plan")).Form("main form[action*='handler=Done']");
        await RedirectOfAsync(doneA.SubmitAsync(first));
        using (var lost = await doneB.SubmitAsync(second))
        {
            Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
            Assert.Contains("already been marked as done", (await HtmlPage.ReadAsync(lost)).ErrorSummary!);
        }

        var dateA = (await first.GetPageAsync($"/people/{person.Id}/action-plan/review-date")).Form("main form").SetDate("NextReviewOn", Today.AddDays(10));
        var dateB = (await second.GetPageAsync($"/people/{person.Id}/action-plan/review-date")).Form("main form").SetDate("NextReviewOn", Today.AddDays(20));
        await RedirectOfAsync(dateA.SubmitAsync(first));
        using (var lost = await dateB.SubmitAsync(second))
            Assert.Contains("Someone else changed this action plan", (await HtmlPage.ReadAsync(lost)).ErrorSummary!);

        var stored = await app.Data.QueryAsync(async db => (
            (await db.Set<ActionPlanGoal>().SingleAsync(g => g.Id == goal.Id)).InTheirWords,
            (await db.Set<ActionPlan>().SingleAsync(p => p.PersonId == person.Id)).NextReviewOn,
            (await db.Set<ActionPlanStep>().SingleAsync(s => s.PersonId == person.Id)).DoneByUserId));
        Assert.Equal(("I want a flat near my mum", (DateOnly?)Today.AddDays(10), app.Data.UserId(Users.Practitioner)), stored);
    }

    [Fact]
    public async Task A_passed_review_date_and_a_passed_step_date_are_tagged_on_the_plan_and_the_person_page()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner),
            plan: p => p.NextReviewOn = Today.AddDays(-1), step: s => s.DueOn = Today.AddDays(-2));
        using var client = await app.SignedInAsync(Users.Practitioner);
        var plan = await client.GetPageAsync($"/people/{person.Id}/action-plan");
        Assert.Contains("Review due", plan.MainText);
        Assert.Contains("Overdue", plan.MainText);
        var summary = await client.GetPageAsync($"/people/{person.Id}");
        Assert.Contains("Review due", summary.Document.QuerySelector("#action-plan")!.TextContent);
        Assert.Contains("Overdue", summary.Document.QuerySelector("#action-plan")!.TextContent);

        // Today is not "passed": the review is due from the day after.
        var (other, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        await app.Data.AddPlanAsync(app.Data.Northshire, other.Id, app.Data.UserId(Users.Practitioner), plan: p => p.NextReviewOn = Today, step: s => s.DueOn = Today);
        var today = await client.GetPageAsync($"/people/{other.Id}/action-plan");
        Assert.DoesNotContain("Review due", today.MainText);
        Assert.DoesNotContain("Overdue", today.MainText);
    }

    [Fact]
    public async Task Another_team_gets_not_found_for_every_action_plan_page_and_its_own_plan_is_separate()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var (_, goal, step) = await app.Data.AddPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        var basePath = $"/people/{person.Id}/action-plan";
        foreach (var url in new[] { basePath, $"{basePath}/print", $"{basePath}/easy-read", $"{basePath}/goal", $"{basePath}/goal/{goal.Id}", $"{basePath}/goal/{goal.Id}/end",
            $"{basePath}/goal/{goal.Id}/step", $"{basePath}/goal/{goal.Id}/step/{step.Id}", $"{basePath}/review", $"{basePath}/review-date" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_team_that_also_knows_the_person_sees_only_its_own_plan_and_cannot_change_the_other_teams()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var (_, goal, step) = await app.Data.AddPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        await app.Data.ChangeAsync(async db =>
        {
            var p = await db.People.Include(x => x.TeamLinks).SingleAsync(x => x.Id == person.Id);
            p.TeamLinks.Add(Waymark.People.PersonTeamLink.For(p, app.Data.Southshire, DateTimeOffset.UtcNow));
            p.RefreshKeys();
        });
        using var client = await app.SignedInAsync(Users.SouthshirePractitioner);
        var plan = await client.GetPageAsync($"/people/{person.Id}/action-plan");
        Assert.DoesNotContain("I want to find somewhere to live", plan.MainText);
        Assert.Contains("There is no action plan yet", plan.MainText);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{person.Id}/action-plan/goal/{goal.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{person.Id}/action-plan/goal/{goal.Id}/step/{step.Id}")).StatusCode);
    }

    [Theory]
    [InlineData(Users.Volunteer)]
    [InlineData(Users.Commissioner)]
    public async Task A_volunteer_or_a_commissioner_cannot_open_the_plan_or_its_forms(string email)
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        var (_, goal, _) = await app.Data.AddPlanAsync(app.Data.Northshire, person.Id, app.Data.UserId(Users.Practitioner));
        using var client = await app.SignedInAsync(email);
        foreach (var url in new[] { $"/people/{person.Id}/action-plan", $"/people/{person.Id}/action-plan/easy-read", $"/people/{person.Id}/action-plan/goal/{goal.Id}/step" })
            Assert.Null(await AccessChecks.CheckAsync(client, url, Expect.Forbidden));
    }
}
