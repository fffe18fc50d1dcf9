using Microsoft.EntityFrameworkCore;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

/// <summary>Two people editing one record: the second save, based on an older version, is refused.</summary>
public abstract class ConcurrencyTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    [Fact]
    public async Task The_second_of_two_edits_to_the_same_person_is_refused_and_nothing_is_overwritten()
    {
        var team = await NewTeamAsync();
        var person = APerson().KnownTo(team).Build();
        await SaveAsync(person);
        var user = PractitionerIn(team);

        await using var first = As(user);
        await using var second = As(user);
        var mine = await first.People.SingleAsync(p => p.Id == person.Id);
        var theirs = await second.People.SingleAsync(p => p.Id == person.Id);

        mine.Phone = "07700 900001";
        await first.SaveChangesAsync();
        theirs.Email = "someone@example.invalid";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = As(user);
        var stored = await check.People.SingleAsync(p => p.Id == person.Id);
        Assert.Equal("07700 900001", stored.Phone);
        Assert.Null(stored.Email);
        Assert.Equal(mine.Version, stored.Version);
    }

    [Fact]
    public async Task Every_save_gives_the_record_a_new_version_and_the_same_context_can_save_again()
    {
        var team = await NewTeamAsync();
        var person = APerson().KnownTo(team).Build();
        await SaveAsync(person);
        var original = person.Version;

        await using var db = As(PractitionerIn(team));
        var p = await db.People.SingleAsync(x => x.Id == person.Id);
        p.Phone = "1";
        await db.SaveChangesAsync();
        var afterFirst = p.Version;
        p.Phone = "2";
        await db.SaveChangesAsync();

        Assert.NotEqual(original, afterFirst);
        Assert.NotEqual(afterFirst, p.Version);
        await using var check = AsSystem();
        Assert.Equal(p.Version, (await check.People.SingleAsync(x => x.Id == person.Id)).Version);
    }

    [Fact]
    public async Task Saving_without_changes_keeps_the_version()
    {
        var team = await NewTeamAsync();
        var person = APerson().KnownTo(team).Build();
        await SaveAsync(person);

        await using var db = As(PractitionerIn(team));
        var p = await db.People.SingleAsync(x => x.Id == person.Id);
        await db.SaveChangesAsync();

        Assert.Equal(person.Version, p.Version);
    }

    [Fact]
    public async Task The_second_of_two_edits_to_the_same_episode_is_refused()
    {
        var team = await NewTeamAsync();
        var person = APerson().KnownTo(team).Build();
        var episode = AnEpisode().For(person).InTeam(team).Build();
        await SaveAsync(person, episode);
        var user = PractitionerIn(team);

        await using var first = As(user);
        await using var second = As(user);
        var mine = await first.Episodes.SingleAsync(e => e.Id == episode.Id);
        var theirs = await second.Episodes.SingleAsync(e => e.Id == episode.Id);

        mine.RecordScreened("amira", episode.IdentifiedAt.AddHours(1));
        await first.SaveChangesAsync();
        theirs.RecordScreened("ben", episode.IdentifiedAt.AddHours(2)); // would silently replace Amira's screening

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = As(user);
        Assert.Equal("amira", (await check.Episodes.SingleAsync(e => e.Id == episode.Id)).ScreenedByUserId);
        Assert.Equal(EpisodeStatus.Screened, (await check.Episodes.SingleAsync(e => e.Id == episode.Id)).Status);
    }
}

public sealed class ConcurrencyTestsOnSqlite(SqliteTestDatabase db) : ConcurrencyTests<SqliteTestDatabase>(db);

public sealed class ConcurrencyTestsOnPostgres(PostgresTestDatabase db) : ConcurrencyTests<PostgresTestDatabase>(db);
