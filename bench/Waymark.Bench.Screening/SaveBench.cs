using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Waymark.Access;
using Waymark.Cli;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.Instruments;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Bench.Screening;

internal sealed record SaveOptions
{
    /// <summary>Its own file: the benchmark deletes its database, so it never defaults to the app's.</summary>
    public const string DefaultSqlite = "Data Source=data/bench-screening.db";

    public string? Provider { get; init; }
    public string? Connection { get; init; }
    /// <summary>Open, unscreened episodes loaded before timing: the pool the workers take from.</summary>
    public int Episodes { get; init; } = 20_000;
    public int[] Concurrency { get; init; } = [1, 4, 16, 32];
    public int PerLevel { get; init; } = 500;
    public int Warmup { get; init; } = 50;
    public int Seed { get; init; } = 42;
}

/// <summary>
/// Time to save a completed screening under concurrent load. Rebuilds a bench database (the demo plus
/// N open episodes awaiting screening in the demo team), then for each concurrency level C has C
/// practitioners each take the next unscreened episode and save a whole screening (PHQ-9, BJMHS, outcome),
/// and reports throughput and latency per level. Checks at the end that every save landed.
/// </summary>
internal static class SaveBench
{
    private const int LoadBatch = 1_000;

    private static readonly (string Source, string Reason, string Prompts)[] Identifications =
    [
        ("Custody sergeant", "Tearful at booking-in; says she has not slept for days and cannot see the point.", "mental-health"),
        ("Custody nurse", "Disclosed self-harm last week; fresh cuts on forearms.", "self-harm mental-health"),
        ("Arresting officer", "Talking to people who are not there; unsure where he is.", "mental-health"),
        ("Custody sergeant", "Sleeping rough since eviction; smells of alcohol.", "housing substance-use"),
        ("Detention officer", "Very agitated in the cell, banging the door; asking for his medication.", "mental-health"),
        ("The person themselves", "Asked to speak to someone about how low he has been feeling.", "mental-health"),
    ];

    public static async Task<int> RunAsync(SaveOptions o)
    {
        IConfiguration config;
        try { config = CliServices.BuildConfiguration(o.Provider, o.Connection); }
        catch (UsageException e) { Console.Error.WriteLine("error: " + e.Message); return 2; }
        // Each screening takes an episode of its own: never screen one twice.
        var needed = o.Warmup + o.PerLevel * o.Concurrency.Length;
        if (needed > o.Episodes)
        {
            Console.Error.WriteLine($"error: {needed:N0} screenings need at least that many episodes; --episodes is {o.Episodes:N0}.");
            return 2;
        }
        var kind = DatabaseSetup.ProviderFrom(config);
        // Only ever the bench's own file or a database named on the command line: never the app's from the environment.
        var cs = o.Connection ?? (kind == DatabaseProvider.Sqlite ? SaveOptions.DefaultSqlite : null);
        if (cs is null)
        {
            Console.Error.WriteLine("error: --provider Postgres needs --connection naming a database the benchmark may delete.");
            return 2;
        }
        if (kind == DatabaseProvider.Sqlite && new SqliteConnectionStringBuilder(cs).DataSource is var file && file != ":memory:")
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);

        WaymarkDbContext Context(ICurrentUser user) => kind == DatabaseProvider.Postgres
            ? new PostgresWaymarkDbContext(new DbContextOptionsBuilder<PostgresWaymarkDbContext>().UseNpgsql(cs).Options).ActingFor(user)
            : new SqliteWaymarkDbContext(new DbContextOptionsBuilder<SqliteWaymarkDbContext>().UseSqlite(cs).Options).ActingFor(user);
        var system = new SystemUser("bench");
        var ic = CultureInfo.InvariantCulture;

        // 1. A fresh bench database: the demo, then the episodes waiting to be screened.
        if (await RefuseToDeleteAsync(Context(system)) is { } refusal)
        {
            Console.Error.WriteLine("error: " + refusal);
            return 1;
        }
        await using (var db = Context(system))
        {
            if (kind == DatabaseProvider.Sqlite) SqliteConnection.ClearAllPools(); else NpgsqlConnection.ClearAllPools();
            await db.Database.EnsureDeletedAsync();
        }
        Console.Error.WriteLine("Creating the database and the demo...");
        if (await Waymark.Cli.Cli.RunAsync(["demo", "--provider", kind.ToString(), "--connection", cs], TextWriter.Null, Console.Error) != 0) return 1;

        Guid teamId;
        ICurrentUser[] practitioners;
        await using (var db = Context(system))
        {
            teamId = await db.Teams.Where(t => t.Name == DemoSeeder.DemoTeamName).Select(t => t.Id).SingleAsync();
            string[] emails = [DemoSeeder.EmailFor(Roles.Practitioner), DemoSeeder.EmailFor("practitioner2")];
            var ids = await db.Users.Where(u => emails.Contains(u.Email)).OrderBy(u => u.Email).Select(u => u.Id).ToListAsync();
            practitioners = [.. ids.Select(id => new FixedUser(id, Roles.Practitioner, teamId))];
        }
        Console.Error.WriteLine($"Loading {o.Episodes:N0} open episodes awaiting screening...");
        var load = Stopwatch.StartNew();
        var episodeIds = await LoadEpisodesAsync(Context, system, teamId, practitioners[0].UserId!, o.Episodes, o.Seed);
        load.Stop();
        Console.Error.WriteLine($"  loaded in {load.Elapsed.TotalSeconds:0.0} s");

        var before = await CountsAsync(Context(system), teamId);
        var dataSize = await DataSizeAsync(Context(system));

        // 2. The screenings: warm-up (not counted), then each level.
        var catalogue = InstrumentCatalogue.BuiltIn();
        var screening = new CompletedScreening(Context,
            catalogue.Find("phq-9") ?? throw new InvalidOperationException("No built-in PHQ-9."),
            catalogue.Find("bjmhs") ?? throw new InvalidOperationException("No built-in BJMHS."));
        // Shuffled so concurrent workers touch episodes spread over the table, as real caseloads do.
        var shuffled = episodeIds.ToArray();
        new Random(o.Seed).Shuffle(shuffled);
        var unscreened = new ConcurrentQueue<Guid>(shuffled);
        var screened = new ConcurrentBag<Guid>();
        var number = 0;
        var levels = new List<LevelResult>();
        try
        {
            if (o.Warmup > 0)
            {
                Console.Error.WriteLine($"Warm-up: {o.Warmup} screenings at {o.Concurrency.Max()} at once...");
                await RunLevelAsync(o.Concurrency.Max(), o.Warmup);
            }
            foreach (var c in o.Concurrency)
            {
                var level = await RunLevelAsync(c, o.PerLevel);
                levels.Add(level);
                Console.Error.WriteLine($"  {c,2} at once: {level.PerSecond:0.0} screenings/s, p95 {Percentile(level.Whole, 0.95):0} ms");
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: a screening failed: {e.GetType().Name}: {e.Message}");
            return 1;
        }

        async Task<LevelResult> RunLevelAsync(int workers, int count)
        {
            var times = new ScreeningTimes[count];
            var next = -1;
            using var stop = new CancellationTokenSource();
            var wall = Stopwatch.StartNew();
            // Each worker is one practitioner's browser: one screening at a time, the next as soon as one is saved.
            var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                int k;
                while ((k = Interlocked.Increment(ref next)) < count)
                {
                    if (!unscreened.TryDequeue(out var episodeId)) throw new InvalidOperationException("No unscreened episodes left.");
                    // Answers depend on the screening's number, not on which worker got there first.
                    var random = new Random(unchecked(o.Seed * 7919 + Interlocked.Increment(ref number)));
                    try
                    {
                        times[k] = await screening.SaveAsync(episodeId, practitioners[w % practitioners.Length], random, stop.Token);
                        screened.Add(episodeId);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        await stop.CancelAsync();
                        throw;
                    }
                }
            })).ToArray();
            try
            {
                await Task.WhenAll(tasks);
            }
            catch
            {
                // The first real failure, not the cancellations it caused.
                var failure = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException);
                if (failure is not null) throw failure;
                throw;
            }
            wall.Stop();
            return new LevelResult(workers, count, wall.Elapsed.TotalSeconds,
                [.. times.Select(t => t.Whole)], [.. times.Select(t => t.Outcome)], [.. times.SelectMany(t => new[] { t.Phq9, t.Bjmhs })]);
        }

        // 3. Every save landed: two completions and an outcome per screening, each episode marked screened, each audited.
        var after = await CountsAsync(Context(system), teamId);
        var saved = screened.Count;
        var problems = new List<string>();
        if (saved != needed) problems.Add($"{saved:N0} screenings finished, {needed:N0} expected");
        if (after.Outcomes - before.Outcomes != saved) problems.Add($"{after.Outcomes - before.Outcomes:N0} new screening outcomes for {saved:N0} screenings");
        if (after.Completions - before.Completions != 2 * saved) problems.Add($"{after.Completions - before.Completions:N0} new instrument completions for {saved:N0} screenings (2 each)");
        if (after.AuditEvents - before.AuditEvents != 3 * saved) problems.Add($"{after.AuditEvents - before.AuditEvents:N0} new audit events for {saved:N0} screenings (3 each)");
        var markedScreened = 0;
        await using (var db = Context(system))
            foreach (var chunk in screened.Chunk(500))
                markedScreened += await db.Episodes.CountAsync(e => chunk.Contains(e.Id) && e.ScreenedAt != null);
        if (markedScreened != saved) problems.Add($"{markedScreened:N0} of {saved:N0} screened episodes have ScreenedAt set");
        if (problems.Count > 0)
        {
            Console.Error.WriteLine("error: verification failed: " + string.Join("; ", problems) + ".");
            return 1;
        }

        // 4. Report (markdown on stdout).
        Console.WriteLine($"### {(kind == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite")}, {o.Episodes:N0} open episodes awaiting screening");
        Console.WriteLine();
        Console.WriteLine($"Data before timing: {before.People:N0} people, {before.Episodes:N0} episodes ({before.Open:N0} open, {before.OpenUnscreened:N0} of them unscreened; " +
                          $"{before.TeamOpen:N0} open in the demo team), {before.Completions:N0} instrument completions, {before.Outcomes:N0} screening outcomes, " +
                          $"{before.AuditEvents:N0} audit events. Database size {dataSize}. Episodes loaded in {load.Elapsed.TotalSeconds:0} s.");
        Console.WriteLine($"A screening is PHQ-9 save + BJMHS save + outcome save, each with a new DbContext, as 2 demo practitioners in turn; {o.Warmup} warm-up screenings " +
                          $"at {o.Concurrency.Max()} at once, then {o.PerLevel} per level. Verified: {saved:N0} screenings → {saved:N0} outcomes, {2 * saved:N0} completions, " +
                          $"{3 * saved:N0} audit events, {markedScreened:N0} episodes marked screened; no errors.");
        Console.WriteLine();
        Console.WriteLine("| at once | screenings/s | screening median ms | p95 | max | outcome save median ms | p95 | max | instrument save median ms | p95 |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in levels)
            Console.WriteLine(string.Create(ic,
                $"| {l.Workers} | {l.PerSecond:0.0} | {Percentile(l.Whole, 0.5):0.0} | {Percentile(l.Whole, 0.95):0.0} | {l.Whole.Max():0} " +
                $"| {Percentile(l.Outcome, 0.5):0.0} | {Percentile(l.Outcome, 0.95):0.0} | {l.Outcome.Max():0} " +
                $"| {Percentile(l.Instrument, 0.5):0.0} | {Percentile(l.Instrument, 0.95):0.0} |"));
        return 0;
    }

    /// <summary>Why the database must not be deleted, or null when it is absent or holds only the demo's users.</summary>
    private static async Task<string?> RefuseToDeleteAsync(WaymarkDbContext db)
    {
        await using (db)
        {
            if (!await db.Database.CanConnectAsync() || !(await db.Database.GetAppliedMigrationsAsync()).Any()) return null;
            try
            {
                return await db.Users.AnyAsync(u => !u.Email!.EndsWith("@" + DemoSeeder.EmailDomain))
                    ? "the database has non-demo users; the benchmark will not delete it."
                    : null;
            }
            catch (Exception e) when (e is SqliteException or NpgsqlException or InvalidOperationException)
            {
                return $"could not tell whether the database is a bench database ({e.Message}); the benchmark will not delete it.";
            }
        }
    }

    /// <summary>
    /// Adult people in custody with an open episode each, identified in the last few hours and not yet screened.
    /// Plain EF in batches with change detection off: a few seconds for tens of thousands.
    /// </summary>
    private static async Task<List<Guid>> LoadEpisodesAsync(
        Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, Guid teamId, string practitionerId, int count, int seed)
    {
        var gen = new SyntheticPeople(seed);
        var random = new Random(seed + 1);
        var now = TimeProvider.System.GetUtcNow();
        var today = UkTime.DateOf(now);
        var ids = new List<Guid>(count);
        for (var start = 0; start < count; start += LoadBatch)
        {
            await using var db = context(system);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + LoadBatch); i++)
            {
                // The BJMHS is for adults; a youth screening would take other instruments.
                Person person;
                do person = gen.NextPerson(today, practitionerId, now);
                while (person.DateOfBirth is not { } dob || Age.On(dob, today) < 18);
                // Time-ordered keys, as the bulk loader uses, so inserts append to the indexes.
                person.Id = Guid.CreateVersion7();
                var identifiedAt = now.AddMinutes(-random.Next(30, 8 * 60));
                person.CreatedAt = identifiedAt.AddMinutes(10);
                person.TeamLinks.Add(PersonTeamLink.For(person, teamId, person.CreatedAt));
                var (source, reason, prompts) = Identifications[random.Next(Identifications.Length)];
                var custody = random.Next(10) < 8;
                var episode = new Episode
                {
                    Id = Guid.CreateVersion7(),
                    PersonId = person.Id,
                    TeamId = teamId,
                    Setting = custody ? Setting.PoliceCustody : Setting.VoluntaryAttendance,
                    SettingReference = $"NS-{random.Next(100000, 999999)}",
                    IdentifiedBySource = source,
                    IdentificationReason = reason,
                    VulnerabilityPrompts = prompts,
                    AgeAtIdentification = Age.On(person.DateOfBirth!.Value, UkTime.DateOf(identifiedAt)),
                    IsYouth = false,
                    IdentifiedAt = identifiedAt,
                    IdentifiedByUserId = practitionerId,
                    RecordedAt = person.CreatedAt,
                };
                db.People.Add(person);
                db.Episodes.Add(episode);
                ids.Add(episode.Id);
            }
            await db.SaveChangesAsync();
        }
        return ids;
    }

    private sealed record Counts(long People, long Episodes, long Open, long OpenUnscreened, long TeamOpen, long Completions, long Outcomes, long AuditEvents);

    private static async Task<Counts> CountsAsync(WaymarkDbContext db, Guid teamId)
    {
        await using (db)
            return new Counts(
                await db.People.LongCountAsync(),
                await db.Episodes.LongCountAsync(),
                await db.Episodes.LongCountAsync(e => e.ClosedAt == null),
                await db.Episodes.LongCountAsync(e => e.ClosedAt == null && e.ScreenedAt == null),
                await db.Episodes.LongCountAsync(e => e.TeamId == teamId && e.ClosedAt == null),
                await db.InstrumentCompletions.LongCountAsync(),
                await db.ScreeningOutcomes.LongCountAsync(),
                await db.AuditEvents.LongCountAsync());
    }

    private static async Task<string> DataSizeAsync(WaymarkDbContext db)
    {
        await using (db)
        {
            var conn = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = db.Database.IsNpgsql()
                ? "SELECT pg_database_size(current_database())"
                : "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
            var bytes = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            return $"{bytes / 1024.0 / 1024.0:N0} MiB";
        }
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    private sealed record LevelResult(int Workers, int Count, double Seconds, double[] Whole, double[] Outcome, double[] Instrument)
    {
        public double PerSecond => Count / Seconds;
    }
}
