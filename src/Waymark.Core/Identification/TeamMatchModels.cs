using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Waymark.Matching;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Identification;

public sealed record LookupModelOptions
{
    /// <summary>How long a team's estimated model is used before it is estimated again (new people, new decisions).</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Below this many people EM has too little to go on: the default parameters are used.</summary>
    public int MinPeopleToEstimate { get; init; } = 1_000;
    /// <summary>EM and u run on at most this many of the team's people; name frequencies are counted over all of them.</summary>
    public int EstimationSample { get; init; } = 20_000;
    public int RandomPairs { get; init; } = 200_000;
    /// <summary>EM's m is used only when it expects at least this many matches among the team's people.</summary>
    public double MinExpectedMatches { get; init; } = 50;
    /// <summary>The share of people at intake the team already knows: with N people, the prior is this ÷ N.</summary>
    public double KnownShare { get; init; } = 0.3;
    /// <summary>
    /// The prior's N is at least this: a new team's few records are not the only people someone could be
    /// (with 2 records the prior would be 15%, and a similar name alone would look like a match).
    /// </summary>
    public int PriorPopulationFloor { get; init; } = 1_000;
    /// <summary>The most recent decisions taken into account at each estimation.</summary>
    public int MaxDecisions { get; init; } = 5_000;
    public DecisionWeights DecisionWeights { get; init; } = new();
}

/// <summary>A team's model, ready to score look-ups, and how it was made.</summary>
public sealed record TeamMatchModel(MatchEngine Engine, int People, bool Estimated, int Decisions, DateTimeOffset MadeAt, string Report);

/// <summary>
/// Each team's matching model, estimated from that team's own people (and its practitioners' decisions)
/// on first use and kept in memory for <see cref="LookupModelOptions.Lifetime"/>. It is derived data,
/// not state: any instance can make it again from the database, so nothing is lost with a restart, and
/// instances behind a load balancer each hold their own copy (ADR 6). One estimation per team at a time;
/// the others wait for it.
/// </summary>
public sealed class TeamMatchModels(TimeProvider clock, LookupModelOptions? options = null, ILogger<TeamMatchModels>? log = null)
{
    private readonly LookupModelOptions _options = options ?? new LookupModelOptions();
    private readonly ILogger _log = log ?? NullLogger<TeamMatchModels>.Instance;
    private readonly ConcurrentDictionary<Guid, (TeamMatchModel Model, DateTimeOffset Expires)> _models = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();

    public LookupModelOptions Options => _options;

    /// <summary>The team's model; <paramref name="db"/> must act for a member of that team (it reads the team's people).</summary>
    public async Task<TeamMatchModel> ForTeamAsync(WaymarkDbContext db, Guid teamId, CancellationToken ct = default)
    {
        if (_models.TryGetValue(teamId, out var e) && e.Expires > clock.GetUtcNow()) return e.Model;
        var gate = _gates.GetOrAdd(teamId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (_models.TryGetValue(teamId, out e) && e.Expires > clock.GetUtcNow()) return e.Model;
            var model = await EstimateAsync(db, teamId, _options, clock, ct);
            // Figures only: no names or other personal data in logs.
            _log.LogInformation("Matching model for team {TeamId}: {Report}", teamId, model.Report);
            _models[teamId] = (model, clock.GetUtcNow() + _options.Lifetime);
            return model;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops a team's model so the next look-up estimates it again.</summary>
    public void Forget(Guid teamId) => _models.TryRemove(teamId, out _);

    /// <summary>
    /// Estimates a team's model: the defaults below <see cref="LookupModelOptions.MinPeopleToEstimate"/>
    /// people, otherwise EM on a sample with name frequencies over all of them; then the team's recent
    /// decisions; then the look-up prior (docs/matching.md).
    /// </summary>
    public static async Task<TeamMatchModel> EstimateAsync(WaymarkDbContext db, Guid teamId, LookupModelOptions options, TimeProvider clock, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        var links = db.PersonTeamLinks.Where(l => l.TeamId == teamId);
        var people = await links.CountAsync(ct);
        var model = MatchModel.Default();
        var estimated = false;
        var report = "default parameters";
        if (people >= options.MinPeopleToEstimate)
        {
            var sample = await PersonMatchRows.Query(db.People.Where(p => p.TeamLinks.Any(l => l.TeamId == teamId))
                    .OrderBy(p => p.Id).Take(options.EstimationSample))
                .AsSplitQuery().ToListAsync(ct);
            var (em, emReport) = ModelEstimation.ForDedupe(sample.Select(r => r.Record).ToList(), model,
                new EstimationOptions { RandomPairs = options.RandomPairs, MaxBlockedPairs = 1_000_000 });
            var given = await links.GroupBy(l => l.GivenNameKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var family = await links.GroupBy(l => l.FamilyNameKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            // With too few likely duplicates among the sample (a new service, a clean register) EM has
            // nothing to learn m from and drifts to near-uniform levels: keep the default m then, with the
            // team's own u and name frequencies.
            var enough = emReport.ExpectedMatches >= options.MinExpectedMatches;
            model = (enough ? em : model.WithParameters(model.CopyM(), em.CopyU())).WithNameCounts(given, family, people);
            estimated = true;
            report = $"estimated from {sample.Count:N0} of {people:N0} people{(enough ? "" : " (too few duplicates for m: default m kept, u estimated)")}; {emReport}";
        }

        var decisions = await db.MatchDecisions.Where(d => d.TeamId == teamId)
            .OrderByDescending(d => d.At).Take(options.MaxDecisions).AsNoTracking().ToListAsync(ct);
        if (decisions.Count > 0)
        {
            var ids = decisions.Select(d => d.PersonId).Distinct().ToList();
            var known = await PersonMatchRows.Query(db.People.Where(p => ids.Contains(p.Id))).AsSplitQuery().ToListAsync(ct);
            var byId = known.ToDictionary(r => r.Id);
            var pairs = decisions.Where(d => byId.ContainsKey(d.PersonId))
                .Select(d => new LabelledPair(PersonMatching.ToMatchRecord(d.Request), byId[d.PersonId].Record, d.Verdict == MatchVerdict.SamePerson));
            model = ModelEstimation.WithDecisions(model, pairs, options.DecisionWeights);
        }

        var prior = options.KnownShare / Math.Max(people, options.PriorPopulationFloor);
        model = model.WithPrior(prior);
        report += $"; {decisions.Count:N0} decisions; prior {prior:0.###e+0}; made in {sw.ElapsedMilliseconds:N0} ms";
        return new TeamMatchModel(new MatchEngine(model), people, estimated, decisions.Count, clock.GetUtcNow(), report);
    }
}

/// <summary>What the engine needs of a person, read in one projection (no change tracking, no unused columns).</summary>
public sealed record PersonMatchRow(Guid Id, string GivenName, string FamilyName, DateOnly? DateOfBirth, Sex Sex, string? Postcode,
    string? NhsNumber, string? PncId, PersonAbsences Absences, List<PersonName> Aliases, List<DateOnly> OtherDatesOfBirth)
{
    public MatchRecord Record => new()
    {
        Id = Id.ToString(),
        GivenNames = GivenName,
        FamilyName = FamilyName,
        OtherNames = Aliases,
        DateOfBirth = DateOfBirth,
        OtherDatesOfBirth = OtherDatesOfBirth,
        Sex = Sex,
        Postcode = Postcode,
        NhsNumber = NhsNumber,
        PncId = PncId,
    };

    public PersonSummary Summary => new(Id, GivenName, FamilyName, DateOfBirth, NhsNumber, PncId, Postcode, Absences);
}

public static class PersonMatchRows
{
    public static IQueryable<PersonMatchRow> Query(IQueryable<Person> people) =>
        people.Select(p => new PersonMatchRow(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, p.Postcode, p.NhsNumber, p.PncId,
            new PersonAbsences(p.DateOfBirthAbsence, p.AddressAbsence, p.PhoneAbsence, p.EmailAbsence, p.NhsNumberAbsence, p.PncIdAbsence, p.GpPracticeAbsence),
            p.Aliases.Select(a => new PersonName(a.GivenName, a.FamilyName)).ToList(),
            p.OtherDatesOfBirth.Select(d => d.DateOfBirth).ToList()));
}
