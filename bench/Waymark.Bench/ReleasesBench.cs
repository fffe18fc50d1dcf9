using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Waymark;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Cli.Bulk;
using Waymark.Persistence;
using Waymark.Reminders;
using Waymark.ThroughTheGate;
using static BenchStats;

/// <summary>
/// Through the gate at scale (issue 14 items 4 and 7): generates about <c>count</c> release plans (50,000 in
/// docs/benchmarks.md) over the loaded episodes of every team, expected from a year ago to a year ahead (two years),
/// released, cancelled or open as their dates say, by bulk copy; then measures the team's "releases in the next 14 days",
/// "follow-ups after release due" and a key worker's follow-ups on "My tasks". Synthetic data only: fixed prison names.
/// </summary>
internal static class ReleasesBench
{
    private static readonly string[] Prisons = ["HMP Northshire (fictional)", "HMP Eastshire (fictional)", "HMP Westshire (fictional)", "HMP Southshire (fictional)"];

    /// <summary>Deletes the release plans and generates about <paramref name="count"/> (fixed seed).</summary>
    private static async Task GenerateAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, int count)
    {
        await using (var db = context(system))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Set<Appointment>().Where(a => a.ReleasePlanId != null).ExecuteUpdateAsync(s => s.SetProperty(a => a.ReleasePlanId, (Guid?)null));
            await db.Set<ReleasePlan>().ExecuteDeleteAsync();
        }
        List<(Guid Id, Guid TeamId, Guid PersonId, string? KeyWorker)> episodes;
        await using (var db = context(system))
            episodes = (await db.Episodes.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.TeamId, e.PersonId, e.KeyWorkerId }).ToListAsync())
                .Select(e => (e.Id, e.TeamId, e.PersonId, e.KeyWorkerId)).ToList();
        if (episodes.Count == 0) return;
        var now = DateTimeOffset.UtcNow;
        var today = UkTime.Today(TimeProvider.System);
        var step = Math.Max(1, episodes.Count / Math.Max(1, count));
        var rng = new Random(42);
        await using var writerDb = context(system);
        var plans = BulkTable.For<ReleasePlan>(writerDb);
        await using var writer = BulkWriter.Create(writerDb, [plans]);
        await writer.BeginAsync(default);
        var rows = new BulkRows(plans, []);
        var made = 0;
        for (var i = 0; i < episodes.Count && made < count; i += step, made++)
        {
            var (id, team, person, keyWorker) = episodes[i];
            var worker = keyWorker ?? "bench";
            var expected = today.AddDays(rng.Next(-365, 366));
            var plan = new ReleasePlan
            {
                TeamId = team, PersonId = person, EpisodeId = id, Prison = Prisons[i % Prisons.Length], PrisonNumber = $"A{1000 + i % 9000}BC",
                ExpectedReleaseOn = expected, ReleaseType = (ReleaseType)(1 + i % 5), CreatedAt = now.AddDays(-400), CreatedByUserId = worker,
                MeetBy = i % 3 == 0 ? GateMeeter.Worker : GateMeeter.Nobody, MeetWorkerUserId = i % 3 == 0 ? worker : null, MeetPlace = i % 3 == 0 ? "Main gate" : null,
            };
            if (expected < today)
            {
                if (rng.Next(10) == 0) (plan.CancelledAt, plan.CancelledByUserId, plan.CancelReason) = (now.AddDays(-1), worker, "Synthetic: release put back");
                else
                {
                    (plan.ReleasedOn, plan.ReleaseRecordedAt, plan.ReleaseRecordedByUserId) = (expected, now, worker);
                    // Most follow-ups a month or more ago were done; about one in five is still to do.
                    if (expected.AddMonths(1) < today && rng.Next(5) != 0)
                        (plan.FollowUpDoneOn, plan.FollowUpRecordedAt, plan.FollowUpRecordedByUserId, plan.FollowUpNote) = (expected.AddMonths(1), now, worker, "Synthetic follow-up.");
                }
            }
            plan.Refresh();
            rows.Rows.Add(plans.Row(plan));
            if (rows.Rows.Count >= 20_000)
            {
                await writer.WriteBatchAsync([rows], default);
                rows.Rows.Clear();
            }
        }
        if (rows.Rows.Count > 0) await writer.WriteBatchAsync([rows], default);
        await writer.FinishAsync([plans], default);
    }


    /// <summary>Generates the plans unless about <paramref name="count"/> are there, then times the lists; the results go to standard output as a markdown table.</summary>
    public static async Task<int> RunAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, ICurrentUser user, Guid teamId,
        int count, int iterations, int warmup, DatabaseProvider kind, Func<WaymarkDbContext, Task<string>> dataSize)
    {
        long have;
        await using (var db = context(system)) have = await db.Set<ReleasePlan>().LongCountAsync();
        TimeSpan? load = null;
        if (have < count * 9L / 10 || have > count * 11L / 10)
        {
            var sw = Stopwatch.StartNew();
            await GenerateAsync(context, system, count);
            load = sw.Elapsed;
        }
        long total, teamPlans, teamUpcoming;
        string size;
        await using (var db = context(system))
        {
            total = await db.Set<ReleasePlan>().LongCountAsync();
            teamPlans = await db.Set<ReleasePlan>().LongCountAsync(r => r.TeamId == teamId);
            var today = UkTime.Today(TimeProvider.System);
            teamUpcoming = await db.Set<ReleasePlan>().LongCountAsync(r => r.TeamId == teamId && r.ReleasedOn == null && r.CancelledAt == null
                && r.ExpectedReleaseOn >= today && r.ExpectedReleaseOn <= today.AddDays(ReleaseRules.UpcomingDays));
            size = await dataSize(db);
        }

        var clock = TimeProvider.System;
        var results = new List<(string Name, double[] Ms)>();
        async Task Measure(string name, Func<ReleasePlanService, Task> run)
        {
            for (var i = 0; i < warmup; i++) { await using var db = context(user); await run(Service(db)); }
            var ms = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await using (var db = context(user)) await run(Service(db));
                ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
            results.Add((name, ms));
            Console.Error.WriteLine($"  {name}: p95 {Percentile(ms, 0.95):0.0} ms");
        }
        ReleasePlanService Service(WaymarkDbContext db)
        {
            var audit = new Auditor(db, user, clock);
            return new ReleasePlanService(db, audit, user, clock, new AppointmentService(db, audit, user, clock, new ReminderPlanner(db, clock)));
        }

        await Measure("Releases in the next 14 days: page 1", s => s.UpcomingAsync(1));
        await Measure("Follow-ups after release due: page 1", s => s.FollowUpsDueAsync(1));
        await Measure("Follow-ups after release due: page 5", s => s.FollowUpsDueAsync(5));
        await Measure("My tasks: my follow-ups after release due", s => s.MyFollowUpsDueAsync(1));

        Console.WriteLine($"### Through the gate, {ProviderName(kind)}");
        Console.WriteLine();
        Console.WriteLine($"Data: {total:N0} release plans over two years ({teamPlans:N0} in the demo team, {teamUpcoming:N0} of them expected in the next 14 days). Database size {size}.");
        if (load is { } lt) Console.WriteLine($"Load (ReleasesBench generator, bulk copy): {lt.TotalSeconds:0} s.");
        Console.WriteLine($"{warmup} warm-up then {iterations} iterations per row, one client, a new DbContext per query, as practitioner of the demo team.");
        Console.WriteLine();
        Console.WriteLine("| Query | median ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, ms) in results)
            Console.WriteLine($"| {name} | {Percentile(ms, 0.5):0.0} | {Percentile(ms, 0.95):0.0} | {Percentile(ms, 0.99):0.0} | {ms.Max():0.0} |");
        return 0;
    }
}
