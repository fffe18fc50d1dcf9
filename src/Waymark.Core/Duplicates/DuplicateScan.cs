using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Matching;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Duplicates;

public enum ScanStep { Loading, Estimating, Preparing, Blocking, Scoring, Saving }

public sealed record ScanOptions
{
    /// <summary>Threads for preparing and scoring: the service shares its cores with the web app.</summary>
    public int Workers { get; init; } = 2;
    /// <summary>Below this many people the model's defaults are used: EM needs enough pairs to learn from.</summary>
    public int EstimateFrom { get; init; } = 1000;
    /// <summary>EM reads at most this many people (an even spread of the team); name frequencies still count everyone.</summary>
    public int EstimationSample { get; init; } = 200_000;
    public EstimationOptions Estimation { get; init; } = new() { MaxBlockedPairs = 2_000_000 };
    public MatchThresholds Thresholds { get; init; } = new();
    /// <summary>Candidates written per SaveChanges.</summary>
    public int SaveBatch { get; init; } = 5000;
}

/// <summary>What one team's scan did, with the time of each step (for the CLI and docs/benchmarks.md).</summary>
public sealed record ScanResult(
    Guid TeamId, int People, bool ModelEstimated, string? Estimation, string Blocks, long PairsCompared,
    int AboveThreshold, int AlreadyDecided, int Saved,
    TimeSpan Load, TimeSpan Estimate, TimeSpan Prepare, TimeSpan Block, TimeSpan Score, TimeSpan Save)
{
    public TimeSpan Total => Load + Estimate + Prepare + Block + Score + Save;
}

/// <summary>
/// Finds a team's probable duplicates: loads its people as match records (projected, untracked),
/// estimates the model from them (defaults for a small team), blocks and scores every candidate pair
/// on <see cref="ScanOptions.Workers"/> threads, and stores pairs at or above the PotentialMatches
/// threshold as <see cref="DuplicateCandidate"/>s. It replaces the team's undecided pairs and keeps the
/// decided ones, so a pair judged "not the same person" is never raised again. It never merges anything.
/// </summary>
public class DuplicateScan(WaymarkDbContext db, Auditor audit, TimeProvider clock)
{
    /// <summary>Progress: the step, and work done of total in it (people, pairs or candidates).</summary>
    public delegate void Progress(ScanStep step, long done, long total);

    public async Task<ScanResult> ScanAsync(Guid teamId, ScanOptions? options = null, Progress? progress = null, CancellationToken ct = default)
    {
        options ??= new ScanOptions();
        var workers = Math.Max(1, options.Workers);
        var watch = Stopwatch.StartNew();

        var (ids, records) = await LoadAsync(teamId, (d, t) => progress?.Invoke(ScanStep.Loading, d, t), ct);
        var load = Lap(watch);

        progress?.Invoke(ScanStep.Estimating, 0, 1);
        var kinds = records.SelectMany(r => r.OtherIdentifiers.Keys).GroupBy(k => k, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5).Select(g => g.Key).ToList();
        var model = MatchModel.Default(kinds);
        string? estimation = null;
        if (records.Count >= options.EstimateFrom)
        {
            // m and u settle long before a million people: EM on an even spread keeps the scan within minutes.
            var sample = records.Count <= options.EstimationSample ? records
                : Enumerable.Range(0, options.EstimationSample).Select(i => records[(int)((long)i * records.Count / options.EstimationSample)]).ToList();
            var (estimated, report) = ModelEstimation.ForDedupe(sample, model, options.Estimation);
            if (!ReferenceEquals(sample, records)) estimated = estimated.WithTermFrequencies(records);
            (model, estimation) = (estimated, (ReferenceEquals(sample, records) ? "" : $"EM on {sample.Count:N0} of {records.Count:N0} people; ") + report);
        }
        progress?.Invoke(ScanStep.Estimating, 1, 1);
        var estimate = Lap(watch);

        var engine = new MatchEngine(model, options.Thresholds);
        var prepared = new PreparedRecord[records.Count];
        long preparedCount = 0;
        Parallel.For(0, records.Count, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, i =>
        {
            prepared[i] = engine.Prepare(records[i]);
            var n = Interlocked.Increment(ref preparedCount);
            if (n % 50_000 == 0) progress?.Invoke(ScanStep.Preparing, n, records.Count);
        });
        progress?.Invoke(ScanStep.Preparing, records.Count, records.Count);
        var prepare = Lap(watch);

        progress?.Invoke(ScanStep.Blocking, 0, 1);
        var index = BlockingIndex.ForDedupe(prepared);
        progress?.Invoke(ScanStep.Blocking, 1, 1);
        var block = Lap(watch);

        var collectors = new List<Collector>();
        var rawTotal = index.RawPairs;
        progress?.Invoke(ScanStep.Scoring, 0, rawTotal);
        var compared = index.ForEachPair(() =>
        {
            var c = new Collector(engine, prepared);
            lock (collectors) collectors.Add(c);
            return c;
        }, workers, (done, total) => progress?.Invoke(ScanStep.Scoring, done, total), ct);
        progress?.Invoke(ScanStep.Scoring, rawTotal, rawTotal);

        var decided = (await db.DuplicateCandidates.AsNoTracking()
                .Where(c => c.TeamId == teamId && c.Decision != null)
                .Select(c => new { c.PersonAId, c.PersonBId }).ToListAsync(ct))
            .Select(c => (c.PersonAId, c.PersonBId)).ToHashSet();
        var now = clock.GetUtcNow();
        var found = new List<DuplicateCandidate>();
        var aboveThreshold = 0;
        var alreadyDecided = 0;
        foreach (var (left, right, score) in collectors.SelectMany(c => c.Pairs))
        {
            aboveThreshold++;
            var (a, b) = DuplicateCandidate.Order(ids[left], ids[right]);
            if (decided.Contains((a, b))) { alreadyDecided++; continue; }
            var explained = engine.Explain(prepared[left], prepared[right]);
            found.Add(new DuplicateCandidate
            {
                TeamId = teamId, PersonAId = a, PersonBId = b, FoundAt = now,
                Weight = score.Weight, Rule = score.Rule,
                // A pair decided by a rule is shown as certain: the rule's line says why.
                Probability = score.Rule != MatchRule.None ? 1 : score.Probability,
                Reasons = Reasons(explained),
            });
        }
        var scoring = Lap(watch);

        await SaveAsync(teamId, found, options.SaveBatch, (d, t) => progress?.Invoke(ScanStep.Saving, d, t),
            string.Create(CultureInfo.InvariantCulture,
                $"Scanned {ids.Length:N0} people: {compared:N0} pairs compared, {found.Count:N0} possible duplicates to review, {alreadyDecided:N0} already decided"), ct);
        var save = Lap(watch);

        return new ScanResult(teamId, ids.Length, estimation is not null, estimation, index.Describe(), compared,
            aboveThreshold, alreadyDecided, found.Count, load, estimate, prepare, block, scoring, save);
    }

    private static TimeSpan Lap(Stopwatch w)
    {
        var t = w.Elapsed;
        w.Restart();
        return t;
    }

    /// <summary>The reasons worth reading: the rule, and every field that was compared (missing ones say nothing).</summary>
    private static string Reasons(RankedMatch m)
    {
        var lines = m.Contributions.Where(c => c.Compared || c.Field == "Rule").Select(c => c.ToString());
        var text = string.Join('\n', lines);
        return text.Length <= 4000 ? text : text[..4000];
    }

    /// <summary>
    /// The team's people (not merged) as match records, in one streamed, untracked query per table:
    /// people, then their other names, other dates of birth and other identifiers.
    /// </summary>
    public async Task<(Guid[] Ids, List<MatchRecord> Records)> LoadAsync(Guid teamId, Action<long, long>? progress = null, CancellationToken ct = default)
    {
        var team = db.PersonTeamLinks.Where(l => l.TeamId == teamId);
        var total = await team.CountAsync(ct);
        progress?.Invoke(0, total);

        var aliases = new Dictionary<Guid, List<PersonName>>();
        await foreach (var a in db.PersonAliases.AsNoTracking()
                           .Where(a => db.PersonTeamLinks.Any(l => l.TeamId == teamId && l.PersonId == a.PersonId))
                           .Select(a => new { a.PersonId, a.GivenName, a.FamilyName }).AsAsyncEnumerable().WithCancellation(ct))
            Add(aliases, a.PersonId, new PersonName(a.GivenName, a.FamilyName));
        var dobs = new Dictionary<Guid, List<DateOnly>>();
        await foreach (var d in db.PersonOtherDatesOfBirth.AsNoTracking()
                           .Where(d => db.PersonTeamLinks.Any(l => l.TeamId == teamId && l.PersonId == d.PersonId))
                           .Select(d => new { d.PersonId, d.DateOfBirth }).AsAsyncEnumerable().WithCancellation(ct))
            Add(dobs, d.PersonId, d.DateOfBirth);
        var identifiers = new Dictionary<Guid, Dictionary<string, string>>();
        await foreach (var i in db.PersonIdentifiers.AsNoTracking()
                           .Where(i => db.PersonTeamLinks.Any(l => l.TeamId == teamId && l.PersonId == i.PersonId))
                           .Select(i => new { i.PersonId, i.Kind, i.Value }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!identifiers.TryGetValue(i.PersonId, out var byKind)) identifiers[i.PersonId] = byKind = new(StringComparer.Ordinal);
            byKind.TryAdd(i.Kind.Trim(), i.Value.Trim());
        }

        var ids = new List<Guid>(total);
        var records = new List<MatchRecord>(total);
        var people = from l in team
                     join p in db.People on l.PersonId equals p.Id
                     where p.MergedAt == null
                     select new { p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, p.Address, p.Postcode, p.NhsNumber, p.PncId };
        await foreach (var p in people.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            var (line, town) = SplitAddress(p.Address);
            ids.Add(p.Id);
            records.Add(new MatchRecord
            {
                Id = p.Id.ToString("N"),
                GivenNames = p.GivenName, FamilyName = p.FamilyName,
                OtherNames = aliases.TryGetValue(p.Id, out var names) ? names : [],
                DateOfBirth = p.DateOfBirth,
                OtherDatesOfBirth = dobs.TryGetValue(p.Id, out var others) ? others : [],
                Sex = p.Sex, Postcode = p.Postcode, AddressLine = line, Town = town,
                NhsNumber = p.NhsNumber, PncId = p.PncId,
                OtherIdentifiers = identifiers.TryGetValue(p.Id, out var byKind) ? byKind : Empty,
            });
            if (records.Count % 50_000 == 0) progress?.Invoke(records.Count, total);
        }
        progress?.Invoke(records.Count, Math.Max(total, records.Count));
        return ([.. ids], records);
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static void Add<T>(Dictionary<Guid, List<T>> into, Guid id, T value)
    {
        if (!into.TryGetValue(id, out var list)) into[id] = list = new List<T>(1);
        list.Add(value);
    }

    /// <summary>"12 High Street, Northshire" → ("12 High Street", "Northshire"): the first line and the town, as the engine compares them.</summary>
    internal static (string? Line, string? Town) SplitAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return (null, null);
        var parts = address.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => (null, null),
            1 => (parts[0], null),
            _ => (parts[0], parts[^1]),
        };
    }

    /// <summary>Replaces the team's undecided pairs with the new ones, in one transaction with the scan's audit event.</summary>
    private async Task SaveAsync(Guid teamId, List<DuplicateCandidate> found, int batch, Action<long, long> progress, string detail, CancellationToken ct)
    {
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.DuplicateCandidates.Where(c => c.TeamId == teamId && c.Decision == null).ExecuteDeleteAsync(ct);
            progress(0, found.Count);
            for (var i = 0; i < found.Count; i += batch)
            {
                db.DuplicateCandidates.AddRange(found.Skip(i).Take(batch));
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                progress(Math.Min(found.Count, i + batch), found.Count);
            }
            audit.Add(AuditAction.Scanned, "DuplicateScan", teamId.ToString(), detail: detail);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>Keeps the pairs at or above the PotentialMatches threshold; one per worker, so no locking.</summary>
    private sealed class Collector(MatchEngine engine, PreparedRecord[] prepared) : IPairVisitor
    {
        public List<(int Left, int Right, PairScore Score)> Pairs { get; } = [];

        public void Visit(int left, int right)
        {
            var s = engine.Score(prepared[left], prepared[right]);
            if (engine.Classify(s) != MatchOutcome.NoMatch) Pairs.Add((left, right, s));
        }
    }
}
