using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Waymark.Access;
using Waymark.Caseload;
using Waymark.Cli;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.Identifiers;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;
using static BenchStats;

// Waymark query benchmark: person search and team caseload at scale. See docs/benchmarks.md.
// --soak: mixed HTTP traffic against a started app for a while, sampling its memory (docs/operations.md).
if (args.Contains("--soak")) return await Waymark.Bench.Soak.SoakCommand.RunAsync(args);
var ic = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = ic;
string? provider = null, connection = null;
int people = 1_000_000, iterations = 300, warmup = 30, teams = 200;
var lookup = false;
var figures = false;
var servicesFigures = false;
int? cjs = null;
int? contacts = null;
int? dropIns = null;
int? releases = null;
var longTermAttention = false;
var dataset = false;
var retention = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--provider": provider = Next(); break;
        case "--connection": connection = Next(); break;
        case "--people": people = int.Parse(Next().Replace("_", ""), ic); break;
        case "--iterations": iterations = int.Parse(Next(), ic); break;
        case "--warmup": warmup = int.Parse(Next(), ic); break;
        case "--teams": teams = int.Parse(Next(), ic); break;
        case "--lookup": lookup = true; break;
        case "--figures": figures = true; break;
        case "--services-figures": servicesFigures = true; break;
        case "--cjs": cjs = int.Parse(Next().Replace("_", ""), ic); break;
        case "--contacts": contacts = int.Parse(Next().Replace("_", ""), ic); break;
        case "--drop-ins": dropIns = int.Parse(Next().Replace("_", ""), ic); break;
        case "--releases": releases = int.Parse(Next().Replace("_", ""), ic); break;
        case "--long-term-attention": longTermAttention = true; break;
        case "--dataset": dataset = true; break;
        case "--retention": retention = true; break;
        case "--help" or "-h":
            Console.WriteLine("Usage: Waymark.Bench [--provider Sqlite|Postgres] [--connection <cs>] [--people N] [--teams K] [--iterations N] [--warmup N] [--lookup]");
            Console.WriteLine("--soak [--minutes 20] [--rate 5] [--sample-seconds 30] [--postgres <cs>]: starts the web app on a new database, sends mixed traffic at a steady rate on 127.0.0.1 and samples its memory (docs/operations.md).");
            Console.WriteLine("--lookup: \"do we know this person?\" (IPersonLookup) with near-miss probes of the team's people, instead of search and caseload.");
            Console.WriteLine("--contacts N: about N contacts and N/5 appointments over the episodes (generated if missing), then the person timeline, the diary and the caseload's not-in-touch flag.");
            Console.WriteLine("--drop-ins N: about N drop-ins with their contacts over the people (generated if missing), then the team's day's drop-in list over the past year's days.");
            Console.WriteLine("--releases N: about N release plans over the episodes of every team (generated if missing), then the 14-day releases list and the follow-ups after release.");
            Console.WriteLine("--figures: a team's year of every registered figure source (TeamFigures.ComputeAsync) for the demo team, the past 365 days.");
            Console.WriteLine("--services-figures: the referrals, unmet need, outcomes, criminal justice, drop-ins and caseload figures of the demo team's last 12 months (issue 15).");
            Console.WriteLine("--long-term-attention: the team manager's long-term attention list, pages 1 to 3, over the data loaded (run --contacts and --drop-ins first).");
            Console.WriteLine("--retention: who is due for destruction (the dry run) over everyone loaded, today and thirty years on, timed; changes nothing.");
            Console.WriteLine("--dataset: the national monthly dataset (every team, the latest identification's month) as CSV and JSON, timed.");
            Console.WriteLine("--cjs N: about N criminal justice events over the episodes (generated if missing), then the episode page's CJS section and the clocks list.");
            Console.WriteLine("Data: the demo plus N generated people spread round-robin over K teams (default 200), the demo team first.");
            Console.WriteLine("If the database does not hold exactly that, it is DELETED and reloaded through 'waymark people generate'.");
            return 0;
        default: Console.Error.WriteLine($"Unknown option {args[i]}"); return 2;
    }
}

IConfiguration config;
try { config = CliServices.BuildConfiguration(provider, connection); }
catch (UsageException e) { Console.Error.WriteLine("error: " + e.Message); return 2; }
var kind = DatabaseSetup.ProviderFrom(config);
var cs = config.GetConnectionString("Waymark") is { Length: > 0 } c ? c : DatabaseSetup.DefaultSqlite;
var cliArgs = new[] { "--provider", kind.ToString(), "--connection", cs };

WaymarkDbContext Context(ICurrentUser user) => kind == DatabaseProvider.Postgres
    ? new PostgresWaymarkDbContext(new DbContextOptionsBuilder<PostgresWaymarkDbContext>().UseNpgsql(cs).Options).ActingFor(user)
    : new SqliteWaymarkDbContext(new DbContextOptionsBuilder<SqliteWaymarkDbContext>().UseSqlite(cs).Options).ActingFor(user);
var system = new SystemUser("bench");

// 1. Data: the demo (teams, users, 60 people) plus N generated people in the demo team.
TimeSpan? loadTime = null;
var expected = (people + teams - 1) / teams + 54; // round-robin share, plus the demo's 54 in its main team
long expectedAll = people + 60;
long have = -1;
await using (var db = Context(system))
{
    if (await db.Database.CanConnectAsync() && !(await db.Database.GetPendingMigrationsAsync()).Any())
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Name == DemoSeeder.DemoTeamName);
        if (team is not null && await db.People.LongCountAsync() == expectedAll)
            have = await db.PersonTeamLinks.LongCountAsync(l => l.TeamId == team.Id);
    }
}
if (have != expected)
{
    Console.Error.WriteLine($"The database holds {(have < 0 ? "no benchmark data" : $"{have:N0} people in the demo team")}; reloading with {people:N0}.");
    await using (var db = Context(system))
    {
        if (await db.Database.CanConnectAsync() && !(await db.Database.GetPendingMigrationsAsync()).Any()
            && await db.Users.AnyAsync(u => !u.Email!.EndsWith("@" + DemoSeeder.EmailDomain)))
        {
            Console.Error.WriteLine("error: the database has non-demo users; the benchmark will not delete it.");
            return 1;
        }
        if (kind == DatabaseProvider.Sqlite) SqliteConnection.ClearAllPools(); else NpgsqlConnection.ClearAllPools();
        await db.Database.EnsureDeletedAsync();
    }
    if (await Cli.RunAsync(["demo", .. cliArgs], TextWriter.Null, Console.Error) != 0) return 1;
    var sw = Stopwatch.StartNew();
    var output = new StringWriter();
    if (await Cli.RunAsync(["people", "generate", "--count", people.ToString(ic), "--teams", teams.ToString(ic), "--seed", "42", .. cliArgs], output, Console.Error) != 0) return 1;
    loadTime = sw.Elapsed;
    Console.Error.Write(output);
}

// 2. Who runs the queries: a practitioner of the demo team.
Guid teamId;
string practitionerId;
long totalPeople, totalEpisodes, openEpisodes, aliases, teamPeople, teamOpen;
string dataSize;
var samples = new List<Person>();
await using (var db = Context(system))
{
    var team = await db.Teams.SingleAsync(t => t.Name == DemoSeeder.DemoTeamName);
    teamId = team.Id;
    practitionerId = await db.Users.Where(u => u.Email == DemoSeeder.EmailFor(Roles.Practitioner)).Select(u => u.Id).SingleAsync();
    totalPeople = await db.People.LongCountAsync();
    totalEpisodes = await db.Episodes.LongCountAsync();
    openEpisodes = await db.Episodes.LongCountAsync(e => e.ClosedAt == null);
    aliases = await db.PersonAliases.LongCountAsync();
    teamPeople = await db.PersonTeamLinks.LongCountAsync(l => l.TeamId == teamId);
    teamOpen = await db.Episodes.LongCountAsync(e => e.TeamId == teamId && e.ClosedAt == null);
    dataSize = await DataSizeAsync(db);
    // Search terms drawn from the loaded data: 400 of the team's people picked at random (fixed seed).
    var ids = await db.PersonTeamLinks.Where(l => l.TeamId == teamId).OrderBy(l => l.PersonId).Select(l => l.PersonId).ToListAsync();
    var pick = new Random(7);
    var chosen = Enumerable.Range(0, 400).Select(_ => ids[pick.Next(ids.Count)]).Distinct().ToList();
    ids.Clear();
    samples = await db.People.AsNoTracking().Where(p => chosen.Contains(p.Id)).ToListAsync();
}
GC.Collect();

var user = new FixedUser(practitionerId, Roles.Practitioner, teamId);
var results = new List<(string Name, double[] Ms, double Seconds, double AvgRows)>();
if (servicesFigures) return await ServicesFiguresBench.RunAsync(Context, system, teamId, iterations, warmup, kind, DataSizeAsync);
if (longTermAttention) return await LongTermAttentionBench.RunAsync(Context, system, new FixedUser(practitionerId, Roles.TeamManager, teamId), teamId, iterations, warmup, kind, DataSizeAsync);
if (retention) return await RetentionBench.RunAsync(Context, system, iterations, kind, DataSizeAsync);
if (dataset) return await DatasetBench.RunAsync(Context, system, iterations, kind, DataSizeAsync);
if (releases is { } releaseCount) return await ReleasesBench.RunAsync(Context, system, user, teamId, releaseCount, iterations, warmup, kind, DataSizeAsync);
if (contacts is { } contactCount) return await KeepingInTouchBench.RunAsync(Context, system, user, teamId, contactCount, iterations, warmup, kind, DataSizeAsync);
if (dropIns is { } dropInCount) return await DropInBench.RunAsync(Context, system, user, teamId, dropInCount, iterations, warmup, kind, DataSizeAsync);
if (cjs is { } cjsEvents) return await CriminalJusticeBench.RunAsync(Context, system, user, teamId, cjsEvents, iterations, warmup, kind, DataSizeAsync);
if (figures) return await FiguresBench.RunAsync(config, DataSizeAsync, Context, system, teamId, iterations, warmup, kind);
if (lookup) return await LookupBench.RunAsync(Context, user, teamId, samples.Select(p => p.Id).ToList(), kind, people, teams, totalPeople, aliases, teamPeople, dataSize, loadTime, iterations, warmup);

async Task Measure(string name, IReadOnlyList<Func<WaymarkDbContext, Task<int>>> cases)
{
    for (var i = 0; i < warmup; i++)
    {
        await using var db = Context(user);
        await cases[i % cases.Count](db);
    }
    var ms = new double[iterations];
    long rows = 0;
    var total = Stopwatch.StartNew();
    for (var i = 0; i < iterations; i++)
    {
        var t = Stopwatch.GetTimestamp();
        await using (var db = Context(user))
            rows += await cases[i % cases.Count](db);
        ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }
    results.Add((name, ms, total.Elapsed.TotalSeconds, (double)rows / iterations));
    Console.Error.WriteLine($"  {name}: p95 {Percentile(ms, 0.95):0.0} ms");
}

static Func<WaymarkDbContext, Task<int>> Search(PersonSearchCriteria c) =>
    async db => (await new PersonSearch(db).SearchAsync(c)).Items.Count;

var withNhs = samples.Where(p => p.NhsNumber is not null).ToList();
var withPnc = samples.Where(p => p.PncId is not null).ToList();
var withDob = samples.Where(p => p.DateOfBirth is not null).ToList();
var partialSurname = samples.Select(p => Search(new(p.FamilyName[..Math.Min(4, p.FamilyName.Length)], null, null, null))).ToList();
var givenSurname = samples.Select(p => Search(new($"{p.GivenName} {p.FamilyName}", null, null, null))).ToList();
var surnameDob = withDob.Select(p => Search(new(p.FamilyName, p.DateOfBirth, null, null))).ToList();
var nhs = withNhs.Select(p => Search(new(null, null, NhsNumber.Format(p.NhsNumber!), null))).ToList();
var pnc = withPnc.Select(p => Search(new(null, null, null, p.PncId))).ToList();
var mix = new List<Func<WaymarkDbContext, Task<int>>>();
for (var i = 0; i < samples.Count; i++)
{
    mix.Add(partialSurname[i % partialSurname.Count]);
    mix.Add(givenSurname[i % givenSurname.Count]);
    mix.Add(surnameDob[i % surnameDob.Count]);
    mix.Add(nhs[i % nhs.Count]);
    mix.Add(pnc[i % pnc.Count]);
}

Console.Error.WriteLine($"Measuring ({warmup} warm-up, {iterations} iterations each)...");
await Measure("Search: mix of the five below", mix);
await Measure("Search: partial surname (4 letters)", partialSurname);
await Measure("Search: given name + surname", givenSurname);
await Measure("Search: surname + date of birth", surnameDob);
await Measure("Search: NHS number", nhs);
await Measure("Search: PNC ID", pnc);

var clock = TimeProvider.System;
Func<WaymarkDbContext, Task<int>> Caseload(CaseloadFilter f, int page = 1) =>
    async db => (await new CaseloadQuery(db, clock).RunAsync(teamId, f, page)).Rows.Count;
await Measure("Caseload: open, page 1 (default)", [Caseload(new CaseloadFilter())]);
await Measure("Caseload: key worker, page 1", [Caseload(new CaseloadFilter(KeyWorkerId: practitionerId))]);
await Measure("Caseload: status In support, page 1", [Caseload(new CaseloadFilter(Status: EpisodeStatus.InSupport))]);
await Measure("Caseload: overdue, page 1", [Caseload(new CaseloadFilter(OverdueOnly: true))]);
await Measure("Caseload: open, page 20", [Caseload(new CaseloadFilter(), 20)]);

// 3. Report (markdown on stdout).
Console.WriteLine($"### {ProviderName(kind)}, {people:N0} generated people, {teams} team{(teams == 1 ? "" : "s")}");
Console.WriteLine();
Console.WriteLine($"Data: {totalPeople:N0} people, {aliases:N0} aliases, {totalEpisodes:N0} episodes ({openEpisodes:N0} open) over {teams} team{(teams == 1 ? "" : "s")} (+1 demo team); the demo team sees {teamPeople:N0} people with {teamOpen:N0} open episodes. Database size {dataSize}.");
if (loadTime is { } lt) Console.WriteLine($"Load (waymark people generate --count {people:N0} --teams {teams}, after waymark demo): {lt.TotalSeconds:0} s.");
Console.WriteLine($"{warmup} warm-up then {iterations} iterations per row, one client, a new DbContext per query, as practitioner of the demo team.");
Console.WriteLine();
Console.WriteLine("| Query | median ms | p95 ms | p99 ms | max ms | queries/s | rows/query |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var (name, ms, secs, avgRows) in results)
    Console.WriteLine($"| {name} | {Percentile(ms, 0.5):0.0} | {Percentile(ms, 0.95):0.0} | {Percentile(ms, 0.99):0.0} | {ms.Max():0.0} | {ms.Length / secs:0} | {avgRows:0.#} |");
return 0;


static async Task<string> DataSizeAsync(WaymarkDbContext db)
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
