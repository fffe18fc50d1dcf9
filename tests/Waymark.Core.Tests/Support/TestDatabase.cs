using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Waymark.Access;
using Waymark.Persistence;

namespace Waymark.Core.Tests.Support;

/// <summary>
/// One migrated database for one test class (an xunit class fixture), on one provider. Data tests
/// are written once against this and run on each provider by a concrete subclass per provider.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>A new context acting as <paramref name="user"/>; the caller disposes it.</summary>
    public abstract WaymarkDbContext CreateContext(ICurrentUser user, params IInterceptor[] interceptors);

    protected abstract Task CreateEmptyDatabaseAsync();
    protected abstract Task DeleteDatabaseAsync();

    public async Task InitializeAsync()
    {
        await CreateEmptyDatabaseAsync();
        await using var db = CreateContext(new SystemUser("test-setup"));
        await DatabaseSetup.MigrateAsync(db);
    }

    public Task DisposeAsync() => DeleteDatabaseAsync();

    public override string ToString() => Provider.ToString();
}

/// <summary>A SQLite file in the temp directory, deleted with its WAL files afterwards.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"waymark-test-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

    public override WaymarkDbContext CreateContext(ICurrentUser user, params IInterceptor[] interceptors) =>
        new SqliteWaymarkDbContext(
            new DbContextOptionsBuilder<SqliteWaymarkDbContext>().UseSqlite(ConnectionString).AddInterceptors(interceptors).Options).ActingFor(user);

    protected override Task CreateEmptyDatabaseAsync() => Task.CompletedTask; // SQLite creates the file on first open

    protected override Task DeleteDatabaseAsync()
    {
        using (var c = new SqliteConnection(ConnectionString)) SqliteConnection.ClearPool(c);
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" })
            if (File.Exists(f)) File.Delete(f);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A uniquely named database on the server that <c>WAYMARK_TEST_POSTGRES</c> points to (set by
/// scripts/test), dropped afterwards. Without the variable every PostgreSQL test fails, never skips.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "WAYMARK_TEST_POSTGRES";

    private readonly string _name = $"waymark_test_{Guid.NewGuid():N}";
    private string? _maintenance;
    private string? _connectionString;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override WaymarkDbContext CreateContext(ICurrentUser user, params IInterceptor[] interceptors) =>
        new PostgresWaymarkDbContext(
            new DbContextOptionsBuilder<PostgresWaymarkDbContext>()
                .UseNpgsql(_connectionString ?? throw new InvalidOperationException("The PostgreSQL test database was not created."))
                .AddInterceptors(interceptors).Options).ActingFor(user);

    protected override async Task CreateEmptyDatabaseAsync()
    {
        _maintenance = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_maintenance))
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests cannot run (they fail rather than skip). " +
                "Run ./scripts/test, which starts a throwaway PostgreSQL and sets it, or set it yourself to a superuser " +
                "connection string for a maintenance database, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres.");
        await using (var conn = new NpgsqlConnection(_maintenance))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_name}\" ENCODING 'UTF8'", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        _connectionString = new NpgsqlConnectionStringBuilder(_maintenance) { Database = _name }.ConnectionString;
    }

    protected override async Task DeleteDatabaseAsync()
    {
        if (_connectionString is null || _maintenance is null) return;
        using (var c = new NpgsqlConnection(_connectionString)) NpgsqlConnection.ClearPool(c);
        await using var conn = new NpgsqlConnection(_maintenance);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
