using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>The planned end date of an episode (its own page, /episodes/{id}/planned-end): saved when real, refused with a reason otherwise.</summary>
public abstract class EpisodeTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : EpisodeTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : EpisodeTests(app);

    private const string PlannedEndForm = "main form";

    [Fact]
    public async Task A_planned_end_date_is_saved_shown_and_audited()
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}/planned-end")).Form(PlannedEndForm)
            .Set("PlannedEnd.Day", "14").Set("PlannedEnd.Month", "5").Set("PlannedEnd.Year", (DateTime.UtcNow.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var response = await form.SubmitAsync(client);
        var page = await client.FollowAsync(response);

        Assert.Contains("Planned end date saved", page.MainText);
        Assert.Contains($"14 May {DateTime.UtcNow.Year + 1}", page.MainText);
        var saved = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.Id == episode.Id));
        Assert.Equal(new DateOnly(DateTime.UtcNow.Year + 1, 5, 14), saved.PlannedEndDate);
        Assert.True(await app.Data.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.RecordId == episode.Id.ToString() && a.Action == AuditAction.Updated)));
    }

    [Theory]
    [InlineData("31", "2", "2027", "#PlannedEnd", "Planned end date must be a real date")]
    [InlineData("1", "1", "27", "#PlannedEnd-year", "Year must include 4 numbers")] // only the year box is wrong
    [InlineData("1", "1", "2000", null, "The planned end date cannot be before the person was identified.")]
    public async Task An_impossible_planned_end_date_is_refused_and_nothing_is_saved(string day, string month, string year, string? link, string message)
    {
        var (_, episode) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        using var client = await app.SignedInAsync(Users.Practitioner);
        var form = (await client.GetPageAsync($"/episodes/{episode.Id}/planned-end")).Form(PlannedEndForm)
            .Set("PlannedEnd.Day", day).Set("PlannedEnd.Month", month).Set("PlannedEnd.Year", year);

        using var response = await form.SubmitAsync(client);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        if (link is null) Assert.Contains(message, page.ErrorMessages);
        else Assert.Contains((link, message), page.ErrorLinks);
        Assert.Equal(year, page.FieldValue("PlannedEnd-year"));
        var saved = await app.Data.QueryAsync(db => db.Episodes.SingleAsync(e => e.Id == episode.Id));
        Assert.Null(saved.PlannedEndDate);
    }
}
