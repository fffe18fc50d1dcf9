using Microsoft.EntityFrameworkCore;
using Waymark.Identification;
using Waymark.Identifiers;
using Waymark.Matching;
using Waymark.Persistence;

namespace Waymark.ProactiveIdentification;

/// <summary>
/// "Do we know these people?" for a whole list at once, with the same blocking, ranking and scoring as the
/// identification journey's <see cref="ProbabilisticPersonLookup"/> (the team's <see cref="TeamMatchModels">model</see>,
/// <see cref="ProbabilisticPersonLookup.Rank"/>), but batched: one query per blocking rule for every row's keys, one
/// for NHS numbers, one for PNC IDs and one to load the candidates, whatever the number of rows (not one look-up per row).
/// Only the current team's people.
/// </summary>
public class ProactiveMatcher(WaymarkDbContext db, TeamMatchModels models)
{
    /// <summary>The result for each request, in order (a request with no family name and no identifiers finds nobody).</summary>
    public async Task<IReadOnlyList<LookupResult>> MatchAsync(IReadOnlyList<LookupRequest> requests, CancellationToken ct = default)
    {
        var none = new LookupResult(LookupOutcome.NoMatch, []);
        if (db.CurrentUser.TeamId is not { } team || requests.Count == 0) return [.. requests.Select(_ => none)];
        var probes = requests.Select(PersonMatching.ToMatchRecord).ToList();
        var probeKeys = probes.Select(PersonMatching.KeysOf).ToList();

        // Every block any row probes, one query per rule (each a seek on the (TeamId, Rule, Key) index).
        var blocks = new Dictionary<(BlockingRule, string), List<Guid>>();
        foreach (var group in probeKeys.SelectMany(k => k).Distinct().GroupBy(k => k.Rule))
        {
            var rule = group.Key;
            var keys = group.Select(k => k.Key).ToList();
            var hits = await db.PersonMatchKeys.Where(k => k.TeamId == team && k.Rule == rule && keys.Contains(k.Key))
                .Select(k => new { k.PersonId, k.Key }).ToListAsync(ct);
            foreach (var h in hits)
            {
                if (!blocks.TryGetValue((rule, h.Key), out var ids)) blocks[(rule, h.Key)] = ids = [];
                ids.Add(h.PersonId);
            }
        }
        var nhsNumbers = probes.Where(p => NhsNumber.IsUsable(p.NhsNumber)).Select(p => NhsNumber.Normalise(p.NhsNumber)!).Distinct().ToList();
        var byNhs = await db.People.Where(p => p.NhsNumber != null && nhsNumbers.Contains(p.NhsNumber))
            .Select(p => new { p.Id, p.NhsNumber }).ToListAsync(ct);
        var pncIds = probes.Where(p => PncId.IsValid(p.PncId)).Select(p => PncId.Normalise(p.PncId)!).Distinct().ToList();
        var byPnc = await db.People.Where(p => p.PncId != null && pncIds.Contains(p.PncId))
            .Select(p => new { p.Id, p.PncId }).ToListAsync(ct);

        // Which candidates each row scores: as ProbabilisticPersonLookup, each shared key is worth about log2(1 / its
        // block's size), an identifier infinitely much; blocks larger than MaxBlockSize say nothing.
        var chosen = new List<IReadOnlyList<Guid>>(probes.Count);
        for (var i = 0; i < probes.Count; i++)
        {
            var evidence = new Dictionary<Guid, double>();
            var nhs = NhsNumber.IsUsable(probes[i].NhsNumber) ? NhsNumber.Normalise(probes[i].NhsNumber) : null;
            var pnc = PncId.IsValid(probes[i].PncId) ? PncId.Normalise(probes[i].PncId) : null;
            foreach (var id in byNhs.Where(p => p.NhsNumber == nhs).Select(p => p.Id).Concat(byPnc.Where(p => p.PncId == pnc).Select(p => p.Id)))
                evidence[id] = double.PositiveInfinity;
            foreach (var key in probeKeys[i])
            {
                if (!blocks.TryGetValue(key, out var ids)) continue;
                var distinct = ids.Distinct().ToList();
                if (distinct.Count > ProbabilisticPersonLookup.MaxBlockSize) continue;
                var worth = -Math.Log2(distinct.Count) + 32;
                foreach (var id in distinct) evidence[id] = evidence.GetValueOrDefault(id) + worth;
            }
            chosen.Add(evidence.OrderByDescending(e => e.Value).ThenBy(e => e.Key).Take(ProbabilisticPersonLookup.MaxScored).Select(e => e.Key).ToList());
        }

        var all = chosen.SelectMany(c => c).Distinct().ToList();
        if (all.Count == 0) return [.. requests.Select(_ => none)];
        var model = await models.ForTeamAsync(db, team, ct);
        var rows = (await PersonMatchRows.Query(db.People.Where(p => all.Contains(p.Id))).AsNoTracking().ToListAsync(ct)).ToDictionary(r => r.Id);
        var results = new List<LookupResult>(probes.Count);
        for (var i = 0; i < probes.Count; i++)
        {
            var candidates = chosen[i].Where(rows.ContainsKey).Select(id => rows[id]).ToList();
            results.Add(candidates.Count == 0 ? none : ProbabilisticPersonLookup.Rank(model.Engine, probes[i], candidates));
        }
        return results;
    }
}
