using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Waymark.Persistence;

namespace Waymark.Cli;

/// <summary>
/// <c>waymark backup --out &lt;file&gt;</c>: a consistent copy of the database taken while the app keeps running
/// (docs/operations.md, "Backup and restore").
/// </summary>
public static partial class Cli
{
    /// <summary>The environment variable naming the folder of PostgreSQL's client programs (pg_dump); otherwise PATH is searched.</summary>
    public const string PostgresBinVariable = "WAYMARK_PG_BIN";

    private static async Task<int> BackupAsync(CliContext c)
    {
        var outOption = c.Args.Option("out") ?? throw new UsageException("backup needs --out <file>.");
        if (string.IsNullOrWhiteSpace(outOption)) throw new UsageException("--out must not be empty.");
        c.Args.EnsureAllUsed();
        var target = Path.GetFullPath(outOption);
        if (File.Exists(target) || Directory.Exists(target))
        {
            c.Err.WriteLine($"error: {target} already exists; a backup never overwrites a file. Choose a new name (a date in it helps).");
            return Failed;
        }
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            c.Err.WriteLine($"error: the folder {folder} does not exist.");
            return Failed;
        }
        // Written under a temporary name and renamed when complete and checked: a file with the chosen name is a whole backup.
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            var written = DatabaseSetup.ProviderFrom(c.Config) == DatabaseProvider.Sqlite
                ? await BackupSqliteAsync(c, partial)
                : await BackupPostgresAsync(c, partial);
            if (!written) return Failed;
            // Readable by its owner only, whatever the umask: a backup holds every person's records.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(partial, target);
        }
        finally
        {
            File.Delete(partial);
        }
        var bytes = new FileInfo(target).Length;
        c.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Describe()}: backed up to {target} ({bytes:N0} bytes)."));
        return Ok;
    }

    /// <summary>
    /// SQLite's online backup API (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>): copies every page
    /// as of one moment, while the app keeps reading and writing (WAL); then the copy is made a single file (no -wal)
    /// and checked with <c>PRAGMA integrity_check</c>.
    /// </summary>
    private static async Task<bool> BackupSqliteAsync(CliContext c, string partial)
    {
        var configured = c.Config.GetConnectionString("Waymark") is { Length: > 0 } cs ? cs : DatabaseSetup.DefaultSqlite;
        var source = new SqliteConnectionStringBuilder(DatabaseSetup.SqliteFileUnder(configured, Directory.GetCurrentDirectory()))
        {
            Mode = SqliteOpenMode.ReadWrite, // never create an empty database where the real one was expected
            Pooling = false,
        };
        if (!File.Exists(source.DataSource))
        {
            c.Err.WriteLine($"error: there is no SQLite database at {source.DataSource}.");
            return false;
        }
        await using (var from = new SqliteConnection(source.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await from.OpenAsync(c.Ct);
            await to.OpenAsync(c.Ct);
            from.BackupDatabase(to);
            await using var journal = to.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            await journal.ExecuteNonQueryAsync(c.Ct);
            await using var check = to.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var result = (string?)await check.ExecuteScalarAsync(c.Ct);
            if (result != "ok")
            {
                c.Err.WriteLine($"error: the copy failed SQLite's integrity check ({result}); nothing was kept.");
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Runs <c>pg_dump -Fc</c> (custom format: compressed, restored with pg_restore, one consistent snapshot while the app
    /// runs). The connection's host, port, user, database and password reach pg_dump as PG* environment variables, never
    /// on its command line (where other users of the machine could read the password).
    /// </summary>
    private static async Task<bool> BackupPostgresAsync(CliContext c, string partial)
    {
        var cs = c.Config.GetConnectionString("Waymark");
        if (string.IsNullOrWhiteSpace(cs)) throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Waymark is not set.");
        var pgDump = FindPostgresProgram("pg_dump");
        if (pgDump is null)
        {
            c.Err.WriteLine($"error: pg_dump was not found (set {PostgresBinVariable} to the folder of PostgreSQL's client programs, "
                + "e.g. /usr/lib/postgresql/15/bin, or put it on PATH; it must be the server's major version or newer). "
                + "Or run it yourself: pg_dump -Fc -f <file> <database> (docs/operations.md).");
            return false;
        }
        var start = new ProcessStartInfo(pgDump) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var (name, value) in PostgresEnvironment(cs)) start.Environment[name] = value;
        foreach (var arg in new[] { "--format=custom", "--file", partial }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pg_dump did not start.");
        var errors = process.StandardError.ReadToEndAsync(c.Ct);
        var output = process.StandardOutput.ReadToEndAsync(c.Ct);
        await process.WaitForExitAsync(c.Ct);
        var said = (await errors).Trim() + (await output).Trim();
        if (process.ExitCode != 0)
        {
            c.Err.WriteLine($"error: pg_dump failed (exit {process.ExitCode}): {said}");
            return false;
        }
        return true;
    }

    /// <summary>
    /// The libpq environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE) for an Npgsql connection
    /// string, so pg_dump and pg_restore reach the database the app uses. Only the values the string sets.
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> PostgresEnvironment(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var env = new List<(string, string)>();
        if (!string.IsNullOrEmpty(b.Host)) env.Add(("PGHOST", b.Host));
        env.Add(("PGPORT", b.Port.ToString(CultureInfo.InvariantCulture)));
        if (!string.IsNullOrEmpty(b.Database)) env.Add(("PGDATABASE", b.Database));
        if (!string.IsNullOrEmpty(b.Username)) env.Add(("PGUSER", b.Username));
        if (!string.IsNullOrEmpty(b.Password)) env.Add(("PGPASSWORD", b.Password));
        if (b.SslMode != SslMode.Prefer) env.Add(("PGSSLMODE", b.SslMode.ToString().ToLowerInvariant() switch
        {
            "verifyca" => "verify-ca",
            "verifyfull" => "verify-full",
            var mode => mode,
        }));
        return env;
    }

    /// <summary>A PostgreSQL client program: in <c>WAYMARK_PG_BIN</c> when set, otherwise the first on PATH; null when neither has it.</summary>
    public static string? FindPostgresProgram(string name)
    {
        var bin = Environment.GetEnvironmentVariable(PostgresBinVariable);
        if (!string.IsNullOrWhiteSpace(bin))
            return File.Exists(Path.Combine(bin, name)) ? Path.Combine(bin, name) : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }
}
