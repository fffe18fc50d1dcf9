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
}
