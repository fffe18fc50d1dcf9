using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Demo;
using Waymark.Persistence;

namespace Waymark.Cli;

/// <summary>The <c>waymark</c> admin commands. <see cref="RunAsync"/> is the whole program, so tests run it in-process.</summary>
public static partial class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    public const string Usage = """
        waymark - Waymark administration

        Usage: waymark <command> [options]

        Commands:
          help                         Show this help.
          migrate                      Create or upgrade the database schema.
          backup --out <file>          Back up the database while the app runs (docs/operations.md).
                                       SQLite: an online copy by SQLite's backup API, one checked
                                       database file. PostgreSQL: pg_dump --format=custom (restore
                                       with pg_restore); pg_dump is taken from WAYMARK_PG_BIN or PATH.
                                       Never overwrites a file.
          demo                         Migrate, then add the synthetic demo teams, users and people
                                       (prints the logins, and the password if one was generated).
          people generate --count N    Migrate, then bulk-load N synthetic people, each linked to a
                [--team "<name>"]      team (default: the demo team; created if absent) with one
                [--seed S]             episode. S makes the data repeatable.
                [--teams K]            Spread them over K teams: the team above and
                                       "Synthetic team 002".."K" (created if absent).
                [--batch B]            People per transaction (default 10,000).
          people count                 Print the number of people and of open episodes.
          teams list                   List the teams with their members' count.
          teams add --name "<name>"    Add a team (an L&D service).
                [--covers "<a>; <b>"]  Custody suites and courts it covers.
          users add --email E          Add a user with a role, in a team. A password is generated
                --name "<name>"        and printed once; they must change it at first sign-in.
                --role R               Practitioner, SupportWorker, Volunteer, TeamManager,
                --team "<team name>"   Commissioner or Administrator.
          users add-to-team --email E --team "<team name>"
                                       Add an existing user to another team.
          users password --email E     Set a new generated password (printed once; they must change
                                       it at their next sign-in), unlock, and end every session.
                                       WAYMARK_NEW_PASSWORD set: that password, no change required.
          users remove-from-team --email E --team "<team name>"
                                       Withdraw a user from a team; their sessions in it end.
          users reset-two-factor --email E
                                       Turn off a user's two-factor authentication (new key, no
                                       recovery codes) and end every session; they enrol again.
          users sign-out --email E     End every session of the user (sign out everywhere).
          instruments list             List the screening instruments: built-in, plus *.json files
                [--folder D]           in D (default: Instruments__Folder). Refused files on stderr.
          instruments score <id>       Score answers given in item order; leave a value blank for
                --answers "0,1,,3"     an unanswered item. Prints score, band, flags and outcomes.
          instruments fhir <id>        Print the instrument as a FHIR R4 Questionnaire (JSON).
          directory generate --count N Add N synthetic local services to a team's directory
                --team "<name>" [--seed S]  (for the search benchmark).
          directory import --team "<name>" <file.json>
                                       Import Open Referral UK JSON into the team's directory: all
                                       records or, listing every problem, none.
          directory export --team "<name>" [--out <file.json>]
                                       Write the team's directory as Open Referral UK JSON (stdout
                                       without --out). Relationship notes are never exported.
          directory api-key add --team "<name>" --name "<partner>"
                                       Issue a partner agency's key to the read API (printed once).
          directory api-key revoke --team "<name>" --name "<partner>"
          directory api-key list --team "<name>"
          fhir api-key add --team "<name>" --name "<partner>"
                                       Issue a partner system's key to the team's FHIR R4 API
                                       (people's records; printed once). A directory key does
                                       not open it.
          fhir api-key revoke --team "<name>" --name "<partner>"
          fhir api-key list --team "<name>"
          dataset --month YYYY-MM --commissioner E --format csv|json [--team "<name>"] [--out <file>]
                                       A commissioner's monthly dataset (docs/dataset.md): one
                                       pseudonymised row per episode active in the month in their
                                       teams (or the one named), with their own person keys.
          match evaluate --link <a.csv> <b.csv> | --dedupe <file.csv> [--without <column>]...
                                       Measure the matching engine on FEBRL-format CSV (the truth is
                                       in rec_id); the last line is precision=, recall=, f1=, pairs=.
          match generate --count N --duplicates D --seed S --out <file.csv> [--relatives R]
                                       Write synthetic UK people with realistic errors as FEBRL CSV;
                                       R of the people are twins, siblings or parents of others.
          match scan --team "<name>" | --all-teams [--workers W]
                                       Scan a team's people for probable duplicates and store them
                                       for its team managers to review (nothing is merged). Progress
                                       on stderr; W threads (default 2).
          retention run [--dry-run]    Destroy the records of everyone whose retention period has
                                       ended (rules: Retention:*; docs/governance.md), in
                                       batches, logging each by a keyed hash. --dry-run lists who
                                       would go and why (pseudonymous reference, rule, due date).

        Database options (override the environment):
          --provider Sqlite|Postgres   Database__Provider (default Sqlite)
          --connection "<cs>"          ConnectionStrings__Waymark
                                       (default for SQLite: Data Source=data/waymark.db, under
                                       src/Waymark.Web when run from the repository's root (the
                                       app's own file when it runs with dotnet run), otherwise
                                       under the working directory)
          --verbose                    More logging on stderr.

        All data the CLI makes is synthetic.
        """;

    /// <summary>Runs one command. Returns 0 on success, 1 when the work failed, 2 for bad usage.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        CliArgs a;
        try
        {
            a = new CliArgs(args);
        }
        catch (UsageException e)
        {
            return UsageError(stderr, e.Message);
        }
        try
        {
            if (a.Words.Count == 0 || a.Flag("help") || a.Words[0] is "help")
            {
                a.Option("provider"); a.Option("connection"); a.Flag("verbose");
                stdout.WriteLine(Usage);
                return Ok;
            }
            if (a.Words[0] is "instruments") return RunInstruments(a, stdout, stderr); // needs no database
            var command = string.Join(' ', a.Words);
            Func<CliContext, Task<int>> run = command switch
            {
                "migrate" => MigrateAsync,
                "backup" => BackupAsync,
                "demo" => DemoAsync,
                "people generate" => c => GenerateAsync(c),
                "people count" => CountAsync,
                "teams list" => TeamsListAsync,
                "teams add" => TeamsAddAsync,
                "users add" => UsersAddAsync,
                "users add-to-team" => UsersAddToTeamAsync,
                "users password" => UsersPasswordAsync,
                "users remove-from-team" => UsersRemoveFromTeamAsync,
                "users reset-two-factor" => UsersResetTwoFactorAsync,
                "users sign-out" => UsersSignOutAsync,
                "dataset" => DatasetAsync,
                "retention run" => RetentionRunAsync,
                _ when a.Words[0] == "match" => MatchAsync,
                _ when a.Words[0] is "directory" or "fhir" => DirectoryAsync,
                _ => throw new UsageException(a.Words[0] switch
                {
                    "people" => $"Unknown command '{command}'. Try 'people generate' or 'people count'.",
                    "teams" => $"Unknown command '{command}'. Try 'teams list' or 'teams add'.",
                    "retention" => $"Unknown command '{command}'. Try 'retention run --dry-run'.",
                    "users" => $"Unknown command '{command}'. Try 'users add', 'users add-to-team', 'users remove-from-team', 'users password', 'users reset-two-factor' or 'users sign-out'.",
                    _ => $"Unknown command '{command}'.",
                }),
            };
            var config = CliServices.BuildConfiguration(a.Option("provider"), a.Option("connection"));
            var verbose = a.Flag("verbose");
            var interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
            var ctx = new CliContext(a, config, stdout, stderr, verbose, interactive, ct);
            if (command is not ("backup" or "dataset" or "retention run" or "people generate" or "teams add" or "users add" or "users add-to-team" or "users password" or "users remove-from-team" or "users reset-two-factor" or "users sign-out") && a.Words[0] is not ("match" or "directory" or "fhir")) a.EnsureAllUsed();
            return await run(ctx);
        }
        catch (UsageException e)
        {
            return UsageError(stderr, e.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stderr.WriteLine("Cancelled.");
            return Failed;
        }
        catch (Exception e)
        {
            stderr.WriteLine("error: " + Describe(e));
            if (a.Flag("verbose")) stderr.WriteLine(e);
            return Failed;
        }
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        stderr.WriteLine("Run 'waymark help' for usage.");
        return BadUsage;
    }

    /// <summary>A one-line reason without a stack trace, naming the database problem plainly.</summary>
    internal static string Describe(Exception e)
    {
        var root = e;
        while (root.InnerException is not null && root is not DbException) root = root.InnerException;
        var db = FindDb(e);
        if (db is not null)
        {
            var msg = db.Message;
            if (db.InnerException is System.Net.Sockets.SocketException or TimeoutException or IOException)
                msg += " (" + db.InnerException.Message + ")";
            return "database: " + msg;
        }
        return root.Message;

        static DbException? FindDb(Exception? x)
        {
            for (; x is not null; x = x.InnerException)
                if (x is DbException d) return d;
            return null;
        }
    }

    private sealed record CliContext(CliArgs Args, IConfiguration Config, TextWriter Out, TextWriter Err, bool Verbose, bool Interactive, CancellationToken Ct)
    {
        /// <summary>
        /// The command's services. Unless the command <paramref name="migrates"/> first (migrate, demo, people generate,
        /// teams add, users add, dataset, directory), throws <see cref="InvalidOperationException"/> naming the database
        /// when it is missing or has no Waymark schema: a SQLite file is looked for before anything opens it (opening
        /// would create it), so no command leaves an empty database behind (issue 16).
        /// </summary>
        public ServiceProvider Services(bool migrates = false)
        {
            var message = $"No Waymark database at {DatabaseLocation()} (or not migrated): run `waymark migrate`, or set ConnectionStrings__Waymark to the app's database.";
            var sqlite = DatabaseSetup.ProviderFrom(Config) == DatabaseProvider.Sqlite;
            if (!migrates && sqlite && SqliteFile() is { } file && !File.Exists(file)) throw new InvalidOperationException(message);
            var sp = CliServices.Build(Config, Err, Verbose);
            if (migrates) return sp;
            using (var scope = sp.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
                // PostgreSQL unreachable: left to the command, whose error names the reason (host, refused, password).
                var missing = db.Database.CanConnect() ? !db.Database.GetAppliedMigrations().Any() : sqlite;
                if (!missing) return sp;
            }
            sp.Dispose();
            throw new InvalidOperationException(message);
        }

        public string Describe() =>
            DatabaseSetup.ProviderFrom(Config) == DatabaseProvider.Sqlite
                ? "SQLite (" + DatabaseLocation() + ")"
                : "PostgreSQL (" + SafePostgres(Config.GetConnectionString("Waymark")) + ")";

        /// <summary>The SQLite file's full path (relative ones resolved as <see cref="CliServices.SqliteBaseDirectory"/> says), or PostgreSQL's host:port/database.</summary>
        public string DatabaseLocation() =>
            DatabaseSetup.ProviderFrom(Config) == DatabaseProvider.Sqlite
                ? SqliteFile() ?? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(SqliteConnectionString()).DataSource
                : SafePostgres(Config.GetConnectionString("Waymark"));

        /// <summary>The SQLite file as an absolute path, or null for an in-memory database or a <c>file:</c> URI.</summary>
        public string? SqliteFile()
        {
            var b = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(SqliteConnectionString());
            return Path.IsPathRooted(b.DataSource) && b.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory ? b.DataSource : null;
        }

        private string SqliteConnectionString() =>
            DatabaseSetup.SqliteFileUnder(Config.GetConnectionString("Waymark") is { Length: > 0 } cs ? cs : DatabaseSetup.DefaultSqlite,
                CliServices.SqliteBaseDirectory(Directory.GetCurrentDirectory()));

        private static string SafePostgres(string? cs)
        {
            if (string.IsNullOrWhiteSpace(cs)) return "no connection string";
            var b = new Npgsql.NpgsqlConnectionStringBuilder(cs);
            return $"{b.Host}:{b.Port}/{b.Database}";
        }
    }

    private static async Task<int> MigrateAsync(CliContext c)
    {
        await using var sp = c.Services(migrates: true);
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(c.Ct)).Count();
        await DatabaseSetup.MigrateAsync(db, c.Ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(c.Ct);
            var restored = await Bulk.SqliteBulkWriter.RestoreIndexesAsync((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), c.Ct);
            if (restored > 0) c.Out.WriteLine($"Rebuilt {restored} indexes left out by an interrupted bulk load.");
        }
        c.Out.WriteLine(pending == 0
            ? $"{c.Describe()}: schema is up to date."
            : $"{c.Describe()}: applied {pending} migration{(pending == 1 ? "" : "s")}.");
        return Ok;
    }

    private static async Task<int> DemoAsync(CliContext c)
    {
        await using var sp = c.Services(migrates: true);
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        await DatabaseSetup.MigrateAsync(db, c.Ct);
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        var result = await seeder.SeedIfEmptyAsync(force: true, ct: c.Ct);
        if (!result.Seeded)
        {
            c.Out.WriteLine($"{c.Describe()}: the demo users already exist; nothing was added.");
            return Ok;
        }
        c.Out.WriteLine($"{c.Describe()}: added the demo teams '{DemoSeeder.DemoTeamName}' and '{DemoSeeder.OtherTeamName}' with synthetic people.");
        c.Out.WriteLine();
        c.Out.WriteLine("Logins:");
        foreach (var login in result.Logins) c.Out.WriteLine($"  {login.Email,-44} {login.Role}");
        c.Out.WriteLine();
        c.Out.WriteLine(result.PasswordGenerated
            ? $"Password (all demo users; shown once, not stored in clear): {result.Password}"
            : "Password: the one configured in Demo:Password.");
        return Ok;
    }

    private static async Task<int> GenerateAsync(CliContext c)
    {
        var count = c.Args.IntOption("count", 1, 50_000_000) ?? throw new UsageException("people generate needs --count N.");
        var team = c.Args.Option("team") ?? DemoSeeder.DemoTeamName;
        if (string.IsNullOrWhiteSpace(team)) throw new UsageException("--team must not be empty.");
        var seed = c.Args.IntOption("seed", 0, int.MaxValue) ?? Random.Shared.Next();
        var batch = c.Args.IntOption("batch", 100, 1_000_000) ?? 10_000;
        var teams = c.Args.IntOption("teams", 1, 10_000) ?? 1;
        c.Args.EnsureAllUsed();

        await using var sp = c.Services(migrates: true);
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        await DatabaseSetup.MigrateAsync(db, c.Ct);
        c.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loading {count:N0} synthetic people into {c.Describe()} (seed {seed})..."));
        var progress = new ProgressBar(c.Err, c.Interactive, count, "people");
        var r = await PeopleLoader.GenerateAsync(db, sp.GetRequiredService<TimeProvider>(),
            new GenerateOptions(count, team.Trim(), seed, batch, Teams: teams), progress, c.Ct);
        var ic = CultureInfo.InvariantCulture;
        c.Out.WriteLine(string.Create(ic, $"Added {r.People:N0} people ({r.Aliases:N0} aliases, {r.OtherDatesOfBirth:N0} other dates of birth) and {r.Episodes:N0} episodes ({r.OpenEpisodes:N0} open)"));
        c.Out.WriteLine(string.Create(ic, $"to team '{team.Trim()}'{(r.TeamCreated ? " (created)" : "")}{(teams > 1 ? $" and {teams - 1} synthetic teams, round-robin" : "")}, {r.KeyWorkers} key worker{(r.KeyWorkers == 1 ? "" : "s")}, seed {seed}."));
        var rate = r.People / Math.Max(r.LoadTime.TotalSeconds, 0.001);
        c.Out.WriteLine(string.Create(ic, $"Load {ProgressBar.Format(r.LoadTime)} ({rate:N0} people/s), then indexes and statistics {ProgressBar.Format(r.AnalyzeTime)}."));
        return Ok;
    }

    private static async Task<int> CountAsync(CliContext c)
    {
        await using var sp = c.Services();
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        if (!await db.Database.CanConnectAsync(c.Ct) || (await db.Database.GetAppliedMigrationsAsync(c.Ct)).FirstOrDefault() is null)
        {
            // CanConnect hides the reason; open once more to report it.
            await db.Database.OpenConnectionAsync(c.Ct);
            await db.Database.CloseConnectionAsync();
            c.Err.WriteLine($"error: {c.Describe()} has no Waymark schema yet. Run 'waymark migrate' first.");
            return Failed;
        }
        var people = await db.People.LongCountAsync(c.Ct);
        var open = await db.Episodes.LongCountAsync(e => e.ClosedAt == null, c.Ct);
        c.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"people: {people}"));
        c.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open episodes: {open}"));
        return Ok;
    }
}
