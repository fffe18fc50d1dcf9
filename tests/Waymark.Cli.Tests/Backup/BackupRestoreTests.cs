using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Waymark.Access;
using Waymark.Persistence;

namespace Waymark.Cli.Tests.Backup;

/// <summary>
/// docs/operations.md, "Backup and restore", done as an operator would: a populated database (the demo, then thousands
/// of generated people) is backed up with <c>waymark backup</c>, restored into a new database, and every table must hold
/// the same rows, value for value, and the restored database must work for the app.
/// </summary>
public abstract class BackupRestoreTests(TestDatabase db) : IAsyncLifetime
{
    private static readonly ICurrentUser Actor = new SystemUser("backup-tests");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("waymark-backup-");
    private TestDatabase? _restored;

    /// <summary>A new, empty database on the same provider for the restore.</summary>
    protected abstract TestDatabase NewDatabase();

    /// <summary>Puts <paramref name="backupFile"/> into <paramref name="target"/> (created, empty) as docs/operations.md says.</summary>
    protected abstract Task RestoreAsync(string backupFile, TestDatabase target);

    /// <summary>The names of the tables in the database (the EF migrations history included).</summary>
    protected abstract string TablesSql { get; }

    /// <summary>Where the backups are written.</summary>
    protected string Folder => _folder.FullName;

    public virtual async Task InitializeAsync() => await db.CreateAsync();

    public virtual async Task DisposeAsync()
    {
        await db.DisposeAsync();
        if (_restored is not null) await _restored.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_backup_of_a_populated_database_restored_into_a_new_one_holds_every_row_of_every_table()
    {
        await PopulateAsync();
        var file = Path.Combine(Folder, "waymark-backup.bak");
        var backup = await CliRun.RunAsync(db, "backup", "--out", file);
        Assert.True(backup.ExitCode == 0, backup.ToString());
        Assert.Contains($"backed up to {file}", backup.Out);
        Assert.False(File.Exists(file + ".partial"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        _restored = NewDatabase();
        await _restored.CreateAsync();
        await RestoreAsync(file, _restored);

        var original = await ReadAllAsync(db);
        var copy = await ReadAllAsync(_restored);
        Assert.Equal(original.Keys.Order(StringComparer.Ordinal), copy.Keys.Order(StringComparer.Ordinal));
        Assert.True(original.Count > 60, $"Only {original.Count} tables were found");
        foreach (var (table, rows) in original)
        {
            Assert.True(rows.Count == copy[table].Count, $"{table}: {rows.Count} rows backed up, {copy[table].Count} restored");
            Assert.True(rows.SequenceEqual(copy[table]), $"{table}: the restored rows differ from the original's");
        }
        // The tables that matter most are not empty (so "equal" is not "both empty").
        foreach (var table in new[] { "People", "Episodes", "PersonTeamLinks", "AspNetUsers", "AspNetUserRoles", "Teams", "DataProtectionKeys", "__EFMigrationsHistory" })
            Assert.True(original[table].Count > 0, $"{table} is empty in the populated database");

        // Spot checks through the app's own model: the same people, found by what users search with.
        await using var before = db.CreateContext(Actor);
        await using var after = _restored.CreateContext(Actor);
        var people = await before.People.CountAsync();
        Assert.True(people > 3000, $"the demo and the 3,000 generated people ({people})");
        Assert.Equal(people, await after.People.CountAsync());
        Assert.Empty(await after.Database.GetPendingMigrationsAsync());
        foreach (var person in await before.People.AsNoTracking().Where(p => p.NhsNumber != null).OrderBy(p => p.Id).Take(25).ToListAsync())
        {
            var found = await after.People.AsNoTracking().SingleAsync(p => p.NhsNumber == person.NhsNumber);
            Assert.Equal((person.Id, person.GivenName, person.FamilyName, person.DateOfBirth), (found.Id, found.GivenName, found.FamilyName, found.DateOfBirth));
        }
        var practitioner = await after.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == "PRACTITIONER@DEMO.INVALID");
        Assert.Equal((await before.Users.AsNoTracking().SingleAsync(u => u.Id == practitioner.Id)).PasswordHash, practitioner.PasswordHash);
        Assert.Equal("<key id=\"backup-test\" />", (await after.DataProtectionKeys.AsNoTracking().SingleAsync(k => k.FriendlyName == "backup-test")).Xml);
    }

    [Fact]
    public async Task A_backup_never_overwrites_an_existing_file()
    {
        await db.MigrateAsync();
        var file = Path.Combine(Folder, "taken.bak");
        await File.WriteAllTextAsync(file, "yesterday's backup");
        var run = await CliRun.RunAsync(db, "backup", "--out", file);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("already exists", run.Err);
        Assert.Equal("yesterday's backup", await File.ReadAllTextAsync(file));
    }

    /// <summary>The demo (teams, users, 60 people with their records), 3,000 generated people, and a Data Protection key.</summary>
    private async Task PopulateAsync()
    {
        var demo = await CliRun.RunAsync(db, "demo");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        var generate = await CliRun.RunAsync(db, "people", "generate", "--count", "3000", "--seed", "16", "--batch", "1000");
        Assert.True(generate.ExitCode == 0, generate.ToString());
        await using var ctx = db.CreateContext(Actor);
        // The web app keeps its sign-in and anti-forgery keys in the database (docs/operations.md): the backup carries them.
        ctx.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "backup-test", Xml = "<key id=\"backup-test\" />" });
        await ctx.SaveChangesAsync();
    }

    /// <summary>Every table's rows, each as one line of its values (binary as base64, times in ISO 8601), sorted.</summary>
    private async Task<Dictionary<string, List<string>>> ReadAllAsync(TestDatabase database)
    {
        await using var ctx = database.CreateContext(Actor);
        var connection = ctx.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = TablesSql;
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var all = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync())
            {
                reader.GetValues(values);
                rows.Add(string.Join('\u001f', values.Select(Text)));
            }
            rows.Sort(StringComparer.Ordinal);
            all[table] = rows;
        }
        return all;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "<null>",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        Array a => string.Join(',', a.Cast<object>().Select(Text)),
        _ => value.ToString() ?? "",
    };

    /// <summary>Runs a PostgreSQL client program against <paramref name="target"/>, connection details in PG* variables as the CLI passes them.</summary>
    protected static async Task RunPostgresToolAsync(string program, TestDatabase target, params string[] args)
    {
        var path = PostgresTools.Find(program);
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var (name, value) in Cli.PostgresEnvironment(target.ConnectionString)) start.Environment[name] = value;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed (exit {process.ExitCode}): {await err}{await output}");
    }
}

/// <summary>SQLite: the online backup is itself a database file; restoring is putting that file where the app expects it.</summary>
public sealed class SqliteBackupRestoreTests() : BackupRestoreTests(new SqliteTestDatabase())
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();

    protected override string TablesSql => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

    protected override Task RestoreAsync(string backupFile, TestDatabase target)
    {
        // With the app stopped: copy the file into place (no -wal or -shm beside it; the backup is one file).
        File.Copy(backupFile, ((SqliteTestDatabase)target).FilePath);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_backup_taken_while_the_app_writes_is_a_consistent_database()
    {
        var live = new SqliteTestDatabase();
        try
        {
            await live.CreateAsync();
            await live.MigrateAsync(); // WAL, as the app runs it
            using var stop = new CancellationTokenSource();
            var written = 0;
            var writer = Task.Run(async () =>
            {
                await using var ctx = live.CreateContext(new SystemUser("writer"));
                while (!stop.IsCancellationRequested)
                {
                    ctx.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = $"k{written}", Xml = new string('x', 2000) });
                    await ctx.SaveChangesAsync();
                    Interlocked.Increment(ref written);
                }
            });
            while (Volatile.Read(ref written) < 200) await Task.Delay(10);
            var file = Path.Combine(Folder, "during-writes.db");
            var run = await CliRun.RunAsync(live, "backup", "--out", file);
            var during = Volatile.Read(ref written);
            while (Volatile.Read(ref written) < during + 100) await Task.Delay(10); // writes went on after the backup
            await stop.CancelAsync();
            await writer;
            Assert.True(run.ExitCode == 0, run.ToString());

            await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await copy.OpenAsync();
            Assert.Equal("ok", await ScalarAsync(copy, "PRAGMA integrity_check"));
            Assert.Equal("delete", await ScalarAsync(copy, "PRAGMA journal_mode"));
            var keys = Convert.ToInt32(await ScalarAsync(copy, "SELECT count(*) FROM DataProtectionKeys"), CultureInfo.InvariantCulture);
            // Every key acknowledged before the backup started is in it; none written after it ended (the one being
            // committed as the backup returned may be in it, not yet counted).
            Assert.InRange(keys, 200, during + 1);
            // Keys k0..k(n-1) and nothing else: no write is half in the copy.
            Assert.Equal(keys, Convert.ToInt32(await ScalarAsync(copy, $"SELECT count(*) FROM DataProtectionKeys WHERE FriendlyName IN ({string.Join(',', Enumerable.Range(0, keys).Select(i => $"'k{i}'"))})"), CultureInfo.InvariantCulture));
        }
        finally
        {
            await live.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("backup needs --out <file>", "backup")]
    [InlineData("--out must not be empty", "backup", "--out", " ")]
    [InlineData("Unknown option for this command: --to", "backup", "--out", "x.db", "--to", "y.db")]
    public async Task Backup_without_a_proper_out_is_a_usage_error(string message, params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error: " + message, run.Err);
    }

    [Fact]
    public async Task A_backup_of_a_database_that_is_not_there_fails_and_creates_nothing()
    {
        var missing = Path.Combine(Folder, "no-such", "waymark.db");
        var file = Path.Combine(Folder, "nothing.bak");
        var run = await CliRun.RunAsync("backup", "--out", file, "--provider", "Sqlite", "--connection", $"Data Source={missing}");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"there is no SQLite database at {missing}", run.Err);
        Assert.False(File.Exists(missing));
        Assert.False(File.Exists(file));
        Assert.False(File.Exists(file + ".partial"));
    }

    private static async Task<object?> ScalarAsync(DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }
}

/// <summary>PostgreSQL: <c>waymark backup</c> runs pg_dump's custom format; pg_restore puts it into a new, empty database.</summary>
public sealed class PostgresBackupRestoreTests() : BackupRestoreTests(new PostgresTestDatabase())
{
    public override Task InitializeAsync()
    {
        PostgresTools.UseTestServersTools();
        return base.InitializeAsync();
    }

    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();

    protected override string TablesSql =>
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name";

    protected override Task RestoreAsync(string backupFile, TestDatabase target) =>
        // As docs/operations.md says: into a new, empty database; stop at the first error.
        RunPostgresToolAsync("pg_restore", target, "--no-owner", "--exit-on-error", "--dbname", ((NpgsqlConnectionStringBuilder)new(target.ConnectionString)).Database!, backupFile);

    [Fact]
    public async Task An_unreachable_server_fails_with_pg_dump_s_reason_and_leaves_no_file()
    {
        var file = Path.Combine(Folder, "unreachable.bak");
        var run = await CliRun.RunAsync("backup", "--out", file, "--provider", "Postgres", "--connection", "Host=127.0.0.1;Port=1;Database=waymark;Username=waymark;Timeout=5");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error: pg_dump failed", run.Err);
        Assert.Contains("127.0.0.1", run.Err);
        Assert.False(File.Exists(file));
        Assert.False(File.Exists(file + ".partial"));
    }
}

/// <summary>PostgreSQL's client programs for the tests: <c>WAYMARK_PG_BIN</c> (scripts/test exports it), else the newest /usr/lib/postgresql/*/bin.</summary>
internal static class PostgresTools
{
    /// <summary>Sets <c>WAYMARK_PG_BIN</c> for the CLI run in-process when the environment has not, so it uses the server's version.</summary>
    public static void UseTestServersTools()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Cli.PostgresBinVariable))) return;
        var newest = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_dump")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
            : null;
        if (newest is not null) Environment.SetEnvironmentVariable(Cli.PostgresBinVariable, newest);
    }

    /// <summary>The program's path; fails the test (never skips: PostgreSQL is the production database) when it is missing.</summary>
    public static string Find(string program)
    {
        UseTestServersTools();
        return Cli.FindPostgresProgram(program)
            ?? throw new InvalidOperationException($"{program} not found: set {Cli.PostgresBinVariable} to PostgreSQL's bin folder (scripts/test does).");
    }
}
