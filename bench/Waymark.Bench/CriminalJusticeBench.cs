using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.CriminalJustice;
using Waymark;
using Waymark.Persistence;
using static BenchStats;

/// <summary>
/// Criminal justice events at scale (issue 12 item 8): generates about <c>count</c> events over the loaded episodes
/// (each episode gets events in turn, from a different start for each: an arrest, a charge, a police decision, a hearing,
/// a court outcome; every tenth episode starts with a court order with an MHTR and every twentieth has a referral for
/// transfer from prison, each with its clock row as the service would keep it (a third of the MHTR clocks and half the
/// transfer clocks stopped), then measures the episode page's criminal justice section (<see cref="CriminalJusticeService.PageAsync"/>)
/// for episodes of the demo team and the team managers' clocks list (<see cref="CriminalJusticeService.ClocksAsync"/>).
/// Writes markdown on stdout. Synthetic data only: no names, coded values.
/// </summary>
internal static class CriminalJusticeBench
{
    public static async Task<int> RunAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, ICurrentUser user, Guid teamId,
        int count, int iterations, int warmup, DatabaseProvider kind, Func<WaymarkDbContext, Task<string>> dataSize)
    {
        long have;
        await using (var db = context(system)) have = await db.Set<CriminalJusticeEvent>().LongCountAsync();
        TimeSpan? loadTime = null;
        if (have < count * 9L / 10 || have > count * 11L / 10)
        {
            var sw = Stopwatch.StartNew();
            await GenerateAsync(context, system, count);
            loadTime = sw.Elapsed;
        }
        long events, clocks, teamClocks;
        string size;
        List<Guid> sample;
        await using (var db = context(system))
        {
            events = await db.Set<CriminalJusticeEvent>().LongCountAsync();
            clocks = await db.Set<CriminalJusticeClock>().LongCountAsync();
            teamClocks = await db.Set<CriminalJusticeClock>().LongCountAsync(c => c.TeamId == teamId && c.StoppedOn == null);
            size = await dataSize(db);
            sample = await db.Set<CriminalJusticeEvent>().Where(e => e.TeamId == teamId).Select(e => e.EpisodeId).Distinct()
                .OrderBy(id => id).Take(400).ToListAsync();
        }
        if (sample.Count == 0) { Console.Error.WriteLine("error: the demo team has no criminal justice events."); return 1; }

        var clock = TimeProvider.System;
        CriminalJusticeService Service(WaymarkDbContext db) => new(db, new Auditor(db, user, clock), user, clock);
        var results = new List<(string Name, double[] Ms)>();
        async Task Measure(string name, IReadOnlyList<Func<WaymarkDbContext, Task>> cases)
        {
            for (var i = 0; i < warmup; i++) { await using var db = context(user); await cases[i % cases.Count](db); }
            var ms = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await using (var db = context(user)) await cases[i % cases.Count](db);
                ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
            results.Add((name, ms));
            Console.Error.WriteLine($"  {name}: p95 {Percentile(ms, 0.95):0.0} ms");
        }
        await Measure("Episode page: criminal justice section (events page 1 + clocks)", sample.Select(id => (Func<WaymarkDbContext, Task>)(db => Service(db).PageAsync(id, 1))).ToList());
        await Measure("Clocks list: page 1", [db => Service(db).ClocksAsync(teamId, 1)]);
        await Measure("Clocks list: page 10", [db => Service(db).ClocksAsync(teamId, 10)]);

        Console.WriteLine($"### Criminal justice events, {ProviderName(kind)}");
        Console.WriteLine();
        Console.WriteLine($"Data: {events:N0} criminal justice events, {clocks:N0} clock rows ({teamClocks:N0} running in the demo team). Database size {size}.");
        if (loadTime is { } lt) Console.WriteLine($"Load (CriminalJusticeBench generator): {lt.TotalSeconds:0} s.");
        Console.WriteLine($"{warmup} warm-up then {iterations} iterations per row, one client, a new DbContext per query, as practitioner of the demo team.");
        Console.WriteLine();
        Console.WriteLine("| Query | median ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, ms) in results)
            Console.WriteLine($"| {name} | {Percentile(ms, 0.5):0.0} | {Percentile(ms, 0.95):0.0} | {Percentile(ms, 0.99):0.0} | {ms.Max():0.0} |");
        return 0;
    }

    /// <summary>Deletes the criminal justice rows and generates about <paramref name="count"/> events (fixed seed).</summary>
    private static async Task GenerateAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, int count)
    {
        await using (var db = context(system))
        {
            await db.Set<CriminalJusticeClock>().ExecuteDeleteAsync();
            await db.Set<CriminalJusticeEvent>().ExecuteDeleteAsync();
        }
        List<(Guid Id, Guid TeamId, Guid PersonId, DateTimeOffset At)> episodes;
        await using (var db = context(system))
            episodes = (await db.Episodes.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.TeamId, e.PersonId, e.IdentifiedAt }).ToListAsync())
                .Select(e => (e.Id, e.TeamId, e.PersonId, e.IdentifiedAt)).ToList();
        if (episodes.Count == 0) return;
        var perEpisode = Math.Max(1, (count + episodes.Count - 1) / episodes.Count);
        var rng = new Random(42);
        var kinds = new[] { CriminalJusticeEventKind.Arrest, CriminalJusticeEventKind.Charge, CriminalJusticeEventKind.PoliceDecision, CriminalJusticeEventKind.Hearing, CriminalJusticeEventKind.CourtOutcome };
        var made = 0;
        var batch = new List<object>();
        async Task FlushAsync()
        {
            await using var db = context(system);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(batch);
            await db.SaveChangesAsync();
            batch.Clear();
        }
        for (var i = 0; i < episodes.Count && made < count; i++)
        {
            var (id, team, person, at) = episodes[i];
            var on = UkTime.DateOf(at);
            for (var k = 0; k < perEpisode && made < count; k++, made++)
            {
                // Kinds in turn from a different start for each episode; every tenth episode's first event is a court order with an MHTR.
                var kind = i % 10 == 0 && k == 0 ? CriminalJusticeEventKind.CourtOutcome : kinds[(i + k) % kinds.Length];
                var e = new CriminalJusticeEvent
                {
                    TeamId = team, EpisodeId = id, PersonId = person, Kind = kind, On = on.AddDays(k), RecordedAt = at.AddDays(k), RecordedByUserId = "bench",
                    Offence = kind is CriminalJusticeEventKind.Arrest or CriminalJusticeEventKind.Charge ? (OffenceCategory)(1 + rng.Next(12)) : null,
                    PoliceDecision = kind == CriminalJusticeEventKind.PoliceDecision ? PoliceDecisions.All[rng.Next(PoliceDecisions.All.Count)].Code : null,
                    HearingAt = kind == CriminalJusticeEventKind.Hearing ? at.AddDays(k) : null,
                    HearingType = kind == CriminalJusticeEventKind.Hearing ? HearingType.FirstAppearance : null,
                    CourtOutcome = kind == CriminalJusticeEventKind.CourtOutcome ? CourtOutcome.CommunityOrder : null,
                    Requirements = kind == CriminalJusticeEventKind.CourtOutcome ? (i % 10 == 0 && k == 0 ? OrderRequirements.MentalHealthTreatment : "unpaid-work") : null,
                };
                batch.Add(e);
                if (kind == CriminalJusticeEventKind.CourtOutcome && i % 10 == 0 && k == 0)
                    batch.Add(Clock(e, ClockKind.MhtrWait, CriminalJusticeClockSettings.DefaultMhtrDays, stopped: i % 30 == 0));
            }
            if (i % 20 == 0 && made < count)
            {
                var referral = new CriminalJusticeEvent { TeamId = team, EpisodeId = id, PersonId = person, Kind = CriminalJusticeEventKind.TransferReferral, On = on, RecordedAt = at, RecordedByUserId = "bench", TransferSection = TransferSection.S48 };
                batch.Add(referral);
                batch.Add(Clock(referral, ClockKind.PrisonToHospitalTransfer, CriminalJusticeClockSettings.DefaultTransferDays, stopped: i % 40 == 0));
                made++;
            }
            if (batch.Count >= 5000) await FlushAsync();
        }
        if (batch.Count > 0) await FlushAsync();
    }

    private static CriminalJusticeClock Clock(CriminalJusticeEvent start, ClockKind kind, int days, bool stopped) => new()
    {
        TeamId = start.TeamId, EpisodeId = start.EpisodeId, PersonId = start.PersonId, Kind = kind, StartedOn = start.On, TargetDays = days,
        DueOn = ClockRule.DueOn(start.On, days), NearOn = ClockRule.NearOn(start.On, days), StartEventId = start.Id,
        StoppedOn = stopped ? start.On.AddDays(days / 2) : null,
    };
}
