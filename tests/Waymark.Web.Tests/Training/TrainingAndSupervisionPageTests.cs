using System.Net;
using Microsoft.EntityFrameworkCore;
using Waymark.Supervision;
using Waymark.Teams;
using Waymark.Training;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Training;

/// <summary>Training delivered and staff supervision through the pages: bad input, two editors, other teams, statuses.</summary>
public abstract class TrainingAndSupervisionPageTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : TrainingAndSupervisionPageTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : TrainingAndSupervisionPageTests(app);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_support_worker_records_training_with_every_problem_shown_first_and_typed_values_kept()
    {
        var (team, manager) = await app.Data.AddTeamWithManagerAsync();
        var worker = await app.Data.AddUserAsync(team, "Sasha Trainer", Roles.SupportWorker);
        var email = await app.Data.QueryAsync(db => db.Users.Where(u => u.Id == worker).Select(u => u.Email!).SingleAsync());
        using var client = await app.SignedInAsync(email);

        var form = await client.GetPageAsync("/training/new");
        using var bad = await form.Form("main form").Set("Attendees", "lots").Set("Agency", "other").Set("AverageRating", "9").SubmitAsync(client);
        var refused = await HtmlPage.ReadAsync(bad);
        Assert.Contains(("#Attendees", "The number attending must be a whole number, like 12"), refused.ErrorLinks);
        Assert.Contains(("#AgencyOther", "Enter the agency trained"), refused.ErrorLinks);
        Assert.Contains(("#Audience", "Select who attended"), refused.ErrorLinks);
        Assert.Contains(("#AverageRating", "The average rating must be between 1 and 5"), refused.ErrorLinks);
        Assert.Equal("lots", refused.FieldValue("Attendees"));

        using var saved = await form.Form("main form").SetDate("DeliveredOn", Today.AddDays(-2)).Set("Agency", "2").Set("Audience", "CourtStaffOrMagistrates")
            .Set("Topic", "LearningDisabilityAndAutism").Set("Attendees", "11").Set("AverageRating", "4.5").SubmitAsync(client);
        Assert.Equal("/training", Redirects.Path(saved));
        var list = await client.GetPageAsync("/training");
        Assert.Contains("Magistrates' court", list.Document.QuerySelector("#training")!.TextContent);
        Assert.Contains("4.5 out of 5", list.MainText);
    }

    [Fact]
    public async Task Two_editors_cannot_overwrite_each_other_and_another_team_gets_404()
    {
        var (team, manager) = await app.Data.AddTeamWithManagerAsync();
        var session = new TrainingSession
        {
            TeamId = team, DeliveredOn = Today.AddDays(-5), AgencyKind = Waymark.Liaison.AgencyKind.Prison, Audience = TrainingAudience.PrisonStaff,
            Topic = TrainingTopic.SubstanceMisuse, Attendees = 8, RecordedAt = DateTimeOffset.UtcNow, RecordedByUserId = app.Data.UserId(manager),
        };
        await app.Data.ChangeAsync(db => { db.Add(session); return Task.CompletedTask; });
        using var client = await app.SignedInAsync(manager);
        var first = await client.GetPageAsync($"/training/{session.Id}/edit");
        var second = await client.GetPageAsync($"/training/{session.Id}/edit");
        using (var saved = await first.Form("main form").Set("Attendees", "9").SubmitAsync(client)) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var conflict = await second.Form("main form").Set("Attendees", "50").SubmitAsync(client);
        var page = await HtmlPage.ReadAsync(conflict);
        Assert.Contains("Someone else changed this training session", page.ErrorSummary);
        Assert.Equal(9, await app.Data.QueryAsync(db => db.Set<TrainingSession>().IgnoreQueryFilters().Where(s => s.Id == session.Id).Select(s => s.Attendees).SingleAsync()));

        using var other = await app.SignedInAsync(Users.TeamManager);
        await other.GetPageAsync($"/training/{session.Id}/edit", HttpStatusCode.NotFound);
        Assert.DoesNotContain(session.Id.ToString(), (await other.GetPageAsync("/training")).Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_manager_records_supervision_and_the_team_and_the_worker_see_who_is_up_to_date()
    {
        var (team, manager) = await app.Data.AddTeamWithManagerAsync();
        var worker = await app.Data.AddUserAsync(team, "Kit Supervised", Roles.Practitioner);
        var email = await app.Data.QueryAsync(db => db.Users.Where(u => u.Id == worker).Select(u => u.Email!).SingleAsync());
        using var client = await app.SignedInAsync(manager);

        var before = await client.GetPageAsync("/supervision");
        var row = before.Document.QuerySelectorAll("#supervision tbody tr").Single(r => r.TextContent.Contains("Kit Supervised", StringComparison.Ordinal));
        Assert.Equal(3, row.QuerySelectorAll(".nhsuk-tag--red").Length);

        var form = await client.GetPageAsync($"/supervision/record?userId={worker}");
        using var bad = await form.Form("main form").Set("SupervisorName", "").SubmitAsync(client);
        var refused = await HtmlPage.ReadAsync(bad);
        Assert.Contains(("#Kind", "Select the kind of supervision"), refused.ErrorLinks);
        Assert.Contains(("#SupervisorName", "Enter the supervisor's name"), refused.ErrorLinks);
        using var saved = await form.Form("main form").Set("Kind", "OneToOneAccredited").SetDate("HeldOn", Today.AddDays(-3)).Set("SupervisorName", "Jo Clarke").SubmitAsync(client);
        Assert.Equal("/supervision", Redirects.Path(saved));

        var after = await client.GetPageAsync("/supervision");
        row = after.Document.QuerySelectorAll("#supervision tbody tr").Single(r => r.TextContent.Contains("Kit Supervised", StringComparison.Ordinal));
        Assert.Equal((1, 2), (row.QuerySelectorAll(".nhsuk-tag--green").Length, row.QuerySelectorAll(".nhsuk-tag--red").Length));

        using var own = await app.SignedInAsync(email);
        var mine = await own.GetPageAsync("/supervision/mine");
        Assert.Contains("Jo Clarke", mine.MainText);
        Assert.Single(mine.Document.QuerySelectorAll("#status .nhsuk-tag--green"));
        Assert.Null(await AccessChecks.CheckAsync(own, "/supervision", Expect.Forbidden));
    }

    [Fact]
    public async Task Another_teams_member_cannot_be_recorded()
    {
        var (otherTeam, _) = await app.Data.AddTeamWithManagerAsync();
        var stranger = await app.Data.AddUserAsync(otherTeam, "Stranger Danger", Roles.Practitioner);
        using var client = await app.SignedInAsync(Users.TeamManager);
        var form = await client.GetPageAsync("/supervision/record");
        using var bad = await form.Form("main form").Set("UserId", stranger).Set("Kind", "GroupSupervision").SetDate("HeldOn", Today).Set("SupervisorName", "Dr Who").SubmitAsync(client);
        Assert.Contains(("#UserId", "Select the team member supervised"), (await HtmlPage.ReadAsync(bad)).ErrorLinks);
        Assert.False(await app.Data.QueryAsync(db => db.Set<SupervisionSession>().IgnoreQueryFilters().AnyAsync(s => s.UserId == stranger)));
    }
}
