using System.Diagnostics;
using System.Globalization;
using Waymark.Cli;
using Waymark.Matching;
using Waymark.Matching.Synthetic;

// In-memory duplicate scan of generated UK people: blocking + scoring every candidate pair.
// See docs/benchmarks.md, "Matching accuracy". Nothing here touches a database.
var ic = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = ic;
int people = 1_000_000, duplicates = 100_000, seed = 42, workers = Environment.ProcessorCount;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--people": people = int.Parse(Next().Replace("_", ""), ic); break;
        case "--duplicates": duplicates = int.Parse(Next().Replace("_", ""), ic); break;
        case "--seed": seed = int.Parse(Next(), ic); break;
        case "--workers": workers = int.Parse(Next(), ic); break;
        case "--help" or "-h":
            Console.WriteLine("Usage: Waymark.Bench.Matching [--people N (records, default 1,000,000)] [--duplicates D (default 100,000)] [--seed S] [--workers W]");
            return 0;
        default: Console.Error.WriteLine($"Unknown option {args[i]}"); return 2;
    }
}

var interactive = !Console.IsErrorRedirected;
var clock = Stopwatch.StartNew();
var generated = new UkPeopleGenerator(seed).Generate(people, duplicates).ToList();
var records = generated.Select(g => g.ToMatchRecord()).ToList();
var entities = generated.Select(g => g.Entity).ToArray();
generated = null;
Console.WriteLine($"Generated {records.Count:N0} records ({people - duplicates:N0} people, {duplicates:N0} duplicates, seed {seed}) in {clock.Elapsed.TotalSeconds:0.0} s");

clock.Restart();
var (model, report) = ModelEstimation.ForDedupe(records, options: new EstimationOptions { MaxBlockedPairs = 2_000_000 });
Console.WriteLine($"Estimated the model in {clock.Elapsed.TotalSeconds:0.0} s: {report}");

var total = Stopwatch.StartNew();
clock.Restart();
var engine = new MatchEngine(model);
var prepared = new PreparedRecord[records.Count];
Parallel.For(0, records.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, i => prepared[i] = engine.Prepare(records[i]));
var prepareTime = clock.Elapsed;
clock.Restart();
var index = BlockingIndex.ForDedupe(prepared);
var indexTime = clock.Elapsed;
Console.WriteLine($"Prepared {prepared.Length:N0} records in {prepareTime.TotalSeconds:0.0} s; built the blocking index in {indexTime.TotalSeconds:0.0} s");
Console.WriteLine("Blocks: " + index.Describe());

clock.Restart();
var bar = new ProgressBar(Console.Error, interactive, index.RawPairs, "block pairs");
var visitors = new List<Scorer>();
var compared = index.ForEachPair(() =>
{
    var s = new Scorer(engine, prepared, entities);
    lock (visitors) visitors.Add(s);
    return s;
}, workers, (done, all) => { lock (bar) bar.Report(done, done); });
bar.Report(index.RawPairs, index.RawPairs);
var scanTime = clock.Elapsed;
var wall = total.Elapsed;

var truth = new List<(int, int)>();
foreach (var g in Enumerable.Range(0, entities.Length).GroupBy(i => entities[i]))
{
    var ids = g.ToArray();
    for (var a = 0; a < ids.Length; a++)
        for (var b = a + 1; b < ids.Length; b++) truth.Add((Math.Min(ids[a], ids[b]), Math.Max(ids[a], ids[b])));
}
var recall = index.MeasureRecall(truth);
long definite = visitors.Sum(v => v.Definite), definiteTrue = visitors.Sum(v => v.DefiniteTrue);
long any = visitors.Sum(v => v.Any), anyTrue = visitors.Sum(v => v.AnyTrue);
var d = new PairMetrics(definite, definiteTrue, truth.Count);
var p = new PairMetrics(any, anyTrue, truth.Count);
Console.WriteLine($"Scored {compared:N0} candidate pairs in {scanTime.TotalSeconds:0.0} s ({compared / Math.Max(scanTime.TotalSeconds, 0.001):N0} pairs/s on {workers} workers)");
Console.WriteLine($"Blocking recall {recall.Recall:0.0000} ({recall.Found:N0} of {recall.TruePairs:N0} true pairs)");
Console.WriteLine($"DefiniteMatch: precision {d.Precision:0.0000} recall {d.Recall:0.0000} F1 {d.F1:0.0000} ({d.Predicted:N0} predicted)");
Console.WriteLine($"DefiniteMatch + PotentialMatches: precision {p.Precision:0.0000} recall {p.Recall:0.0000} F1 {p.F1:0.0000} ({p.Predicted:N0} predicted)");
Console.WriteLine($"Full dedupe (prepare + index + scan) {wall.TotalSeconds:0.0} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
return 0;

internal sealed class Scorer(MatchEngine engine, PreparedRecord[] records, string[] entities) : IPairVisitor
{
    public long Definite, DefiniteTrue, Any, AnyTrue;

    public void Visit(int left, int right)
    {
        var outcome = engine.Classify(engine.Score(records[left], records[right]));
        if (outcome == MatchOutcome.NoMatch) return;
        var same = entities[left] == entities[right];
        Any++;
        if (same) AnyTrue++;
        if (outcome != MatchOutcome.DefiniteMatch) return;
        Definite++;
        if (same) DefiniteTrue++;
    }
}
