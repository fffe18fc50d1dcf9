using System.Diagnostics;

namespace Waymark.Matching;

/// <summary>Precision, recall and F1 of the pairs predicted at one threshold.</summary>
public sealed record PairMetrics(long Predicted, long TruePositives, long TruePairs)
{
    public double Precision => Predicted == 0 ? 1 : (double)TruePositives / Predicted;
    public double Recall => TruePairs == 0 ? 1 : (double)TruePositives / TruePairs;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

public sealed record EvaluationResult(
    int LeftRecords, int RightRecords, bool IsLink, MatchModel Model, EstimationReport Estimation, string Blocks,
    BlockingRecall BlockingRecall, long PairsCompared, PairMetrics Definite, PairMetrics DefiniteOrPotential,
    long DecidedByRule, TimeSpan EstimationTime, TimeSpan MatchingTime);

/// <summary>
/// Measures the engine on records whose truth is known: the model is estimated from the records
/// alone (EM, no truth), thresholds are the defaults; the truth is used only to count.
/// </summary>
public static class MatchEvaluation
{
    public static EvaluationResult Run(IReadOnlyList<FebrlRow> left, IReadOnlyList<FebrlRow>? right, MatchThresholds? thresholds = null,
        EstimationOptions? options = null, int workers = 0)
    {
        workers = workers > 0 ? workers : Environment.ProcessorCount;
        var kinds = left.Concat(right ?? []).Any(r => r.Record.OtherIdentifiers.Count > 0) ? new[] { FebrlCsv.IdentifierKind } : [];
        var clock = Stopwatch.StartNew();
        var (model, report) = right is null
            ? ModelEstimation.ForDedupe(left.Select(r => r.Record).ToList(), MatchModel.Default(kinds), options)
            : ModelEstimation.ForLink(left.Select(r => r.Record).ToList(), right.Select(r => r.Record).ToList(), MatchModel.Default(kinds), options);
        var estimationTime = clock.Elapsed;
        clock.Restart();

        var engine = new MatchEngine(model, thresholds);
        var a = left.Select(r => engine.Prepare(r.Record)).ToArray();
        var b = right?.Select(r => engine.Prepare(r.Record)).ToArray();
        var index = b is null ? BlockingIndex.ForDedupe(a, options?.Blocking) : BlockingIndex.ForLink(a, b, options?.Blocking);
        var truth = TruePairs(left, right);
        var recall = index.MeasureRecall(truth);

        var visitors = new List<ScoringVisitor>();
        var compared = index.ForEachPair(() =>
        {
            var v = new ScoringVisitor(engine, a, b ?? a, left, right ?? left);
            lock (visitors) visitors.Add(v);
            return v;
        }, workers);
        var matchingTime = clock.Elapsed;

        long definite = 0, definiteTrue = 0, any = 0, anyTrue = 0, byRule = 0;
        foreach (var v in visitors)
        {
            definite += v.Definite;
            definiteTrue += v.DefiniteTrue;
            any += v.Any;
            anyTrue += v.AnyTrue;
            byRule += v.ByRule;
        }
        return new EvaluationResult(a.Length, b?.Length ?? 0, b is not null, model, report, index.Describe(), recall, compared,
            new PairMetrics(definite, definiteTrue, truth.Count), new PairMetrics(any, anyTrue, truth.Count), byRule, estimationTime, matchingTime);
    }

    /// <summary>Every pair of records of the same person: across the two sets when linking, within the set otherwise.</summary>
    public static List<(int Left, int Right)> TruePairs(IReadOnlyList<FebrlRow> left, IReadOnlyList<FebrlRow>? right)
    {
        var pairs = new List<(int, int)>();
        if (right is null)
        {
            foreach (var group in left.Select((r, i) => (r.Entity, i)).GroupBy(x => x.Entity, StringComparer.Ordinal))
            {
                var ids = group.Select(x => x.i).ToArray();
                for (var i = 0; i < ids.Length; i++)
                    for (var j = i + 1; j < ids.Length; j++) pairs.Add((Math.Min(ids[i], ids[j]), Math.Max(ids[i], ids[j])));
            }
            return pairs;
        }
        var byEntity = right.Select((r, i) => (r.Entity, i)).ToLookup(x => x.Entity, x => x.i, StringComparer.Ordinal);
        for (var i = 0; i < left.Count; i++)
            foreach (var j in byEntity[left[i].Entity]) pairs.Add((i, j));
        return pairs;
    }

    private sealed class ScoringVisitor(MatchEngine engine, PreparedRecord[] a, PreparedRecord[] b, IReadOnlyList<FebrlRow> left, IReadOnlyList<FebrlRow> right) : IPairVisitor
    {
        public long Definite, DefiniteTrue, Any, AnyTrue, ByRule;

        public void Visit(int l, int r)
        {
            var score = engine.Score(a[l], b[r]);
            var outcome = engine.Classify(score);
            if (outcome == MatchOutcome.NoMatch) return;
            var same = string.Equals(left[l].Entity, right[r].Entity, StringComparison.Ordinal);
            Any++;
            if (same) AnyTrue++;
            if (outcome != MatchOutcome.DefiniteMatch) return;
            Definite++;
            if (same) DefiniteTrue++;
            if (score.Rule != MatchRule.None) ByRule++;
        }
    }
}
