using Microsoft.Data.Sqlite;
using Npgsql;
using Waymark.Persistence;

namespace Waymark.Web.Tests.Support;

/// <summary>An empty database for one app under test, on one provider, deleted afterwards.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The value for <c>ConnectionStrings:Waymark</c>, once created.</summary>
    public abstract string ConnectionString { get; }

    public abstract Task CreateAsync();

    public abstract ValueTask DisposeAsync();

    public static TestDatabase For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteTestDatabase(),
        _ => new PostgresTestDatabase(),
    };
}

/// <summary>A SQLite file in the temp directory; the file and its WAL files are deleted afterwards.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"waymark-webtest-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

    public override Task CreateAsync() => Task.CompletedTask; // the app creates the file when it migrates

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" })
            if (File.Exists(f)) File.Delete(f);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A uniquely named database on the server <c>WAYMARK_TEST_POSTGRES</c> points to (./scripts/test sets it),
/// dropped afterwards. Without the variable the PostgreSQL tests fail; they never skip.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "WAYMARK_TEST_POSTGRES";

    private readonly string _name = $"waymark_webtest_{Guid.NewGuid():N}";
    private string? _maintenance;
    private string? _connectionString;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The PostgreSQL test database has not been created.");

    public override async Task CreateAsync()
    {
        _maintenance = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_maintenance))
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL page tests cannot run (they fail, never skip). " +
                "Run ./scripts/test, which starts a throwaway PostgreSQL and sets it; or set it yourself to a superuser " +
                "connection string for a maintenance database, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres.");
        await using (var conn = new NpgsqlConnection(_maintenance))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_name}\" ENCODING 'UTF8'", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        _connectionString = new NpgsqlConnectionStringBuilder(_maintenance) { Database = _name }.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_connectionString is null || _maintenance is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_maintenance);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
