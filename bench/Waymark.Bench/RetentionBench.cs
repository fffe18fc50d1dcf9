using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Waymark;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;
using Waymark.Retention;
using static BenchStats;

/// <summary>
/// Finding who is due for destruction at scale (issue 16 item 2; docs/governance.md): times
/// <see cref="RecordsDestruction.PreviewAsync"/> — the dry run, and the first half of every run — over everyone loaded, on
/// two days: today (the generated people are recent, so nobody is due: the cost of the daily scheduled run) and thirty
/// years on (everyone without an open episode is due: the worst case, every page decided by the rules). Changes nothing:
/// the pseudonym key is given, so none is stored. Writes markdown on stdout. Synthetic data only.
/// </summary>
internal static class RetentionBench
{
    /// <summary>Runs the bench as the system (retention reads across every team).</summary>
    public static async Task<int> RunAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, int iterations,
        DatabaseProvider kind, Func<WaymarkDbContext, Task<string>> dataSize)
    {
        string size;
        long people, episodes, open;
        await using (var db = context(system))
        {
            size = await dataSize(db);
            people = await db.People.IgnoreQueryFilters().LongCountAsync();
            episodes = await db.Episodes.IgnoreQueryFilters().LongCountAsync();
            open = await db.Episodes.IgnoreQueryFilters().LongCountAsync(e => e.ClosedAt == null);
        }
        var options = new RetentionOptions { PseudonymKey = Convert.ToBase64String(new byte[32]) };
        var today = UkTime.Today(TimeProvider.System);
        var runs = Math.Clamp(iterations, 1, 5);
        var rows = new List<(string Name, double[] Ms, int Due)>();
        foreach (var (name, day, n) in new[] { ("Today (nobody due)", today, runs), ("In 30 years (everyone without an open episode due)", today.AddYears(30), Math.Min(runs, 2)) })
        {
            var ms = new double[n];
            var due = 0;
            for (var i = 0; i < n; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await using var db = context(system);
                var preview = await new RecordsDestruction(db, new Auditor(db, system, TimeProvider.System), options, TimeProvider.System).PreviewAsync(day);
                ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                due = preview.People;
                Console.Error.WriteLine($"  {name}: {ms[i] / 1000:0.0} s, {due:N0} due");
            }
            rows.Add((name, ms, due));
        }
        Console.WriteLine($"### Retention: who is due (RecordsDestruction.PreviewAsync), {ProviderName(kind)}");
        Console.WriteLine();
        Console.WriteLine($"Data: {people:N0} people, {episodes:N0} episodes ({open:N0} open). Database size {size}. Page size {options.PageSize:N0}. Peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576:N0} MB.");
        Console.WriteLine();
        Console.WriteLine("| Day | people due | runs | median s | max s |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, ms, due) in rows)
            Console.WriteLine($"| {name} | {due:N0} | {ms.Length} | {Percentile(ms, 0.5) / 1000:0.0} | {ms.Max() / 1000:0.0} |");
        return 0;
    }
}
