using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waymark.Caseload;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

public abstract class CapacityTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private async Task<WaymarkUser> WorkerAsync(Team team, string name, string role, int? ownLimit = null)
    {
        var user = await NewUserAsync(name, team, ownLimit);
        await using var db = AsSystem();
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync();
        if (roleId is null)
        {
            var newRole = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(newRole);
            roleId = newRole.Id;
        }
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
        return user;
    }

    private async Task OpenEpisodesAsync(Team team, string? keyWorkerId, int count, bool closed = false)
    {
        var entities = new List<object>();
        for (var i = 0; i < count; i++)
        {
            var person = APerson().KnownTo(team).Build();
            var b = AnEpisode().For(person).InTeam(team);
            if (keyWorkerId is not null) b.AllocatedTo(keyWorkerId);
            if (closed) b.AtStatus(EpisodeStatus.Closed);
            entities.Add(person);
            entities.Add(b.Build());
        }
        await SaveAsync(entities.ToArray());
    }

    private async Task<TeamLoad> LoadAsync(Team team)
    {
        await using var db = As(PractitionerIn(team));
        return await new Capacity(db).ForTeamAsync(team.Id);
    }

    [Fact]
    public async Task A_worker_holding_more_open_cases_than_their_limit_is_flagged()
    {
        var team = await NewTeamAsync(t => (t.WorkerCapacity, t.CaseloadCapacity) = (2, 100));
        var over = await WorkerAsync(team, "Ola Over", Roles.Practitioner);
        var full = await WorkerAsync(team, "Fay Full", Roles.SupportWorker);
        var light = await WorkerAsync(team, "Lee Light", Roles.TeamManager);
        await OpenEpisodesAsync(team, over.Id, 3);
        await OpenEpisodesAsync(team, full.Id, 2);
        await OpenEpisodesAsync(team, light.Id, 1);
        await OpenEpisodesAsync(team, light.Id, 4, closed: true); // closed cases are not a load

        var load = await LoadAsync(team);

        var byName = load.Workers.ToDictionary(w => w.DisplayName);
        Assert.Equal((3, 2, true, true), (byName["Ola Over"].OpenEpisodes, byName["Ola Over"].Limit, byName["Ola Over"].OverCapacity, byName["Ola Over"].AtOrOverCapacity));
        Assert.Equal((2, 2, false, true), (byName["Fay Full"].OpenEpisodes, byName["Fay Full"].Limit, byName["Fay Full"].OverCapacity, byName["Fay Full"].AtOrOverCapacity));
        Assert.Equal((1, false, false), (byName["Lee Light"].OpenEpisodes, byName["Lee Light"].OverCapacity, byName["Lee Light"].AtOrOverCapacity));
        Assert.Equal(["Fay Full", "Lee Light", "Ola Over"], load.Workers.Select(w => w.DisplayName)); // by name
    }

    [Fact]
    public async Task A_workers_own_limit_overrides_the_teams()
    {
        var team = await NewTeamAsync(t => t.WorkerCapacity = 2);
        var partTime = await WorkerAsync(team, "Pat Parttime", Roles.Practitioner, ownLimit: 1);
        var senior = await WorkerAsync(team, "Sid Senior", Roles.Practitioner, ownLimit: 5);
        await OpenEpisodesAsync(team, partTime.Id, 2);
        await OpenEpisodesAsync(team, senior.Id, 3);

        var load = await LoadAsync(team);

        var pat = Assert.Single(load.Workers, w => w.UserId == partTime.Id);
        var sid = Assert.Single(load.Workers, w => w.UserId == senior.Id);
        Assert.Equal((1, true), (pat.Limit, pat.OverCapacity));
        Assert.Equal((5, false), (sid.Limit, sid.OverCapacity));
    }

    [Fact]
    public async Task Without_a_limit_nobody_is_over_capacity()
    {
        var team = await NewTeamAsync();
        var worker = await WorkerAsync(team, "Nia Nolimit", Roles.Practitioner);
        await OpenEpisodesAsync(team, worker.Id, 5);

        var load = await LoadAsync(team);

        var w = Assert.Single(load.Workers);
        Assert.Equal((5, null, false), (w.OpenEpisodes, w.Limit, w.OverCapacity));
        Assert.False(load.OverCapacity);
    }

    [Fact]
    public async Task The_team_is_over_capacity_when_open_episodes_including_unallocated_exceed_its_limit()
    {
        var team = await NewTeamAsync(t => t.CaseloadCapacity = 3);
        var worker = await WorkerAsync(team, "Wyn Worker", Roles.Practitioner);
        await OpenEpisodesAsync(team, worker.Id, 2);
        await OpenEpisodesAsync(team, null, 1);
        await OpenEpisodesAsync(team, null, 3, closed: true);

        var atLimit = await LoadAsync(team);
        Assert.Equal((3, 3, false), (atLimit.OpenEpisodes, atLimit.Limit, atLimit.OverCapacity));

        await OpenEpisodesAsync(team, null, 1);
        var load = await LoadAsync(team);
        Assert.Equal((4, true), (load.OpenEpisodes, load.OverCapacity));
    }

    [Fact]
    public async Task Only_members_in_case_holding_roles_are_listed_as_workers()
    {
        var team = await NewTeamAsync(t => t.WorkerCapacity = 10);
        await WorkerAsync(team, "Val Volunteer", Roles.Volunteer);
        await WorkerAsync(team, "Cam Commissioner", Roles.Commissioner);
        var practitioner = await WorkerAsync(team, "Pia Practitioner", Roles.Practitioner);
        var otherTeam = await NewTeamAsync();
        await WorkerAsync(otherTeam, "Oli Elsewhere", Roles.Practitioner);

        var load = await LoadAsync(team);

        Assert.Equal([practitioner.Id], load.Workers.Select(w => w.UserId));
    }
}

public sealed class CapacityTestsOnSqlite(SqliteTestDatabase db) : CapacityTests<SqliteTestDatabase>(db);

public sealed class CapacityTestsOnPostgres(PostgresTestDatabase db) : CapacityTests<PostgresTestDatabase>(db);
