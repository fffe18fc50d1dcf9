using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Core.Tests.Support;

/// <summary>
/// Base of the data tests. Every test class gets its own database per provider; each test makes its
/// own teams, so tests in a class never see each other's people through the team filter.
/// </summary>
public abstract class DataTest<TDb>(TDb database) : IClassFixture<TDb> where TDb : TestDatabase
{
    protected TDb Database { get; } = database;

    protected WaymarkDbContext AsSystem(params IInterceptor[] interceptors) => Database.CreateContext(new SystemUser("test-system"), interceptors);

    protected WaymarkDbContext As(ICurrentUser user, params IInterceptor[] interceptors) => Database.CreateContext(user, interceptors);

    protected static FixedUser PractitionerIn(Team team, string userId = "practitioner") => new(userId, Roles.Practitioner, team.Id);

    protected async Task<Team> NewTeamAsync(Action<Team>? configure = null)
    {
        var team = new Team { Name = $"Test team {Guid.NewGuid():N}" };
        configure?.Invoke(team);
        await SaveAsync(team);
        return team;
    }

    /// <summary>Adds the entities as the system user in one SaveChanges.</summary>
    protected async Task SaveAsync(params object[] entities)
    {
        await using var db = AsSystem();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    protected async Task<WaymarkUser> NewUserAsync(string displayName, Team? memberOf = null, int? caseloadCapacity = null)
    {
        var id = Guid.NewGuid().ToString();
        var user = new WaymarkUser
        {
            Id = id,
            UserName = $"{id}@test.invalid",
            NormalizedUserName = $"{id}@TEST.INVALID",
            Email = $"{id}@test.invalid",
            NormalizedEmail = $"{id}@TEST.INVALID",
            DisplayName = displayName,
        };
        await using var db = AsSystem();
        db.Users.Add(user);
        if (memberOf is not null)
            db.TeamMemberships.Add(new TeamMembership { TeamId = memberOf.Id, UserId = id, CaseloadCapacity = caseloadCapacity });
        await db.SaveChangesAsync();
        return user;
    }

    protected async Task<int> CountAsync<T>(Func<WaymarkDbContext, IQueryable<T>> query)
    {
        await using var db = AsSystem();
        return await query(db).CountAsync();
    }
}
