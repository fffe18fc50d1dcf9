using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Waymark;
using Waymark.Cli;
using Waymark.Figures;
using Waymark.Persistence;
using static BenchStats;

/// <summary>
/// A team's year of figures at scale (issue 15 item 8: at most 2 s at a million people, a million episodes and five
/// million contacts on PostgreSQL): times <see cref="TeamFigures.ComputeAsync"/> over every registered figure source
/// (the same composition as the web app, through <see cref="CliServices.Build"/>) for the demo team and the past
/// 365 days, each iteration in a fresh scope (a fresh context, as a request has). Reads only; the data is the
/// bench's people and episodes (and whatever contacts, drop-ins… other benches generated).
/// </summary>
internal static class FiguresBench
{
    /// <summary>Runs the bench and prints median and 95th percentile in milliseconds.</summary>
    public static async Task<int> RunAsync(IConfiguration config, Func<WaymarkDbContext, Task<string>> dataSize, Func<Waymark.Access.ICurrentUser, WaymarkDbContext> context,
        Waymark.Access.ICurrentUser system, Guid teamId, int iterations, int warmup, DatabaseProvider kind)
    {
        await using var services = CliServices.Build(config, TextWriter.Null, verbose: false);
        var today = UkTime.Today(TimeProvider.System);
        var scope = new FigureScope([teamId], today.AddDays(-364), today);
        string size;
        long episodes, teamYear;
        var (start, end) = (scope.Start, scope.End);
        await using (var db = context(system))
        {
            size = await dataSize(db);
            episodes = await db.Episodes.IgnoreQueryFilters().LongCountAsync();
            teamYear = await db.Episodes.IgnoreQueryFilters().LongCountAsync(e => e.TeamId == teamId && e.IdentifiedAt >= start && e.IdentifiedAt < end);
        }
        async Task<int> Once()
        {
            await using var s = services.CreateAsyncScope();
            var sections = await s.ServiceProvider.GetRequiredService<TeamFigures>().ComputeAsync(scope);
            return sections.Sum(x => x.Figures.Count);
        }
        for (var i = 0; i < warmup; i++) await Once();
        var ms = new double[iterations];
        var figures = 0;
        for (var i = 0; i < iterations; i++)
        {
            var t = Stopwatch.GetTimestamp();
            figures = await Once();
            ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        Console.WriteLine($"### A team's year of figures, {ProviderName(kind)}");
        Console.WriteLine();
        Console.WriteLine($"Data: {episodes:N0} episodes ({teamYear:N0} identified in the demo team in the past 365 days). Database size {size}.");
        Console.WriteLine($"Sources: {string.Join(", ", services.CreateScope().ServiceProvider.GetServices<IFigureSource>().OrderBy(s => s.Order).Select(s => s.Section))}; {figures} figures.");
        Console.WriteLine();
        Console.WriteLine("| Operation | Median (ms) | p95 (ms) | Iterations |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| TeamFigures.ComputeAsync, every source, past 365 days | {Percentile(ms, 0.5):0.0} | {Percentile(ms, 0.95):0.0} | {iterations} |");
        return 0;
    }
}
