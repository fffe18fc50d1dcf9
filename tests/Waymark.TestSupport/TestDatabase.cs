using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Waymark.Access;
using Waymark.Persistence;
using Xunit;

namespace Waymark.TestSupport;

/// <summary>
/// A throwaway database on one provider, deleted afterwards. Tests are written once against this and
/// run on each provider by a concrete <see cref="SqliteTestDatabase"/> or <see cref="PostgresTestDatabase"/>.
/// </summary>
/// <remarks>
/// Two ways to use it:
/// <list type="bullet">
/// <item>As an xunit class or collection fixture: xunit calls <see cref="IAsyncLifetime.InitializeAsync"/>,
/// which creates the database and migrates it, and disposes it afterwards (the Core data tests).</item>
/// <item>Directly: <see cref="CreateAsync"/> gives an empty database for code that migrates it itself
/// (the app under test, the CLI's <c>migrate</c>), pointed at it with <see cref="Provider"/> and
/// <see cref="ConnectionString"/>; <see cref="DisposeAsync"/> deletes it.</item>
/// </list>
/// </remarks>
public abstract class TestDatabase : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The name of the environment variable with the PostgreSQL server to create databases on.</summary>
    public const string PostgresVariable = "WAYMARK_TEST_POSTGRES";

    /// <summary>Which provider the database is on.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The connection string for the app's or the CLI's configuration (<c>ConnectionStrings:Waymark</c>), once created.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>A new, not yet created database on <paramref name="provider"/>.</summary>
    public static TestDatabase For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteTestDatabase(),
        DatabaseProvider.Postgres => new PostgresTestDatabase(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No test database for this provider."),
    };

    /// <summary>Creates the database, empty: no tables until something migrates it.</summary>
    public abstract Task CreateAsync();

    /// <summary>Applies every migration, as the app does at start-up.</summary>
    public async Task MigrateAsync()
    {
        await using var db = CreateContext(new SystemUser("test-setup"));
        await DatabaseSetup.MigrateAsync(db);
    }

    /// <summary>A new context on the database acting as <paramref name="user"/>; the caller disposes it.</summary>
    public abstract WaymarkDbContext CreateContext(ICurrentUser user, params IInterceptor[] interceptors);

    /// <summary>Deletes the database; safe to call when it was never created.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>As a fixture the database is created and migrated, ready for data.</summary>
    async Task IAsyncLifetime.InitializeAsync()
    {
        await CreateAsync();
        await MigrateAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>The provider's name, which xunit shows beside the tests that use the fixture.</summary>
    public override string ToString() => Provider.ToString();
}

/// <summary>A SQLite file in a folder of its own under the temp directory; the folder is deleted afterwards (WAL files too).</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"waymark-test-{Guid.NewGuid():N}");

    /// <summary>A new database; its folder exists at once, so it can be opened even before <see cref="CreateAsync"/>.</summary>
    public SqliteTestDatabase() => Directory.CreateDirectory(_folder);

    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>The database file.</summary>
    public string FilePath => Path.Combine(_folder, "waymark.db");

    /// <inheritdoc />
    public override string ConnectionString => new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();

    /// <inheritdoc />
    public override Task CreateAsync()
    {
        Directory.CreateDirectory(_folder); // again, after a dispose; SQLite creates the file itself on first open
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override WaymarkDbContext CreateContext(ICurrentUser user, params IInterceptor[] interceptors) =>
        new SqliteWaymarkDbContext(
            new DbContextOptionsBuilder<SqliteWaymarkDbContext>().UseSqlite(ConnectionString).AddInterceptors(interceptors).Options).ActingFor(user);

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; clear only this file's pool, other fixtures run in parallel.
        using (var c = new SqliteConnection(ConnectionString)) SqliteConnection.ClearPool(c);
        try
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a handle the app under test still holds must not fail the run; the OS cleans temp.
        }
        catch (UnauthorizedAccessException)
        {
            // As above (Windows reports an open file this way).
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A uniquely named database on the server that <c>WAYMARK_TEST_POSTGRES</c> points to (scripts/test
/// sets it), dropped afterwards. Without the variable every PostgreSQL test fails, never skips:
/// PostgreSQL is the production database.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    /// <summary>The name of the environment variable with a superuser connection string to a maintenance database.</summary>
    public const string Variable = PostgresVariable;

    private readonly string _name = $"waymark_test_{Guid.NewGuid():N}";
    private string? _maintenance;
    private string? _connectionString;

    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <inheritdoc />
    public override string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The PostgreSQL test database has not been created (call CreateAsync).");

    /// <summary>The maintenance connection string from <c>WAYMARK_TEST_POSTGRES</c>; throws, with what to do, when it is not set.</summary>
    public static string MaintenanceConnectionString() =>
        Environment.GetEnvironmentVariable(Variable) is { } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests cannot run (they fail rather than skip). " +
                "Run ./scripts/test, which starts a throwaway PostgreSQL and sets it, or set it yourself to a superuser " +
                "connection string for a maintenance database, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres.");

    /// <inheritdoc />
    public override async Task CreateAsync()
    {
        _maintenance = MaintenanceConnectionString();
        await using (var conn = new NpgsqlConnection(_maintenance))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_name}\" ENCODING 'UTF8'", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        _connectionString = new NpgsqlConnectionStringBuilder(_maintenance) { Database = _name }.ConnectionString;
    }

    /// <inheritdoc />
    public override WaymarkDbContext CreateContext(ICurrentUser user, params IInterceptor[] interceptors) =>
        new PostgresWaymarkDbContext(
            new DbContextOptionsBuilder<PostgresWaymarkDbContext>().UseNpgsql(ConnectionString).AddInterceptors(interceptors).Options).ActingFor(user);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (_connectionString is null || _maintenance is null) return;
        using (var c = new NpgsqlConnection(_connectionString)) NpgsqlConnection.ClearPool(c);
        await using var conn = new NpgsqlConnection(_maintenance);
        await conn.OpenAsync();
        // FORCE: connections the app under test still holds must not keep the database alive.
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
        _connectionString = null;
    }
}
