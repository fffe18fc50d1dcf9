using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Waymark;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Cli.Bulk;
using Waymark.Contacts;
using Waymark.Caseload;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Reminders;
using static BenchStats;

/// <summary>
/// Keeping in touch at scale (issue 13 item 5): generates about <c>count</c> contacts (five million in docs/benchmarks.md)
/// over the loaded episodes and one appointment for every fifth contact, by bulk copy, then measures the person page's
/// timeline and sections, the worker's diary and the caseload with its "not in touch" flag for the demo team.
/// Synthetic data only: no names (the people's names come from the people generator), fixed notes.
/// </summary>
internal static partial class KeepingInTouchBench
{
    private static readonly ContactKind[] Kinds =
        [ContactKind.Telephone, ContactKind.FaceToFace, ContactKind.TextMessage, ContactKind.HomeVisit, ContactKind.Telephone, ContactKind.AccompaniedToAppointment, ContactKind.InCourt];

    /// <summary>Deletes the contacts and appointments and generates about <paramref name="count"/> contacts (fixed seed).</summary>
    private static async Task GenerateAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, int count)
    {
        await using (var db = context(system))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Set<Waymark.Reminders.Reminder>().ExecuteDeleteAsync();
            await db.Set<Contact>().ExecuteDeleteAsync();
            await db.Set<Appointment>().ExecuteDeleteAsync();
        }
        List<(Guid Id, Guid TeamId, Guid PersonId, DateTimeOffset At, string? KeyWorker, bool Open)> episodes;
        await using (var db = context(system))
            episodes = (await db.Episodes.AsNoTracking().OrderBy(e => e.Id)
                    .Select(e => new { e.Id, e.TeamId, e.PersonId, e.IdentifiedAt, e.KeyWorkerId, Open = e.ClosedAt == null }).ToListAsync())
                .Select(e => (e.Id, e.TeamId, e.PersonId, e.IdentifiedAt, e.KeyWorkerId, e.Open)).ToList();
        if (episodes.Count == 0) return;
        var now = DateTimeOffset.UtcNow;
        var perEpisode = Math.Max(1, (count + episodes.Count - 1) / episodes.Count);
        var rng = new Random(42);
        await using var writerDb = context(system);
        var contacts = BulkTable.For<Contact>(writerDb);
        var appointments = BulkTable.For<Appointment>(writerDb);
        await using var writer = BulkWriter.Create(writerDb, [contacts, appointments]);
        await writer.BeginAsync(default);
        var c = new BulkRows(contacts, []);
        var a = new BulkRows(appointments, []);
        var made = 0;
        for (var i = 0; i < episodes.Count && made < count; i++)
        {
            var (id, team, person, at, keyWorker, open) = episodes[i];
            var worker = keyWorker ?? "bench";
            // Contacts from identification onwards, a few days apart; a quarter are attempts that did not reach the person.
            // Every seventh open episode's contacts stop 30-60 days ago, so the "not in touch" flag has something to find.
            var span = Math.Max(1, (now - at).TotalDays);
            var stopBefore = open && i % 7 == 0 ? 30 + rng.Next(30) : 0;
            for (var k = 0; k < perEpisode && made < count; k++, made++)
            {
                var day = Math.Min(span - stopBefore, (k + 1) * (span / (perEpisode + 1)));
                var when = at.AddDays(Math.Max(0, day)).AddMinutes(rng.Next(600));
                var reached = rng.Next(4) != 0;
                c.Rows.Add(contacts.Row(new Contact
                {
                    TeamId = team, PersonId = person, EpisodeId = id, Kind = Kinds[(i + k) % Kinds.Length], Reached = reached,
                    OccurredAt = when, DurationMinutes = reached ? 15 + rng.Next(60) : null, WorkerUserId = worker,
                    Note = reached ? "Synthetic contact note for the benchmark." : "No answer.", RecordedAt = when, RecordedByUserId = worker,
                }));
                if (k % 5 == 0)
                {
                    // Appointments from 60 days ago to 60 days ahead, in working hours, in the key worker's diary.
                    var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(rng.Next(-60, 61)).AddHours(9 + rng.Next(8));
                    var past = start < now;
                    a.Rows.Add(appointments.Row(new Appointment
                    {
                        TeamId = team, PersonId = person, EpisodeId = id, StartsAt = start, DurationMinutes = 60, Location = "Team base, interview room",
                        WorkerUserId = worker, Purpose = "Synthetic appointment", Accompanied = k % 10 == 5, WithWhom = k % 10 == 5 ? "Housing officer" : null,
                        BookedAt = start.AddDays(-7), BookedByUserId = worker,
                        Outcome = past ? (rng.Next(5) == 0 ? AppointmentOutcome.DidNotAttend : AppointmentOutcome.Attended) : null,
                        OutcomeRecordedAt = past ? start.AddHours(2) : null, OutcomeRecordedByUserId = past ? worker : null,
                    }));
                }
            }
            if (c.Rows.Count >= 20_000)
            {
                await writer.WriteBatchAsync([c, a], default);
                c.Rows.Clear();
                a.Rows.Clear();
            }
        }
        if (c.Rows.Count > 0 || a.Rows.Count > 0) await writer.WriteBatchAsync([c, a], default);
        await writer.FinishAsync([contacts, appointments], default);
    }


    private static async Task<(TimeSpan? Load, long Contacts, long Appointments)> EnsureDataAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, int count)
    {
        long have;
        await using (var db = context(system)) have = await db.Set<Contact>().LongCountAsync();
        TimeSpan? load = null;
        if (have < count * 9L / 10 || have > count * 11L / 10)
        {
            var sw = Stopwatch.StartNew();
            await GenerateAsync(context, system, count);
            load = sw.Elapsed;
        }
        await using (var db = context(system))
            return (load, await db.Set<Contact>().LongCountAsync(), await db.Set<Appointment>().LongCountAsync());
    }
}

internal static partial class KeepingInTouchBench
{
    public static async Task<int> RunAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, ICurrentUser user, Guid teamId,
        int count, int iterations, int warmup, DatabaseProvider kind, Func<WaymarkDbContext, Task<string>> dataSize)
    {
        var (load, contacts, appointments) = await EnsureDataAsync(context, system, count);
        string size;
        List<Guid> people;
        List<string> workers;
        long teamContacts, teamOpen;
        await using (var db = context(system))
        {
            size = await dataSize(db);
            // The demo team's people with the most contacts first: the person pages that cost the most.
            people = await db.Set<Contact>().Where(c => c.TeamId == teamId).GroupBy(c => c.PersonId)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).Take(200).ToListAsync();
            workers = await db.Set<Appointment>().Where(a => a.TeamId == teamId).GroupBy(a => a.WorkerUserId)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).Take(5).ToListAsync();
            teamContacts = await db.Set<Contact>().LongCountAsync(c => c.TeamId == teamId);
            teamOpen = await db.Episodes.LongCountAsync(e => e.TeamId == teamId && e.ClosedAt == null);
        }
        if (people.Count == 0 || workers.Count == 0) { Console.Error.WriteLine("error: the demo team has no contacts or appointments."); return 1; }

        var clock = TimeProvider.System;
        var today = UkTime.Today(clock);
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
        Auditor Audit(WaymarkDbContext db) => new(db, user, clock);
        ContactService Contacts(WaymarkDbContext db) => new(db, Audit(db), user, clock, new PersonRecords(db, Audit(db), clock));
        AppointmentService Appointments(WaymarkDbContext db) => new(db, Audit(db), user, clock, new ReminderPlanner(db, clock));
        IReadOnlyList<Func<WaymarkDbContext, Task>> PerPerson(Func<WaymarkDbContext, Guid, Task> f) => people.Select(id => (Func<WaymarkDbContext, Task>)(db => f(db, id))).ToList();
        IReadOnlyList<Func<WaymarkDbContext, Task>> PerWorker(Func<WaymarkDbContext, string, Task> f) => workers.Select(w => (Func<WaymarkDbContext, Task>)(db => f(db, w))).ToList();

        // The person page as it loads: the record (audited view) with its milestones, the at-a-glance summary, and the three
        // keeping-in-touch sections (recent contacts, appointments, failed reminders), in one request's context.
        await Measure("Person page: record, milestones, at a glance, contacts, appointments, failed reminders", PerPerson(async (db, id) =>
        {
            var records = new PersonRecords(db, Audit(db), clock);
            var person = await records.ViewAsync(id);
            await records.TimelineAsync(person!);
            await new AtAGlance(db).ForPersonAsync(id, teamId);
            await Contacts(db).RecentAsync(id);
            await Appointments(db).ForPersonAsync(id, null);
            await new ReminderQueries(db, user, clock, Audit(db)).FailuresOfPersonAsync(id);
        }));
        await Measure("Person timeline: page 1 (contacts, appointments, milestones)", PerPerson((db, id) => Contacts(db).TimelineAsync(id, new TimelineFilter(), 1)));
        await Measure("Person timeline: page 3", PerPerson((db, id) => Contacts(db).TimelineAsync(id, new TimelineFilter(), 3)));
        await Measure("Person timeline: not reached only", PerPerson((db, id) => Contacts(db).TimelineAsync(id, new TimelineFilter { Reached = false }, 1)));
        await Measure("Worker's diary: today", PerWorker((db, w) => Appointments(db).DayAsync(w, today)));
        await Measure("Worker's diary: this week", PerWorker((db, w) => Appointments(db).WeekAsync(w, today)));
        await Measure("Caseload: open, page 1, with the not-in-touch flag", [db => new CaseloadQuery(db, clock).RunAsync(teamId, new CaseloadFilter())]);
        await Measure("Caseload: not in touch only, page 1", [db => new CaseloadQuery(db, clock).RunAsync(teamId, new CaseloadFilter(NotInTouchOnly: true))]);
        await Measure("Caseload: not in touch only, page 10", [db => new CaseloadQuery(db, clock).RunAsync(teamId, new CaseloadFilter(NotInTouchOnly: true), 10)]);
        await Measure("Endings due: page 1", [db => new EndingsQuery(db, clock).RunAsync(teamId, null)]);

        Console.WriteLine($"### Keeping in touch, {ProviderName(kind)}");
        Console.WriteLine();
        Console.WriteLine($"Data: {contacts:N0} contacts and {appointments:N0} appointments ({teamContacts:N0} contacts in the demo team, {teamOpen:N0} open episodes there). Database size {size}.");
        if (load is { } lt) Console.WriteLine($"Load (KeepingInTouchBench generator, bulk copy): {lt.TotalSeconds:0} s.");
        Console.WriteLine($"{warmup} warm-up then {iterations} iterations per row, one client, a new DbContext per query, as practitioner of the demo team; "
            + $"person rows cycle through the {people.Count} people of the demo team with the most contacts, diary rows through its {workers.Count} busiest workers.");
        Console.WriteLine();
        Console.WriteLine("| Query | median ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, ms) in results)
            Console.WriteLine($"| {name} | {Percentile(ms, 0.5):0.0} | {Percentile(ms, 0.95):0.0} | {Percentile(ms, 0.99):0.0} | {ms.Max():0.0} |");
        return 0;
    }
}
