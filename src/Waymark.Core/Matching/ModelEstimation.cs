using System.Globalization;

namespace Waymark.Matching;

public sealed record EstimationOptions
{
    /// <summary>Random pairs drawn to measure u: almost all are different people, so their agreement is chance.</summary>
    public int RandomPairs { get; init; } = 1_000_000;
    public int MaxIterations { get; init; } = 60;
    public double Tolerance { get; init; } = 1e-5;
    /// <summary>Above this many blocked pairs, EM runs on an even sample of them.</summary>
    public long MaxBlockedPairs { get; init; } = 5_000_000;
    public int Seed { get; init; } = 20261124;
    public BlockingOptions? Blocking { get; init; }
}

/// <summary>Two records a practitioner said are (or are not) the same person.</summary>
public sealed record LabelledPair(MatchRecord Left, MatchRecord Right, bool SamePerson);

/// <summary>How much practitioners' decisions move a model: see <see cref="ModelEstimation.WithDecisions"/>.</summary>
public sealed record DecisionWeights
{
    /// <summary>The model's m counts as this many matches (EM sees thousands; a team confirms a few a day).</summary>
    public double MatchPseudoPairs { get; init; } = 1_000;
    /// <summary>The model's u counts as this many non-matches (it comes from up to a million random pairs).</summary>
    public double NonMatchPseudoPairs { get; init; } = 1_000_000;
    /// <summary>Each decision counts as this many pairs: a person looked at both records, which is worth more than a guess.</summary>
    public double PerDecision { get; init; } = 10;
}

/// <summary>What estimation found: for logs, the evaluation report and docs.</summary>
public sealed record EstimationReport(int Iterations, bool Converged, long RandomPairs, long BlockedPairs, long TotalPairs,
    double BlockedMatchShare, double ExpectedMatches)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"EM {Iterations} iterations{(Converged ? "" : " (not converged)")} on {BlockedPairs:N0} blocked pairs; u from {RandomPairs:N0} random pairs; " +
        $"{BlockedMatchShare:P2} of blocked pairs estimated to match, {ExpectedMatches:N0} matches expected among {TotalPairs:N0} possible pairs");
}

/// <summary>
/// Estimates a model from the records themselves, with no truth: name frequencies counted over all
/// records; u from random pairs; m and the share of matches by expectation–maximisation on the
/// pairs of two blocking rules in turn (same date of birth: estimates everything but the date; sound-alike
/// names: estimates everything but the names), with u held at the random pairs' values; and the
/// prior from the expected number of matches over all possible pairs. NHS number and PNC ID keep their defaults: they decide by rule.
/// </summary>
public static class ModelEstimation
{
    private const int BitsPerLevel = 4;

    public static (MatchModel Model, EstimationReport Report) ForDedupe(IReadOnlyList<MatchRecord> records, MatchModel? start = null, EstimationOptions? options = null) =>
        Estimate(records, null, start, options);

    public static (MatchModel Model, EstimationReport Report) ForLink(IReadOnlyList<MatchRecord> left, IReadOnlyList<MatchRecord> right, MatchModel? start = null, EstimationOptions? options = null) =>
        Estimate(left, right, start, options);

    private static (MatchModel, EstimationReport) Estimate(IReadOnlyList<MatchRecord> left, IReadOnlyList<MatchRecord>? right, MatchModel? start, EstimationOptions? options)
    {
        options ??= new EstimationOptions();
        start ??= MatchModel.Default();
        var c = start.ComparisonCount;
        if (c * BitsPerLevel > 64) throw new ArgumentException("At most 7 identifier kinds can be estimated.");
        var model = start.WithTermFrequencies(right is null ? left : left.Concat(right));
        var engine = new MatchEngine(model);
        var a = left.Select(engine.Prepare).ToArray();
        var b = right?.Select(engine.Prepare).ToArray();
        long totalPairs = b is null ? (long)a.Length * (a.Length - 1) / 2 : (long)a.Length * b.Length;

        // u: chance agreement among random pairs.
        var rng = new Random(options.Seed);
        var uCounts = NewCounts(model);
        Span<byte> levels = stackalloc byte[c];
        long randomPairs = 0;
        if (totalPairs > 0)
        {
            var draws = (int)Math.Min(options.RandomPairs, totalPairs);
            for (var n = 0; n < draws; n++)
            {
                var i = rng.Next(a.Length);
                var j = rng.Next(b?.Length ?? a.Length);
                if (b is null && i == j) continue;
                engine.Compare(a[i], b is null ? a[j] : b[j], levels);
                for (var k = 0; k < c; k++) uCounts[k][levels[k]]++;
                randomPairs++;
            }
        }

        var m = model.CopyM();
        var u = model.CopyU();
        for (var k = 0; k < c; k++)
        {
            if (k is 7 or 8) continue; // NHS number and PNC ID: defaults
            double total = 0;
            for (var l = 1; l < uCounts[k].Length; l++) total += Math.Max(uCounts[k][l], 0.5);
            if (total < 10) continue; // too few compared to say anything
            for (var l = 1; l < uCounts[k].Length; l++) u[k][l] = Math.Max(uCounts[k][l], 0.5) / total;
        }

        // Two EM sessions, each on the pairs one blocking rule brings together, estimating only the
        // comparisons that rule did not select on: among people born on the same day, agreement on
        // names is what tells a match; among people with sound-alike names, the date of birth is.
        // Fitting all comparisons on all blocked pairs at once lets EM settle on "same name" or "same
        // street" as its class instead of "same person".
        var byDate = Session(BlockingRule.DateOfBirth, [2], engine, a, b, m, u, options);
        var byName = Session(BlockingRule.NamesSoundEitherOrder, [0, 1], engine, a, b, m, u, options);
        var mEst = model.CopyM();
        for (var k = 0; k < c; k++)
        {
            if (k is 7 or 8) continue;
            var sources = new[] { byDate, byName }.Where(s => s.Pairs > 0 && !s.Excluded.Contains(k)).ToList();
            if (sources.Count == 0) continue;
            for (var l = 1; l < mEst[k].Length; l++) mEst[k][l] = sources.Average(s => s.M[k][l]);
        }

        // The prior: matches among same-birthday pairs, scaled up by how often a match has the same
        // date of birth and both dates are recorded.
        var withDate = (double)a.Concat(b ?? []).Count(r => r.Dates.Length > 0) / (a.Length + (b?.Length ?? 0));
        var expected = byDate.Pairs > 0
            ? byDate.Share * byDate.Pairs / Math.Max(0.05, mEst[2][Levels.DateOfBirth.Exact] * withDate * withDate)
            : byName.Share * byName.Pairs;
        var prior = totalPairs == 0 ? start.Prior : Math.Clamp(expected / totalPairs, 1e-12, 0.5);
        var estimated = model.WithParameters(mEst, u).WithPrior(prior);
        var iterations = Math.Max(byDate.Iterations, byName.Iterations);
        return (estimated, new EstimationReport(iterations, byDate.Converged && byName.Converged, randomPairs, byDate.Pairs + byName.Pairs, totalPairs,
            (byDate.Share + byName.Share) / 2, expected));
    }

    private sealed record SessionResult(int[] Excluded, long Pairs, double[][] M, double Share, int Iterations, bool Converged);

    private static SessionResult Session(BlockingRule rule, int[] excluded, MatchEngine engine, PreparedRecord[] a, PreparedRecord[]? b,
        double[][] m0, double[][] u, EstimationOptions options)
    {
        var blocking = (options.Blocking ?? new BlockingOptions()) with { Rules = [rule] };
        var index = b is null ? BlockingIndex.ForDedupe(a, blocking) : BlockingIndex.ForLink(a, b, blocking);
        var keep = Math.Min(1.0, (double)options.MaxBlockedPairs / Math.Max(1, index.RawPairs));
        var collector = new PatternCollector(engine, a, b ?? a, keep, options.Seed);
        index.ForEachPair(() => collector);
        var patterns = collector.Patterns.ToArray();
        var sampled = patterns.Sum(p => p.Value);
        var (m, share, iterations, converged) = Em(patterns, engine.Model, m0, u, excluded, options);
        return new SessionResult(excluded, (long)(keep < 1 ? sampled / keep : sampled), m, share, iterations, converged);
    }

    private static (double[][] M, double Share, int Iterations, bool Converged) Em(KeyValuePair<ulong, long>[] patterns, MatchModel model,
        double[][] m0, double[][] u, int[] excluded, EstimationOptions options)
    {
        var c = model.ComparisonCount;
        var m = m0.Select(x => (double[])x.Clone()).ToArray();
        var used = Enumerable.Range(0, c).Where(k => !excluded.Contains(k)).ToArray();
        var share = 0.05;
        var lv = new byte[patterns.Length, c];
        for (var p = 0; p < patterns.Length; p++)
            for (var k = 0; k < c; k++)
                lv[p, k] = (byte)((patterns[p].Key >> (k * BitsPerLevel)) & 0xF);
        var post = new double[patterns.Length];
        var iterations = 0;
        var converged = false;
        while (iterations < options.MaxIterations && patterns.Length > 0)
        {
            iterations++;
            // E: the probability each pattern is a match, under the current m (u stays the random pairs').
            double matches = 0, all = 0;
            for (var p = 0; p < patterns.Length; p++)
            {
                double logm = Math.Log(share), logu = Math.Log(1 - share);
                foreach (var k in used)
                {
                    var l = lv[p, k];
                    if (l == 0) continue;
                    logm += Math.Log(m[k][l]);
                    logu += Math.Log(u[k][l]);
                }
                post[p] = 1 / (1 + Math.Exp(Math.Clamp(logu - logm, -700, 700)));
                matches += post[p] * patterns[p].Value;
                all += patterns[p].Value;
            }
            // M: new m from expected counts. At least half a pair per level keeps a level no match
            // reached (FEBRL has no nicknames or day-month swaps) from a weight near minus infinity: with
            // n matches, one unseen is at most about 1/n likely.
            var delta = 0.0;
            foreach (var k in used)
            {
                if (k is 7 or 8) continue;
                var levels = m[k].Length;
                var mNum = new double[levels];
                for (var p = 0; p < patterns.Length; p++)
                {
                    var l = lv[p, k];
                    if (l != 0) mNum[l] += post[p] * patterns[p].Value;
                }
                double mDen = 0;
                for (var l = 1; l < levels; l++) { mNum[l] = Math.Max(mNum[l], 0.5); mDen += mNum[l]; }
                for (var l = 1; l < levels; l++)
                {
                    var nm = mNum[l] / mDen;
                    delta = Math.Max(delta, Math.Abs(nm - m[k][l]));
                    m[k][l] = nm;
                }
            }
            var newShare = Math.Clamp(matches / Math.Max(all, 1), 1e-9, 0.999);
            delta = Math.Max(delta, Math.Abs(newShare - share));
            share = newShare;
            if (delta < options.Tolerance) { converged = true; break; }
        }
        return (m, share, iterations, converged);
    }

    /// <summary>
    /// Moves m and u toward what practitioners decided: each confirmed pair ("this is them") counts as
    /// <see cref="DecisionWeights.PerDecision"/> observed matches at the levels the pair falls in, each
    /// rejected pair as that many non-matches, blended with the model's estimates counted as
    /// <see cref="DecisionWeights.MatchPseudoPairs"/> matches and <see cref="DecisionWeights.NonMatchPseudoPairs"/>
    /// non-matches. So a confirmed nickname raises the nickname level's weight a little, and a rejected
    /// pair that agreed on a date of birth lowers that agreement's weight a little; many decisions move
    /// the model further. NHS number and PNC ID are left alone: they decide by rule.
    /// </summary>
    public static MatchModel WithDecisions(MatchModel model, IEnumerable<LabelledPair> pairs, DecisionWeights? weights = null)
    {
        weights ??= new DecisionWeights();
        var engine = new MatchEngine(model);
        var c = model.ComparisonCount;
        var matches = NewCounts(model);
        var nonMatches = NewCounts(model);
        var levels = new byte[c];
        var any = false;
        foreach (var pair in pairs)
        {
            engine.Compare(engine.Prepare(pair.Left), engine.Prepare(pair.Right), levels);
            var counts = pair.SamePerson ? matches : nonMatches;
            for (var k = 0; k < c; k++)
                if (levels[k] != Levels.Missing) counts[k][levels[k]]++;
            any = true;
        }
        if (!any) return model;
        var m = model.CopyM();
        var u = model.CopyU();
        for (var k = 0; k < c; k++)
        {
            if (k is 7 or 8) continue;
            Blend(m[k], matches[k], weights.MatchPseudoPairs, weights.PerDecision);
            Blend(u[k], nonMatches[k], weights.NonMatchPseudoPairs, weights.PerDecision);
        }
        return model.WithParameters(m, u);
    }

    private static void Blend(double[] p, double[] counts, double pseudo, double perDecision)
    {
        double n = 0;
        for (var l = 1; l < counts.Length; l++) n += counts[l];
        if (n == 0) return;
        for (var l = 1; l < p.Length; l++) p[l] = (pseudo * p[l] + perDecision * counts[l]) / (pseudo + perDecision * n);
    }

    private static double[][] NewCounts(MatchModel model) =>
        Enumerable.Range(0, model.ComparisonCount).Select(k => new double[model.LevelCount(k)]).ToArray();

    private sealed class PatternCollector(MatchEngine engine, PreparedRecord[] left, PreparedRecord[] right, double keep, int seed) : IPairVisitor
    {
        public Dictionary<ulong, long> Patterns { get; } = [];
        private readonly byte[] _levels = new byte[engine.Model.ComparisonCount];
        private readonly ulong _threshold = keep >= 1 ? ulong.MaxValue : (ulong)(keep * ulong.MaxValue);

        public void Visit(int l, int r)
        {
            // An even sample that does not depend on the order pairs arrive in.
            if (_threshold != ulong.MaxValue && Mix((ulong)l << 32 | (uint)r, seed) > _threshold) return;
            engine.Compare(left[l], right[r], _levels);
            ulong key = 0;
            for (var k = 0; k < _levels.Length; k++) key |= (ulong)_levels[k] << (k * BitsPerLevel);
            Patterns[key] = Patterns.GetValueOrDefault(key) + 1;
        }

        private static ulong Mix(ulong x, int seed)
        {
            x ^= (ulong)seed * 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }
}
