using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Teams;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

/// <summary>Audit events are append-only: SaveChanges refuses to update or delete one.</summary>
public abstract class AuditTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();

    private async Task<(Team Team, long EventId)> OneEventAsync()
    {
        var team = await NewTeamAsync();
        var user = PractitionerIn(team, "amira");
        await using var db = As(user);
        await new Auditor(db, user, _clock).RecordNowAsync(AuditAction.Viewed, "Person", "p-1", detail: "Viewed the summary", purpose: "Direct care");
        return (team, await db.AuditEvents.Where(a => a.TeamId == team.Id).Select(a => a.Id).SingleAsync());
    }

    private async Task<AuditEvent?> ReloadAsync(long id)
    {
        await using var db = AsSystem();
        return await db.AuditEvents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
    }

    [Fact]
    public async Task Recording_an_event_saves_who_when_what_and_why()
    {
        var (team, id) = await OneEventAsync();

        var e = await ReloadAsync(id);

        Assert.NotNull(e);
        Assert.Equal(("amira", Roles.Practitioner, team.Id), (e.UserId, e.Role, e.TeamId));
        Assert.Equal(_clock.Now, e.At);
        Assert.Equal((AuditAction.Viewed, "Person", "p-1"), (e.Action, e.RecordType, e.RecordId));
        Assert.Equal(("Viewed the summary", "Direct care"), (e.Detail, e.Purpose));
    }

    [Fact]
    public async Task Changing_an_audit_event_is_refused_and_the_stored_event_is_unchanged()
    {
        var (_, id) = await OneEventAsync();

        await using (var db = AsSystem())
        {
            var e = await db.AuditEvents.SingleAsync(a => a.Id == id);
            e.Detail = "Nothing to see here";
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Equal("Audit events are append-only.", ex.Message);
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        Assert.Equal("Viewed the summary", (await ReloadAsync(id))!.Detail);
    }

    [Fact]
    public async Task Deleting_an_audit_event_is_refused_and_the_event_remains()
    {
        var (_, id) = await OneEventAsync();

        await using (var db = AsSystem())
        {
            db.AuditEvents.Remove(await db.AuditEvents.SingleAsync(a => a.Id == id));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = AsSystem())
        {
            // Attached without loading first: still refused.
            db.AuditEvents.Remove(new AuditEvent { Id = id, RecordType = "Person" });
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        Assert.NotNull(await ReloadAsync(id));
    }

    [Fact]
    public async Task A_save_that_would_change_an_audit_event_saves_nothing_else_either()
    {
        var (team, id) = await OneEventAsync();
        var person = APerson().Named("Rita", "Record").KnownTo(team).Build();
        await SaveAsync(person);

        await using (var db = AsSystem())
        {
            (await db.People.SingleAsync(p => p.Id == person.Id)).Phone = "07700 900123";
            (await db.AuditEvents.SingleAsync(a => a.Id == id)).Purpose = "Rewritten";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using var check = AsSystem();
        Assert.Null((await check.People.SingleAsync(p => p.Id == person.Id)).Phone);
    }

    [Fact]
    public async Task Long_details_are_cut_to_2000_characters_rather_than_failing_the_save()
    {
        var team = await NewTeamAsync();
        var user = PractitionerIn(team);
        await using var db = As(user);
        await new Auditor(db, user, _clock).RecordNowAsync(AuditAction.Searched, "PersonSearch", null, detail: new string('x', 5000));

        var e = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.TeamId == team.Id);
        Assert.Equal(2000, e.Detail!.Length);
    }
}

public sealed class AuditTestsOnSqlite(SqliteTestDatabase db) : AuditTests<SqliteTestDatabase>(db);

public sealed class AuditTestsOnPostgres(PostgresTestDatabase db) : AuditTests<PostgresTestDatabase>(db);
