using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Waymark.Access;
using Waymark.Cli;
using Waymark.Persistence;

namespace Waymark.Cli.Tests;

/// <summary>A database the CLI can be pointed at, and EF contexts on it for checking what it did.</summary>
public interface ITestDatabase
{
    string Provider { get; }
    string ConnectionString { get; }
    WaymarkDbContext Context(ICurrentUser user);
}

/// <summary>A fresh SQLite file in the temp folder, deleted afterwards.</summary>
public sealed class SqliteTestDatabase : ITestDatabase, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "waymark-cli-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase() => Directory.CreateDirectory(_dir);

    public string Provider => "Sqlite";
    public string Path_ => Path.Combine(_dir, "waymark.db");
    public string ConnectionString => $"Data Source={Path_}";

    public WaymarkDbContext Context(ICurrentUser user) =>
        new SqliteWaymarkDbContext(new DbContextOptionsBuilder<SqliteWaymarkDbContext>().UseSqlite(ConnectionString).Options).ActingFor(user);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// A uniquely named PostgreSQL database created on the server in WAYMARK_TEST_POSTGRES (a superuser
/// connection string to a maintenance database) and dropped afterwards. Without the variable the
/// tests fail: PostgreSQL is the production database and is never skipped.
/// </summary>
public sealed class PostgresTestDatabase : ITestDatabase, IAsyncLifetime
{
    public const string Variable = "WAYMARK_TEST_POSTGRES";
    private readonly string _name = "waymark_cli_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _admin;

    public string Provider => "Postgres";
    public string ConnectionString { get; private set; } = "";

    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"{Variable} is not set. The PostgreSQL tests need a superuser connection string to a maintenance database, " +
                $"e.g. {Variable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\" (./scripts/test sets it).");

    public async Task InitializeAsync()
    {
        _admin = AdminConnectionString();
        await using (var conn = new NpgsqlConnection(_admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _name, Pooling = false }.ConnectionString;
    }

    public WaymarkDbContext Context(ICurrentUser user) =>
        new PostgresWaymarkDbContext(new DbContextOptionsBuilder<PostgresWaymarkDbContext>().UseNpgsql(ConnectionString).Options).ActingFor(user);

    public async Task DisposeAsync()
    {
        if (_admin is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>Runs the CLI in-process and keeps what it printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Err)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await Cli.RunAsync(args, o, e);
        return new CliRun(code, o.ToString(), e.ToString());
    }

    public static Task<CliRun> RunAsync(ITestDatabase db, params string[] args) =>
        RunAsync([.. args, "--provider", db.Provider, "--connection", db.ConnectionString]);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}
