using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests;

/// <summary>
/// The signed-in request pipeline: team membership is remembered for a few seconds instead of read on every
/// request, but a withdrawn membership still stops a live cookie; pooled contexts never carry one request's user
/// into the next.
/// </summary>
public abstract class RequestPipelineTests(AppFixture app)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteApp app) : RequestPipelineTests(app);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresApp app) : RequestPipelineTests(app);

    [Fact]
    public async Task A_withdrawn_membership_stops_a_live_cookie_at_the_next_request_once_this_instance_forgets_it()
    {
        var (teamId, email) = await app.Data.AddTeamWithManagerAsync();
        using var client = await app.SignedInAsync(email);
        using (var before = await client.GetAsync("/caseload"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var userId = await app.Data.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        await app.Data.ChangeAsync(db => db.TeamMemberships.Where(m => m.UserId == userId && m.TeamId == teamId).ExecuteDeleteAsync());
        app.Factory.Services.GetRequiredService<TeamMembershipCache>().Forget(userId, teamId);

        // The cookie still names the team, but it is no longer theirs: they must choose a team they belong to.
        using var after = await client.GetAsync("/caseload");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/choose-team", Redirects.Path(after));
    }

    [Fact]
    public async Task A_pooled_context_forgets_whom_it_acted_for_when_it_goes_back_to_the_pool()
    {
        var (person, _) = await app.Data.AddPersonWithEpisodeAsync(app.Data.Northshire);
        WaymarkDbContext db;
        using (var scope = app.Factory.Services.CreateScope())
        {
            db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
            db.ActingFor(new FixedUser("someone", "Practitioner", app.Data.Northshire));
            Assert.True(await db.People.AnyAsync(p => p.Id == person.Id));
        }
        // Disposing the scope put this instance back in the pool: the next renter must not inherit Northshire.
        Assert.Null(db.CurrentUser.TeamId);
        Assert.False(db.CurrentUser.IsSystem);
        Assert.Null(db.CurrentUser.UserId);
    }
}
