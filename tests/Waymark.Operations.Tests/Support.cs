using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Waymark.Persistence;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // real processes on 2 shared cores: one test at a time

namespace Waymark.Operations.Tests;

/// <summary>Reads a database the app wrote, with the provider's own client (not through the app).</summary>
public static class Sql
{
    /// <summary>Runs <paramref name="sql"/> and returns the first column of every row as text (Guids in lower case "D" form).</summary>
    public static async Task<List<string>> ColumnAsync(DatabaseProvider provider, string connectionString, string sql)
    {
        await using DbConnection conn = provider == DatabaseProvider.Postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetValue(0) switch { Guid g => g.ToString(), string s when Guid.TryParse(s, out var g) => g.ToString(), var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "" });
        return rows;
    }

    /// <summary>Runs a count query.</summary>
    public static async Task<long> CountAsync(DatabaseProvider provider, string connectionString, string sql) =>
        long.Parse((await ColumnAsync(provider, connectionString, sql)).Single(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The invariant of an identification's save, for the people whose family name starts with <paramref name="run"/>:
    /// the ids of those that lack an episode or a team link (a half-saved identification), which must be none.
    /// </summary>
    public static Task<List<string>> HalfSavedAsync(DatabaseProvider provider, string cs, string run) => ColumnAsync(provider, cs,
        $"""SELECT p."Id" FROM "People" p WHERE p."FamilyName" LIKE '{run}%' AND (NOT EXISTS (SELECT 1 FROM "Episodes" e WHERE e."PersonId" = p."Id") OR NOT EXISTS (SELECT 1 FROM "PersonTeamLinks" l WHERE l."PersonId" = p."Id"))""");

    /// <summary>The ids of the people whose family name starts with <paramref name="run"/>.</summary>
    public static async Task<HashSet<Guid>> PeopleAsync(DatabaseProvider provider, string cs, string run) =>
        [.. (await ColumnAsync(provider, cs, $"""SELECT "Id" FROM "People" WHERE "FamilyName" LIKE '{run}%'""")).Select(Guid.Parse)];
}

/// <summary>
/// A stream of saves (identifications of new synthetic people) by a few concurrent workers, until stopped or
/// <c>limit</c> passes: records which saves the app acknowledged (the redirect to the new record) and every answer's status.
/// </summary>
public sealed class SaveStream
{
    private readonly ConcurrentBag<Guid> _acknowledged = [];
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentQueue<string> _bodies = new();
    private int _attempts, _noAnswer;

    /// <summary>The family names' prefix of this stream's people.</summary>
    public string Run { get; } = "Fault" + Journeys.SyntheticFamilyName("", Random.Shared.Next(0, 1_000_000));

    /// <summary>The people whose save was acknowledged.</summary>
    public IReadOnlyCollection<Guid> Acknowledged => _acknowledged;

    /// <summary>How many answers of each status came back (0: no answer: connection refused, reset or timed out).</summary>
    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    /// <summary>Bodies of answers of 500 or more (a few), to check what an error page shows.</summary>
    public IEnumerable<string> ErrorBodies => _bodies;

    /// <summary>How many identifications were started.</summary>
    public int Attempts => _attempts;

    /// <summary>Requests with no answer.</summary>
    public int NoAnswer => _noAnswer;

    /// <summary>Runs <paramref name="workers"/> workers on <paramref name="sessions"/> (round-robin) until <paramref name="stop"/> or <paramref name="limit"/>.</summary>
    public Task RunAsync(IReadOnlyList<WebSession> sessions, int workers, CancellationToken stop, TimeSpan limit) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var until = DateTime.UtcNow + limit;
            var session = sessions[w % sessions.Count];
            while (!stop.IsCancellationRequested && DateTime.UtcNow < until)
            {
                var n = Interlocked.Increment(ref _attempts);
                try
                {
                    var id = await Journeys.RecordIdentificationAsync(session, "Robin", Journeys.SyntheticFamilyName(Run, n), Seen, CancellationToken.None);
                    _acknowledged.Add(id);
                }
                catch (Journeys.StepFailed)
                {
                    await Task.Delay(200, CancellationToken.None); // refused (e.g. 503 during an outage): try a new one shortly
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref _noAnswer);
                    _statuses.AddOrUpdate(0, 1, (_, c) => c + 1);
                    await Task.Delay(200, CancellationToken.None);
                }
            }
        }, CancellationToken.None)));

    private void Seen(Answer a)
    {
        _statuses.AddOrUpdate(a.Status, 1, (_, c) => c + 1);
        if (a.Status >= 500 && _bodies.Count < 5) _bodies.Enqueue(a.Body);
    }
}
