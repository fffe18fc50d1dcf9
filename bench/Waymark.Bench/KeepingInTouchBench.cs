using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Waymark;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Cli.Bulk;
using Waymark.Contacts;
using Waymark.Persistence;

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

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
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
        Console.Error.WriteLine($"{contacts:N0} contacts, {appointments:N0} appointments; load {load?.TotalSeconds ?? 0:0} s.");
        _ = (user, teamId, iterations, warmup, kind, dataSize);
        return 0;
    }
}
