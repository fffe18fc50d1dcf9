using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Persistence;

namespace Waymark.Core.Tests.Data;

/// <summary>
/// The group-commit writer of stand-alone audit events: each caller's event is committed before its task
/// completes, the events of concurrent callers share transactions, and a failed batch fails only its own callers.
/// </summary>
public abstract class AuditTrailWriterTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private sealed class Contexts(TestDatabase db) : IWaymarkContexts
    {
        public WaymarkDbContext Create(ICurrentUser user) => db.CreateContext(user);
    }

    private static AuditEvent Viewed(string marker) => new()
    {
        At = DateTimeOffset.UtcNow, UserId = "amira", Role = "Practitioner", Action = AuditAction.Viewed,
        RecordType = "Person", RecordId = "p-1", Detail = marker,
    };

    private async Task<int> StoredAsync(string marker) => await CountAsync(db => db.AuditEvents.Where(e => e.Detail == marker));

    [Fact]
    public async Task An_event_is_committed_before_its_caller_goes_on()
    {
        await using var writer = new AuditTrailWriter(new Contexts(Database));
        var marker = $"committed-{Guid.NewGuid():N}";
        await writer.WriteAsync(Viewed(marker));
        Assert.Equal(1, await StoredAsync(marker));
    }

    [Fact]
    public async Task Events_that_arrive_while_the_database_is_busy_are_written_together()
    {
        await using var writer = new AuditTrailWriter(new Contexts(Database));
        var marker = $"batched-{Guid.NewGuid():N}";
        Task[] writes;
        // Hold the audit table so that nothing can be written until every event is queued.
        await using (var blocker = AsSystem())
        {
            await using var tx = await blocker.Database.BeginTransactionAsync();
            if (Database.Provider == DatabaseProvider.Postgres)
                await blocker.Database.ExecuteSqlRawAsync("LOCK TABLE \"AuditEvents\" IN EXCLUSIVE MODE");
            writes = Enumerable.Range(0, 21).Select(_ => writer.WriteAsync(Viewed(marker))).ToArray();
            Assert.All(writes, w => Assert.False(w.IsCompleted));
            await tx.CommitAsync();
        }
        await Task.WhenAll(writes);
        Assert.Equal(21, await StoredAsync(marker));
        // The first event may have gone alone; the other twenty were queued behind it and share one transaction.
        Assert.InRange(writer.Commits, 1, 2);
    }

    [Fact]
    public async Task A_failed_batch_fails_its_callers_and_the_writer_goes_on()
    {
        await using var writer = new AuditTrailWriter(new Contexts(Database));
        var first = Viewed($"first-{Guid.NewGuid():N}");
        await writer.WriteAsync(first);
        var clash = Viewed($"clash-{Guid.NewGuid():N}");
        clash.Id = first.Id; // the same key again: the database refuses the row
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => writer.WriteAsync(clash));
        var after = $"after-{Guid.NewGuid():N}";
        await writer.WriteAsync(Viewed(after));
        Assert.Equal(1, await StoredAsync(after));
        Assert.Equal(0, await StoredAsync(clash.Detail!));
    }

    [Fact]
    public async Task A_stopped_writer_refuses_new_events_after_writing_what_it_had()
    {
        var writer = new AuditTrailWriter(new Contexts(Database));
        var marker = $"last-{Guid.NewGuid():N}";
        var last = writer.WriteAsync(Viewed(marker));
        await writer.DisposeAsync();
        await last;
        Assert.Equal(1, await StoredAsync(marker));
        Assert.Throws<ObjectDisposedException>(() => { _ = writer.WriteAsync(Viewed(marker)); });
    }

    [Fact]
    public async Task A_container_disposed_synchronously_still_writes_what_was_queued()
    {
        var writer = new AuditTrailWriter(new Contexts(Database));
        var marker = $"sync-{Guid.NewGuid():N}";
        var last = writer.WriteAsync(Viewed(marker));
        writer.Dispose();
        await last;
        Assert.Equal(1, await StoredAsync(marker));
    }

    [Fact]
    public async Task The_auditor_uses_the_writer_for_a_view_and_its_own_unit_of_work_when_a_change_is_pending()
    {
        var team = await NewTeamAsync();
        var user = PractitionerIn(team, "amira");
        await using var writer = new AuditTrailWriter(new Contexts(Database));
        await using var db = As(user);
        var auditor = new Auditor(db, user, TimeProvider.System, writer);
        var view = $"view-{Guid.NewGuid():N}";
        await auditor.RecordNowAsync(AuditAction.Viewed, "Person", "p-1", detail: view);
        Assert.Equal(1, writer.Commits);
        Assert.Equal(1, await StoredAsync(view));

        // Something else is pending in the unit of work: the event is saved with it, as before the writer existed.
        var other = await NewTeamAsync();
        db.Attach(other);
        other.Covers = "Eastfield custody suite";
        var withChange = $"with-change-{Guid.NewGuid():N}";
        await auditor.RecordNowAsync(AuditAction.Updated, "Team", other.Id.ToString(), detail: withChange);
        Assert.Equal(1, writer.Commits);
        Assert.Equal(1, await StoredAsync(withChange));
        Assert.Equal("Eastfield custody suite", (await AsSystem().Teams.AsNoTracking().SingleAsync(t => t.Id == other.Id)).Covers);
    }
}

public sealed class AuditTrailWriterTestsOnSqlite(SqliteTestDatabase db) : AuditTrailWriterTests<SqliteTestDatabase>(db);

public sealed class AuditTrailWriterTestsOnPostgres(PostgresTestDatabase db) : AuditTrailWriterTests<PostgresTestDatabase>(db);
