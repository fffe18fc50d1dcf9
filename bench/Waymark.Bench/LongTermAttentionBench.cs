using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Waymark;
using Waymark.Access;
using Waymark.Contacts;
using Waymark.DropIns;
using Waymark.LongTermAttention;
using Waymark.Persistence;
using static BenchStats;

/// <summary>
/// The long-term attention list at scale (issue 15 item 5): times <see cref="LongTermAttentionList.PageAsync"/> pages 1
/// to 3 for the demo team over the data already loaded (people and episodes from the generator; contacts from
/// <c>--contacts</c>, drop-ins from <c>--drop-ins</c> — run those first for a realistic mix). Generates nothing.
/// Target: one grouped query per page on the (TeamId, date) indexes, well under the 2 s a team's year of figures may take.
/// </summary>
internal static class LongTermAttentionBench
{
    /// <summary>Runs the bench as the demo team's manager.</summary>
    public static async Task<int> RunAsync(Func<ICurrentUser, WaymarkDbContext> context, ICurrentUser system, ICurrentUser manager, Guid teamId,
        int iterations, int warmup, DatabaseProvider kind, Func<WaymarkDbContext, Task<string>> dataSize)
    {
        string size;
        long episodes, contacts, dropIns, teamEpisodes, teamContacts;
        await using (var db = context(system))
        {
            size = await dataSize(db);
            episodes = await db.Episodes.LongCountAsync();
            contacts = await db.Set<Contact>().LongCountAsync();
            dropIns = await db.Set<DropIn>().LongCountAsync();
            teamEpisodes = await db.Episodes.LongCountAsync(e => e.TeamId == teamId);
            teamContacts = await db.Set<Contact>().LongCountAsync(c => c.TeamId == teamId);
        }
        var clock = TimeProvider.System;
        for (var i = 0; i < warmup; i++) { await using var db = context(manager); await new LongTermAttentionList(db, clock).PageAsync(teamId, 1 + i % 3); }
        var ms = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await using (var db = context(manager)) await new LongTermAttentionList(db, clock).PageAsync(teamId, 1 + i % 3);
            ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        Console.WriteLine($"### Long-term attention list, {ProviderName(kind)}");
        Console.WriteLine();
        Console.WriteLine($"Data: {episodes:N0} episodes ({teamEpisodes:N0} in the demo team), {contacts:N0} contacts ({teamContacts:N0} in the demo team), {dropIns:N0} drop-ins. Database size {size}.");
        Console.WriteLine($"{warmup} warm-up then {iterations} iterations, one client, a new DbContext per query, for the demo team (the list reads the team passed, not the user); pages 1, 2, 3 in turn.");
        Console.WriteLine();
        Console.WriteLine("| Query | median ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| A page of 50 (LongTermAttentionList.PageAsync) | {Percentile(ms, 0.5):0.0} | {Percentile(ms, 0.95):0.0} | {Percentile(ms, 0.99):0.0} | {ms.Max():0.0} |");
        return 0;
    }
}
