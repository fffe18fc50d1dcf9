using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Feedback;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Feedback;

/// <summary>
/// Feedback through the pages: the device form (no navigation, at least one answer, stored once, a thank-you page without
/// the answers), the paper sheet, typing a sheet in, and the comments page for managers only.
/// </summary>
public abstract class FeedbackPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : FeedbackPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : FeedbackPageTests(app);

    private Task<List<FeedbackResponse>> ResponsesAsync(Guid team) =>
        app.Data.QueryAsync(db => db.Set<FeedbackResponse>().IgnoreQueryFilters().Where(r => r.TeamId == team).ToListAsync());

    [Fact]
    public async Task The_device_form_has_no_way_into_records_refuses_no_answers_and_stores_once()
    {
        var (team, manager) = await app.Data.AddTeamWithManagerAsync();
        using var client = await app.SignedInAsync(manager);
        var form = await client.GetPageAsync("/feedback/give");
        Assert.Equal("Tell us what you think", form.H1);
        Assert.Equal(["#maincontent"], form.Links("a"));
        Assert.Null(form.Document.QuerySelector("nav"));

        using var empty = await form.Form("main form").SubmitAsync(client);
        var refused = await HtmlPage.ReadAsync(empty);
        Assert.Contains(("#Experience", "Answer at least one question"), refused.ErrorLinks);
        Assert.StartsWith("Error: ", refused.Title, StringComparison.Ordinal);
        Assert.Empty(await ResponsesAsync(team));

        var filled = form.Form("main form").Set("Experience", "VeryGood").Set("Respected", "Partly").Set("Comments", "Kind and patient");
        using var done = await filled.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/feedback/thanks", Redirects.Path(done));
        using var again = await filled.SubmitAsync(client);
        Assert.Equal("/feedback/thanks", Redirects.Path(again));

        var stored = Assert.Single(await ResponsesAsync(team));
        Assert.Equal((ExperienceRating.VeryGood, (YesPartlyNo?)null, YesPartlyNo.Partly, FeedbackChannel.TeamDevice, "Kind and patient"),
            (stored.Experience, stored.Listened, stored.Respected, stored.Channel, stored.Comments));
        var thanks = await client.GetPageAsync("/feedback/thanks");
        Assert.Equal("Thank you", thanks.H1);
        Assert.DoesNotContain("Kind and patient", thanks.Html);
        Assert.DoesNotContain("Very good", thanks.Html);
    }

    [Fact]
    public async Task An_answer_that_is_not_offered_is_refused_beside_its_question()
    {
        using var client = await app.SignedInAsync(Users.SupportWorker);
        var form = await client.GetPageAsync("/feedback/give");
        using var bad = await form.Form("main form").Set("Listened", "Sometimes").Set("Helped", "3").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(bad);
        Assert.Contains(("#Listened", "Select Yes, Partly or No"), page.ErrorLinks);
        Assert.Contains(("#Helped", "Select Yes, Partly or No"), page.ErrorLinks);
    }

    [Fact]
    public async Task A_paper_sheet_prints_the_same_questions_and_is_typed_in_with_its_date()
    {
        var (team, manager) = await app.Data.AddTeamWithManagerAsync();
        using var client = await app.SignedInAsync(manager);
        var sheet = await client.GetPageAsync("/feedback/sheet");
        foreach (var q in new[] { FeedbackQuestions.Experience, FeedbackQuestions.Listened, FeedbackQuestions.Respected, FeedbackQuestions.Helped, FeedbackQuestions.Comments })
            Assert.Contains(q, sheet.MainText);
        Assert.NotNull(sheet.Document.QuerySelector(".waymark-easy-read__symbol svg"));

        var form = await client.GetPageAsync("/feedback/type-in");
        using var future = await form.Form("main form").SetDate("GivenOn", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3)).Set("Helped", "No").SubmitAsync(client);
        Assert.Contains(("#GivenOn", "The date the sheet was filled in must be today or in the past"), (await HtmlPage.ReadAsync(future)).ErrorLinks);
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-20);
        using var saved = await form.Form("main form").SetDate("GivenOn", day).Set("Helped", "No").Set("Comments", "Waited too long").SubmitAsync(client);
        Assert.Equal("/feedback/type-in", Redirects.Path(saved));
        var stored = Assert.Single(await ResponsesAsync(team));
        Assert.Equal((day, FeedbackChannel.PaperSheet, YesPartlyNo.No), (stored.GivenOn, stored.Channel, stored.Helped));

        var comments = await client.GetPageAsync("/feedback/comments");
        Assert.Contains("Waited too long", comments.Document.QuerySelector("#comments")!.TextContent);
    }

    [Theory]
    [InlineData(Users.Practitioner, "/feedback/comments")]
    [InlineData(Users.SupportWorker, "/feedback/comments")]
    [InlineData(Users.Commissioner, "/feedback/comments")]
    [InlineData(Users.Commissioner, "/feedback/give")]
    [InlineData(Users.Volunteer, "/feedback/type-in")]
    [InlineData(Users.Administrator, "/feedback/sheet")]
    public async Task The_words_are_for_managers_and_the_forms_for_case_workers(string who, string url)
    {
        using var client = await app.SignedInAsync(who);
        Assert.Null(await AccessChecks.CheckAsync(client, url, Expect.Forbidden));
    }

    [Fact]
    public async Task Handing_the_device_over_locks_every_worker_page_until_the_workers_password_is_entered()
    {
        var (_, manager) = await app.Data.AddTeamWithManagerAsync();
        using var client = await app.SignedInAsync(manager);
        var form = await client.GetPageAsync("/feedback/give");
        using var done = await form.Form("main form").Set("Experience", "Good").SubmitAsync(client);
        var thanks = await client.GetPageAsync("/feedback/thanks");
        Assert.Equal(["#maincontent", "/feedback/give", "/feedback/unlock"], thanks.Links("a"));
        foreach (var url in new[] { "/", "/people", "/caseload", "/feedback/comments", "/account" })
        {
            using var locked = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.SeeOther, locked.StatusCode);
            Assert.Equal("/feedback/unlock", Redirects.Path(locked));
        }
        // The form again is allowed (another response) and keeps the lock.
        Assert.Equal("Tell us what you think", (await client.GetPageAsync("/feedback/give")).H1);

        var unlock = await client.GetPageAsync("/feedback/unlock");
        Assert.Equal("Staff: unlock Waymark", unlock.H1);
        using var wrong = await unlock.Form("main form").Set("Password", "Not-The-Pa55word!").SubmitAsync(client);
        var refused = await HtmlPage.ReadAsync(wrong);
        Assert.Contains(("#Password", "The password is not right"), refused.ErrorLinks);
        using (var still = await client.GetAsync("/people")) Assert.Equal("/feedback/unlock", Redirects.Path(still));

        using var right = await unlock.Form("main form").Set("Password", AppSettings.Password).SubmitAsync(client);
        Assert.Equal("/", Redirects.Path(right));
        using var home = await client.GetAsync("/people");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task The_form_is_never_cached_and_its_token_stores_once_and_shows_nothing_when_sent_again()
    {
        var (team, manager) = await app.Data.AddTeamWithManagerAsync();
        using var client = await app.SignedInAsync(manager);
        using var raw = await client.GetAsync("/feedback/give");
        Assert.Contains("no-store", raw.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var form = await client.GetPageAsync("/feedback/give");
        Assert.Equal("off", form.Document.QuerySelector("main form")!.GetAttribute("autocomplete"));

        using var first = await form.Form("main form").Set("Helped", "Yes").Set("Comments", "First person's words").SubmitAsync(client);
        Assert.Equal("/feedback/thanks", Redirects.Path(first));
        // The same form again, with different (or no) answers: nothing stored, nothing shown, the thank-you page.
        using var again = await form.Form("main form").Set("Helped", "No").Set("Comments", "Second try").SubmitAsync(client);
        Assert.Equal("/feedback/thanks", Redirects.Path(again));
        using var emptyAgain = await form.Form("main form").Set("Comments", "First person's words").SubmitAsync(client);
        Assert.Equal("/feedback/thanks", Redirects.Path(emptyAgain));
        // A form without a token is answered with a fresh, empty form.
        using var noToken = await form.Form("main form").Set("Token", "").Set("Helped", "Partly").SubmitAsync(client);
        var freshForm = await HtmlPage.ReadAsync(noToken);
        Assert.Equal("Tell us what you think", freshForm.H1);
        Assert.Null(freshForm.Document.QuerySelector("main input[type=radio][checked]"));

        var stored = Assert.Single(await ResponsesAsync(team));
        Assert.Equal((YesPartlyNo?)YesPartlyNo.Yes, stored.Helped);
        var fresh = await client.GetPageAsync("/feedback/give");
        Assert.DoesNotContain("First person", fresh.Html, StringComparison.Ordinal);
        Assert.Null(fresh.Document.QuerySelector("main input[type=radio][checked]"));
    }

    [Fact]
    public async Task The_comments_page_warns_that_the_words_may_hold_personal_details()
    {
        var (_, manager) = await app.Data.AddTeamWithManagerAsync();
        using var client = await app.SignedInAsync(manager);
        var page = await client.GetPageAsync("/feedback/comments");
        Assert.Contains("may contain personal details", page.Document.QuerySelector("#personal-details-warning")!.TextContent, StringComparison.Ordinal);
    }
}
