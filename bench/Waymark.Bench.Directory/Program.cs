using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Waymark;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Cli;
using Waymark.Persistence;
using Waymark.ServiceDirectory;
using Waymark.Teams;

// Directory search benchmark: a mix of need, district, age and open-now queries over N services. See docs/benchmarks.md.
var ic = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = ic;
string? provider = null, connection = null;
int services = 10_000, iterations = 500, warmup = 50, seed = 42;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--provider": provider = Next(); break;
        case "--connection": connection = Next(); break;
        case "--services": services = int.Parse(Next().Replace("_", ""), ic); break;
        case "--iterations": iterations = int.Parse(Next(), ic); break;
        case "--warmup": warmup = int.Parse(Next(), ic); break;
        case "--help" or "-h":
            Console.WriteLine("Usage: Waymark.Bench.Directory [--provider Sqlite|Postgres] [--connection <cs>] [--services N] [--iterations N] [--warmup N]");
            Console.WriteLine("Data: N synthetic services in the team 'Directory benchmark', loaded through 'waymark directory generate' unless it already has exactly N.");
            return 0;
        default: Console.Error.WriteLine($"Unknown option {args[i]}"); return 2;
    }
}

var config = CliServices.BuildConfiguration(provider, connection);
var kind = DatabaseSetup.ProviderFrom(config);
var cs = config.GetConnectionString("Waymark") is { Length: > 0 } c ? c : DatabaseSetup.DefaultSqlite;
WaymarkDbContext Context(ICurrentUser user) => kind == DatabaseProvider.Postgres
    ? new PostgresWaymarkDbContext(new DbContextOptionsBuilder<PostgresWaymarkDbContext>().UseNpgsql(cs).Options).ActingFor(user)
    : new SqliteWaymarkDbContext(new DbContextOptionsBuilder<SqliteWaymarkDbContext>().UseSqlite(cs).Options).ActingFor(user);

const string TeamName = "Directory benchmark";
Guid teamId;
await using (var db = Context(new SystemUser("bench")))
{
    await DatabaseSetup.MigrateAsync(db);
    teamId = await db.Teams.Where(t => t.Name == TeamName).Select(t => t.Id).FirstOrDefaultAsync();
    if (teamId == Guid.Empty)
    {
        var team = new Team { Name = TeamName };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        teamId = team.Id;
    }
    var have = await db.Services.CountAsync(s => s.TeamId == teamId);
    if (have != services)
    {
        Console.WriteLine($"Team has {have} services; reloading {services:N0}.");
        await db.Services.Where(s => s.TeamId == teamId).ExecuteDeleteAsync();
        await db.Organisations.Where(o => o.TeamId == teamId).ExecuteDeleteAsync();
        var load = Stopwatch.StartNew();
        var code = await Cli.RunAsync(["directory", "generate", "--count", services.ToString(ic), "--team", TeamName, "--seed", seed.ToString(ic), "--provider", kind.ToString(), "--connection", cs], Console.Out, Console.Error);
        if (code != 0) return code;
        Console.WriteLine($"Loaded in {load.Elapsed.TotalSeconds:N1} s.");
    }
}

var rng = new Random(seed);
var codes = AssessmentDomains.All.Select(d => d.Code).ToArray();
string[] areas = ["NS", "EB", "KM"];
var week = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero); // a Monday
(string Kind, DirectoryQuery Query) NextQuery() => rng.Next(6) switch
{
    0 => ("need", new DirectoryQuery { Needs = codes.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)).ToArray() }),
    1 => ("need+district", new DirectoryQuery { Needs = [codes[rng.Next(codes.Length)]], Place = Place.Parse($"{areas[rng.Next(3)]}{rng.Next(1, 21)} {rng.Next(1, 10)}AB") }),
    2 => ("need+area+age", new DirectoryQuery { Needs = [codes[rng.Next(codes.Length)], codes[rng.Next(codes.Length)]], Place = Place.Parse(areas[rng.Next(3)]), Age = rng.Next(14, 80) }),
    3 => ("open-now", new DirectoryQuery { OpenAt = week.AddMinutes(rng.Next(7 * 24 * 60)), Needs = rng.Next(2) == 0 ? [codes[rng.Next(codes.Length)]] : [] }),
    4 => ("all-filters", new DirectoryQuery { Needs = codes.OrderBy(_ => rng.Next()).Take(2).ToArray(), Place = Place.Parse($"{areas[rng.Next(3)]}{rng.Next(1, 21)}"), Age = rng.Next(18, 70), OpenAt = week.AddMinutes(rng.Next(7 * 24 * 60)) }),
    _ => ("text", new DirectoryQuery { Text = rng.Next(2) == 0 ? "housing" : "service 00" + rng.Next(10, 99) }),
};

var user = new FixedUser("bench", Roles.Practitioner, teamId);
var settings = DirectorySettings.Default;
var times = new Dictionary<string, List<double>>();
var results = 0L;
for (var i = 0; i < warmup + iterations; i++)
{
    var (k, q) = NextQuery();
    var sw = Stopwatch.StartNew();
    await using (var db = Context(user))
    {
        var page = await new DirectorySearch(db, TimeProvider.System, settings).SearchAsync(q, 1, 20);
        results += page.Items.Count;
    }
    sw.Stop();
    if (i < warmup) continue;
    if (!times.TryGetValue(k, out var list)) times[k] = list = [];
    list.Add(sw.Elapsed.TotalMilliseconds);
    if (!times.TryGetValue("all", out var all)) times["all"] = all = [];
    all.Add(sw.Elapsed.TotalMilliseconds);
}

static double Pct(List<double> xs, double p)
{
    var s = xs.Order().ToList();
    return s[Math.Clamp((int)Math.Ceiling(p * s.Count) - 1, 0, s.Count - 1)];
}
Console.WriteLine($"Directory search, {kind}, {services:N0} services, {iterations} queries after {warmup} warm-up (page of 20, a new context each):");
Console.WriteLine($"{"query",-15} {"n",5} {"median ms",10} {"p95 ms",8} {"max ms",8}");
foreach (var (k, xs) in times.OrderBy(t => t.Key == "all" ? 1 : 0).ThenBy(t => t.Key))
    Console.WriteLine($"{k,-15} {xs.Count,5} {Pct(xs, 0.5),10:N1} {Pct(xs, 0.95),8:N1} {xs.Max(),8:N1}");
Console.WriteLine($"(average {results / (double)(warmup + iterations):N1} results a page)");
return 0;
