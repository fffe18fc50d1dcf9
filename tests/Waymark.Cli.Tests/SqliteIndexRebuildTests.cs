using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Cli.Bulk;
using Waymark.People;

namespace Waymark.Cli.Tests;

/// <summary>Large SQLite loads drop the secondary indexes and rebuild them; nothing may be lost, even when interrupted.</summary>
public sealed class SqliteIndexRebuildTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();

    public Task InitializeAsync() => _db.CreateAsync();

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    private async Task<List<string>> IndexesAsync()
    {
        await using var conn = new SqliteConnection(_db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT name || ': ' || coalesce(sql, '(constraint)') FROM sqlite_master WHERE type = 'index' ORDER BY name";
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetString(0));
        return list;
    }

    [Fact]
    public async Task A_load_that_rebuilds_indexes_leaves_the_same_indexes()
    {
        Assert.Equal(0, (await CliRun.RunAsync(_db, "migrate")).ExitCode);
        var before = await IndexesAsync();
        Assert.Contains(before, i => i.StartsWith("IX_People_NhsNumber", StringComparison.Ordinal));

        await using var ctx = _db.CreateContext(new SystemUser("cli-tests"));
        var r = await PeopleLoader.GenerateAsync(ctx, TimeProvider.System,
            new GenerateOptions(3000, "Index team", 9, BatchSize: 1000, RebuildIndexesFrom: 1), progress: null);
        Assert.Equal(3000, r.People);

        Assert.Equal(before, await IndexesAsync());
        Assert.Equal(3000, await ctx.People.CountAsync());
        // The planner uses the rebuilt index.
        await using var conn = new SqliteConnection(_db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN SELECT * FROM People WHERE NhsNumber = '9990000001'";
        var plan = "";
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan += reader.GetString(reader.GetOrdinal("detail"));
        Assert.Contains("IX_People_NhsNumber", plan);
    }

    [Fact]
    public async Task Indexes_dropped_by_an_interrupted_load_are_rebuilt_by_migrate()
    {
        Assert.Equal(0, (await CliRun.RunAsync(_db, "migrate")).ExitCode);
        var before = await IndexesAsync();

        await using var ctx = _db.CreateContext(new SystemUser("cli-tests"));
        BulkTable[] tables = [BulkTable.For<Person>(ctx), BulkTable.For<PersonAlias>(ctx)];
        // Begin drops the indexes; the process "dies" before Finish or Dispose.
        var writer = BulkWriter.Create(ctx, tables, rebuildIndexes: true);
        await writer.BeginAsync(default);
        var during = await IndexesAsync();
        Assert.DoesNotContain(during, i => i.StartsWith("IX_People_", StringComparison.Ordinal));
        Assert.DoesNotContain(during, i => i.StartsWith("IX_PersonAliases_", StringComparison.Ordinal));
        Assert.Contains(during, i => i.StartsWith("IX_Episodes_", StringComparison.Ordinal)); // not a loaded table

        var migrate = await CliRun.RunAsync(_db, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains("Rebuilt 8 indexes left out by an interrupted bulk load", migrate.Out);
        Assert.Equal(before, await IndexesAsync());

        // The abandoned writer finds nothing left to restore.
        await writer.DisposeAsync();
        Assert.Equal(before, await IndexesAsync());
    }
}
