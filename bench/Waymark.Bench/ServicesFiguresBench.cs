using System.Diagnostics;
using Waymark;
using Waymark.Access;
using Waymark.Caseload;
using Waymark.CriminalJustice;
using Waymark.DropIns;
using Waymark.Figures;
using Waymark.Persistence;
using Waymark.Referrals;
using static BenchStats;

/// <summary>
/// The services figures at scale (issue 15 items 1, 2 and 8): times each source of the services helper (referrals, unmet
/// need, outcomes, criminal justice, drop-ins, caseload) for the demo team's last twelve months over whatever the database
/// holds (run after --cjs, --drop-ins, --contacts to have their records). Target: every figure of a team's year in 2 s.
/// Generates nothing; reads only.
/// </summary>
internal static class ServicesFiguresBench
{
    /// <summary>Runs each source <paramref name="iterations"/> times after <paramref name="warmup"/> runs and prints a table.</summary>
    public static async Task<int> RunAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, Guid teamId,
        int iterations, int warmup, DatabaseProvider kind, Func<WaymarkDbContext, Task<string>> dataSize)
    {
        var today = UkTime.Today(TimeProvider.System);
        var scope = new FigureScope([teamId], new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today);
        IFigureSource[] sources = [new ReferralFigureSource(), new UnmetNeedFigureSource(), new OutcomeFigureSource(),
            new CriminalJusticeFigureSource(), new DropInFigureSource(), new CaseloadFigureSource()];
        string size;
        await using (var db = context(system)) size = await dataSize(db);
        Console.WriteLine($"### Services figures, {ProviderName(kind)}");
        Console.WriteLine();
        Console.WriteLine($"The demo team, {scope.From:yyyy-MM-dd} to {scope.To:yyyy-MM-dd}; {warmup} warm-up then {iterations} iterations per source, a new DbContext each. Database size {size}.");
        Console.WriteLine();
        Console.WriteLine("| Source | median ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        var all = new double[iterations];
        foreach (var source in sources)
        {
            for (var i = 0; i < warmup; i++) { await using var db = context(system); await source.ComputeAsync(db, scope, default); }
            var ms = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await using (var db = context(system)) await source.ComputeAsync(db, scope, default);
                ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                all[i] += ms[i];
            }
            Console.WriteLine($"| {source.Section} ({source.GetType().Name}) | {Percentile(ms, 0.5):0.0} | {Percentile(ms, 0.95):0.0} | {ms.Max():0.0} |");
        }
        Console.WriteLine($"| All six, one after another | {Percentile(all, 0.5):0.0} | {Percentile(all, 0.95):0.0} | {all.Max():0.0} |");
        return 0;
    }
}
