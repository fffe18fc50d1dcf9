using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Core.Tests.Support;
using Waymark.People;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

/// <summary>People and their episodes are only visible to teams that have worked with them.</summary>
public abstract class TeamScopingTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private async Task<(Team A, Team B, Person Person)> PersonKnownOnlyToTeamAAsync()
    {
        var a = await NewTeamAsync();
        var b = await NewTeamAsync();
        var person = APerson().Named("Amira", "Okafor").BornOn(1990, 5, 1).WithNhsNumber(TestNhsNumbers.Next()).KnownTo(a).Build();
        await SaveAsync(person, AnEpisode().For(person).InTeam(a).Build());
        return (a, b, person);
    }

    [Fact]
    public async Task A_team_sees_its_own_people_and_their_episodes()
    {
        var (a, _, person) = await PersonKnownOnlyToTeamAAsync();

        await using var db = As(PractitionerIn(a));
        var found = await db.People.Include(p => p.Episodes).FirstOrDefaultAsync(p => p.Id == person.Id);

        Assert.NotNull(found);
        Assert.Single(found.Episodes);
        Assert.Equal(1, await db.Episodes.CountAsync(e => e.PersonId == person.Id));
    }

    [Fact]
    public async Task Another_team_cannot_load_the_person_or_their_episodes_even_by_id()
    {
        var (_, b, person) = await PersonKnownOnlyToTeamAAsync();

        await using var db = As(PractitionerIn(b));

        Assert.Null(await db.People.FirstOrDefaultAsync(p => p.Id == person.Id));
        Assert.Null(await db.People.FindAsync(person.Id));
        Assert.False(await db.Episodes.AnyAsync(e => e.PersonId == person.Id));
    }

    [Fact]
    public async Task Another_team_finds_nothing_when_searching_for_the_person()
    {
        var (_, b, person) = await PersonKnownOnlyToTeamAAsync();

        await using var db = As(PractitionerIn(b));
        var search = new PersonSearch(db);

        Assert.Empty((await search.SearchAsync(new PersonSearchCriteria("Amira Okafor", null, null, null))).Items);
        Assert.Empty((await search.SearchAsync(new PersonSearchCriteria(null, new DateOnly(1990, 5, 1), null, null))).Items);
        Assert.Empty((await search.SearchAsync(new PersonSearchCriteria(null, null, person.NhsNumber, null))).Items);
    }

    [Fact]
    public async Task A_person_with_episodes_in_two_teams_is_visible_to_both_with_all_their_episodes()
    {
        var a = await NewTeamAsync();
        var b = await NewTeamAsync();
        var person = APerson().Named("Dylan", "Price").KnownTo(a).KnownTo(b).Build();
        await SaveAsync(person,
            AnEpisode().For(person).InTeam(a).IdentifiedAt(FakeClock.DefaultStart.AddDays(-300)).AtStatus(Episodes.EpisodeStatus.Closed).Build(),
            AnEpisode().For(person).InTeam(b).Build());

        foreach (var team in new[] { a, b })
        {
            await using var db = As(PractitionerIn(team));
            Assert.NotNull(await db.People.FirstOrDefaultAsync(p => p.Id == person.Id));
            // A team sees the person's whole history, including the other team's episode.
            Assert.Equal(2, await db.Episodes.CountAsync(e => e.PersonId == person.Id));
            Assert.Single((await new PersonSearch(db).SearchAsync(new PersonSearchCriteria("dylan price", null, null, null))).Items);
        }
    }

    [Fact]
    public async Task The_system_user_sees_every_teams_people()
    {
        var (a, b, personOfA) = await PersonKnownOnlyToTeamAAsync();
        var personOfB = APerson().Named("Bea", "Lund").KnownTo(b).Build();
        await SaveAsync(personOfB);

        await using var db = As(new SystemUser());
        var ids = await db.People.Where(p => p.Id == personOfA.Id || p.Id == personOfB.Id).Select(p => p.Id).ToListAsync();

        Assert.Equal(2, ids.Count);
        Assert.True(await db.Episodes.AnyAsync(e => e.PersonId == personOfA.Id));
    }

    [Fact]
    public async Task A_user_with_no_team_sees_nobody()
    {
        var (_, _, person) = await PersonKnownOnlyToTeamAAsync();

        await using var db = As(new NoTeamUser());

        Assert.Null(await db.People.FirstOrDefaultAsync(p => p.Id == person.Id));
        Assert.False(await db.Episodes.AnyAsync(e => e.PersonId == person.Id));
    }

    private sealed class NoTeamUser : ICurrentUser
    {
        public string? UserId => "nobody";
        public string? Role => Roles.Practitioner;
        public Guid? TeamId => null;
        public bool IsSystem => false;
    }
}

public sealed class TeamScopingTestsOnSqlite(SqliteTestDatabase db) : TeamScopingTests<SqliteTestDatabase>(db);

public sealed class TeamScopingTestsOnPostgres(PostgresTestDatabase db) : TeamScopingTests<PostgresTestDatabase>(db);
