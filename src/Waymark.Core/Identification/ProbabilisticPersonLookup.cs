using Microsoft.EntityFrameworkCore;
using Waymark.Identifiers;
using Waymark.Matching;
using Waymark.Persistence;

namespace Waymark.Identification;

/// <summary>
/// "Do we know this person?" against the current team's people in the database. One query fetches the
/// candidates: the typed person's blocking keys probed in the team's <see cref="People.PersonMatchKey"/>
/// index, plus the NHS number and PNC ID columns, as a UNION ALL of index probes. A second loads those
/// people, and the team's <see cref="TeamMatchModels">model</see> scores them. A valid NHS number or PNC ID
/// that matches decides by rule: then only the people it decides are returned. Never another team's people:
/// every branch is filtered to the current team.
/// </summary>
public class ProbabilisticPersonLookup(WaymarkDbContext db, TeamMatchModels models) : IPersonLookup
{
    public const int MaxCandidates = 10;
    /// <summary>A key shared by more people than this (a placeholder date, a hostel's postcode) says nothing: it is skipped, as in <see cref="BlockingIndex"/>.</summary>
    public const int MaxBlockSize = 1_000;
    /// <summary>At most this many of the fetched people are loaded and scored, those sharing the most (and rarest) keys first.</summary>
    public const int MaxScored = 100;

    private static readonly LookupResult None = new(LookupOutcome.NoMatch, []);

    public async Task<LookupResult> FindAsync(LookupRequest request, CancellationToken ct = default)
    {
        if (db.CurrentUser.TeamId is not { } team) return None; // no team, no people
        var probe = PersonMatching.ToMatchRecord(request);
        var ids = await CandidateIdsAsync(team, probe, ct);
        if (ids.Count == 0) return None;
        var model = await models.ForTeamAsync(db, team, ct);
        var rows = await PersonMatchRows.Query(db.People.Where(p => ids.Contains(p.Id))).AsNoTracking().ToListAsync(ct);
        return Rank(model.Engine, probe, rows);
    }

    /// <summary>The ids blocking fetches for <paramref name="request"/> before scoring: for measuring blocking recall.</summary>
    public Task<IReadOnlyList<Guid>> CandidateIdsAsync(LookupRequest request, CancellationToken ct = default) =>
        db.CurrentUser.TeamId is { } team ? CandidateIdsAsync(team, PersonMatching.ToMatchRecord(request), ct) : Task.FromResult<IReadOnlyList<Guid>>([]);

    private async Task<IReadOnlyList<Guid>> CandidateIdsAsync(Guid team, MatchRecord probe, CancellationToken ct)
    {
        const int IdentifierBranch = -1;
        IQueryable<KeyHit>? q = null;
        void Add(IQueryable<KeyHit> branch) => q = q is null ? branch : q.Concat(branch);
        // The identifiers: indexed columns on People, whose query filter keeps it to the team.
        if (NhsNumber.IsUsable(probe.NhsNumber) && NhsNumber.Normalise(probe.NhsNumber) is { } nhs)
            Add(db.People.Where(p => p.NhsNumber == nhs).Select(p => new KeyHit { PersonId = p.Id, Branch = IdentifierBranch }).Take(MaxCandidates));
        if (PncId.IsValid(probe.PncId) && PncId.Normalise(probe.PncId) is { } pnc)
            Add(db.People.Where(p => p.PncId == pnc).Select(p => new KeyHit { PersonId = p.Id, Branch = IdentifierBranch }).Take(MaxCandidates));
        var keys = PersonMatching.KeysOf(probe);
        for (var i = 0; i < keys.Count; i++)
        {
            var (rule, key) = keys[i];
            var branch = i;
            // TeamId is stated as well as filtered, so each branch is a seek on (TeamId, Rule, Key) whatever the filter becomes.
            Add(db.PersonMatchKeys.Where(k => k.TeamId == team && k.Rule == rule && k.Key == key)
                .Select(k => new KeyHit { PersonId = k.PersonId, Branch = branch }).Take(MaxBlockSize + 1));
        }
        if (q is null) return [];
        var hits = await q.ToListAsync(ct);
        // Which candidates are worth loading and scoring: each shared key is evidence worth about
        // log2(1 / its block's size), so someone sharing a date of birth and a sound-alike surname with
        // what was typed comes before someone who only shares a common pair of names. At a million
        // people a probe shares some key with hundreds; the best MaxScored are scored.
        var evidence = new Dictionary<Guid, double>();
        foreach (var block in hits.GroupBy(h => h.Branch))
        {
            var size = block.Count();
            if (block.Key != IdentifierBranch && size > MaxBlockSize) continue;
            var worth = block.Key == IdentifierBranch ? double.PositiveInfinity : -Math.Log2(size);
            foreach (var id in block.Select(h => h.PersonId).Distinct())
                evidence[id] = evidence.GetValueOrDefault(id) + worth + 32; // +32: each key counts before any size
        }
        return evidence.OrderByDescending(e => e.Value).ThenBy(e => e.Key).Take(MaxScored).Select(e => e.Key).ToList();
    }

    private sealed class KeyHit
    {
        public Guid PersonId { get; init; }
        public int Branch { get; init; }
    }

    /// <summary>
    /// Scores and explains the fetched people. A rule-decided match (the same NHS number or PNC ID) leaves only the
    /// people it decides, unless someone else agrees strongly on name and date of birth: then both are shown, each
    /// with the conflict in words, and the outcome is "potential matches" for the practitioner to decide.
    /// </summary>
    internal static LookupResult Rank(MatchEngine engine, MatchRecord probe, IReadOnlyList<PersonMatchRow> rows)
    {
        var byId = rows.ToDictionary(r => r.Id.ToString());
        var prepared = engine.Prepare(probe);
        var candidates = rows.ToDictionary(r => r.Id.ToString(), r => engine.Prepare(r.Record));
        var result = engine.Find(prepared, candidates.Values, MaxCandidates);
        var decided = result.Candidates.Where(c => c.Rule != MatchRule.None).ToList();
        if (decided.Count == 0)
            return new LookupResult(Outcome(result.Outcome), [.. result.Candidates.Select(c => ToCandidate(c, byId[c.Record.Id].Summary))]);
        var rivals = result.Candidates
            .Where(c => c.Rule == MatchRule.None && engine.NameAndBirthAgreeStrongly(prepared, candidates[c.Record.Id])).ToList();
        if (rivals.Count == 0)
            return new LookupResult(Outcome(result.Outcome), [.. decided.Select(c => ToCandidate(c, byId[c.Record.Id].Summary))]);
        var identifier = decided[0].Rule == MatchRule.SameNhsNumber ? "NHS number" : "PNC ID";
        return new LookupResult(LookupOutcome.PotentialMatches,
        [
            .. decided.Select(c => ToCandidate(c, byId[c.Record.Id].Summary) with
            {
                Conflict = $"The {identifier} is the same, but someone else in your records has the same name and date of birth. Check which is right.",
            }),
            .. rivals.Select(c => ToCandidate(c, byId[c.Record.Id].Summary) with
            {
                Conflict = $"The same name and date of birth, but the {identifier} typed is someone else's. Check which is right.",
            }),
        ]);
    }

    internal static MatchCandidate ToCandidate(RankedMatch m, People.PersonSummary person) =>
        new(person, m.Weight, m.Contributions.Where(Shown).Select(Reason).ToList())
        {
            Probability = m.Probability,
            DecidedBy = m.Rule switch
            {
                MatchRule.SameNhsNumber => "the same valid NHS number",
                MatchRule.SamePncId => "the same valid PNC ID",
                _ => null,
            },
        };

    // The rule has its own property; town and address are never typed at intake, so "not compared" there says nothing.
    private static bool Shown(FieldContribution c) => c.Field is not ("Rule" or "Town" or "Address");

    private static MatchReason Reason(FieldContribution c) =>
        new(c.Field, c.Compared && c.Weight > 0, c.Explanation, c.Weight, c.Compared);

    private static LookupOutcome Outcome(MatchOutcome o) => o switch
    {
        MatchOutcome.DefiniteMatch => LookupOutcome.DefiniteMatch,
        MatchOutcome.PotentialMatches => LookupOutcome.PotentialMatches,
        _ => LookupOutcome.NoMatch,
    };
}
