using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Waymark;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Cli.Bulk;
using Waymark.Contacts;
using Waymark.DropIns;
using Waymark.Persistence;
using static BenchStats;

/// <summary>
/// The day's drop-in list at scale (issue 14 items 3 and 7): generates about <c>count</c> drop-ins (one per ten people
/// over a year at a million people: 100,000) with their DropIn contacts over the loaded people, each in a team that knows
/// them, by bulk copy; then times <see cref="DropInService.DayAsync"/> for the demo team over many days of that year.
/// Synthetic data only: fixed words, no names.
/// </summary>
internal static class DropInBench
{
    private static readonly DropInReasons[] Reasons =
        [DropInReasons.FeelingACrisisComing, DropInReasons.Housing, DropInReasons.MoneyOrBenefits | DropInReasons.Housing, DropInReasons.JustToSayHello, DropInReasons.WantingToTalk];

    /// <summary>Runs the bench: generates the drop-ins when the database does not hold about <paramref name="count"/>, then measures.</summary>
    public static async Task<int> RunAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, ICurrentUser user, Guid teamId,
        int count, int iterations, int warmup, DatabaseProvider kind, Func<WaymarkDbContext, Task<string>> dataSize)
    {
        long have;
        await using (var db = context(system)) have = await db.Set<DropIn>().LongCountAsync();
        TimeSpan? load = null;
        if (have < count * 9L / 10 || have > count * 11L / 10)
        {
            var sw = Stopwatch.StartNew();
            await GenerateAsync(context, system, count);
            load = sw.Elapsed;
        }
        string size;
        long total, team;
        await using (var db = context(system))
        {
            size = await dataSize(db);
            total = await db.Set<DropIn>().LongCountAsync();
            team = await db.Set<DropIn>().LongCountAsync(d => d.TeamId == teamId);
        }
        var clock = TimeProvider.System;
        var today = UkTime.Today(clock);
        // Every day of the past year, in a scattered order, so each iteration reads a different day.
        var days = Enumerable.Range(0, 365).Select(i => today.AddDays(-((i * 149) % 365))).ToList();
        DropInService Service(WaymarkDbContext db) => new(db, new Auditor(db, user, clock), user, clock);
        for (var i = 0; i < warmup; i++) { await using var db = context(user); await Service(db).DayAsync(days[i % days.Count], 1); }
        var ms = new double[iterations];
        var rows = 0L;
        for (var i = 0; i < iterations; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await using (var db = context(user)) rows += (await Service(db).DayAsync(days[i % days.Count], 1)).Items.Count;
            ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        Console.WriteLine($"### Drop-ins, {ProviderName(kind)}");
        Console.WriteLine();
        Console.WriteLine($"Data: {total:N0} drop-ins with their contacts ({team:N0} in the demo team). Database size {size}.");
        if (load is { } lt) Console.WriteLine($"Load (DropInBench generator, bulk copy): {lt.TotalSeconds:0} s.");
        Console.WriteLine($"{warmup} warm-up then {iterations} iterations, one client, a new DbContext per query, as practitioner of the demo team; "
            + $"each iteration a different day of the past year (average {(double)rows / iterations:0.0} rows).");
        Console.WriteLine();
        Console.WriteLine("| Query | median ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| The day's drop-ins: page 1 (DropInService.DayAsync) | {Percentile(ms, 0.5):0.0} | {Percentile(ms, 0.95):0.0} | {Percentile(ms, 0.99):0.0} | {ms.Max():0.0} |");
        return 0;
    }

    /// <summary>Deletes the drop-ins (and their contacts) and generates about <paramref name="count"/> over the past year (fixed seed).</summary>
    private static async Task GenerateAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, int count)
    {
        await using (var db = context(system))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Set<DropIn>().ExecuteDeleteAsync();
            await db.Set<Contact>().Where(c => c.Kind == ContactKind.DropIn).ExecuteDeleteAsync();
        }
        List<(Guid PersonId, Guid TeamId)> links;
        await using (var db = context(system))
            links = (await db.PersonTeamLinks.AsNoTracking().OrderBy(l => l.PersonId).ThenBy(l => l.TeamId).Select(l => new { l.PersonId, l.TeamId }).ToListAsync())
                .Select(l => (l.PersonId, l.TeamId)).ToList();
        if (links.Count == 0) return;
        var now = DateTimeOffset.UtcNow;
        var rng = new Random(14);
        await using var writerDb = context(system);
        var contacts = BulkTable.For<Contact>(writerDb);
        var dropIns = BulkTable.For<DropIn>(writerDb);
        await using var writer = BulkWriter.Create(writerDb, [contacts, dropIns]);
        await writer.BeginAsync(default);
        var c = new BulkRows(contacts, []);
        var d = new BulkRows(dropIns, []);
        var step = Math.Max(1, links.Count / Math.Max(1, count));
        for (int i = 0, made = 0; made < count; i += step, made++)
        {
            var (person, team) = links[i % links.Count];
            // Working hours on a day of the past year; the person's team; seen by the bench user.
            var at = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-rng.Next(365)).AddHours(9 + rng.Next(8)).AddMinutes(rng.Next(60));
            var reasons = Reasons[made % Reasons.Length];
            var contact = new Contact
            {
                TeamId = team, PersonId = person, Kind = ContactKind.DropIn, Reached = true, OccurredAt = at, WorkerUserId = "bench",
                Note = "Dropped in: synthetic. What helped: synthetic.", RecordedAt = at, RecordedByUserId = "bench",
            };
            c.Rows.Add(contacts.Row(contact));
            d.Rows.Add(dropIns.Row(new DropIn
            {
                TeamId = team, PersonId = person, ArrivedAt = at, Reasons = reasons, WhatHelped = "Synthetic: a talk and a cup of tea.",
                SeenByUserIds = "bench", ContactId = contact.Id, RecordedAt = at, RecordedByUserId = "bench",
            }));
            if (d.Rows.Count >= 20_000)
            {
                await writer.WriteBatchAsync([c, d], default);
                c.Rows.Clear();
                d.Rows.Clear();
            }
        }
        if (d.Rows.Count > 0) await writer.WriteBatchAsync([c, d], default);
        await writer.FinishAsync([contacts, dropIns], default);
    }
}
