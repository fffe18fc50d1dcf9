using System.Diagnostics;
using System.Globalization;
using Waymark.Instruments;

// Screening benchmarks. See docs/benchmarks.md ("Screening instrument scoring").
//   --mode scoring  scores/second for each built-in instrument, one thread and all cores, median/p95 per score
//   --mode save     screening save under concurrent load (needs the database; not written yet)
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string mode = "scoring";
int batches = 200, batchSize = 2_000, seed = 42;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--mode": mode = Next(); break;
        case "--batches": batches = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--batch-size": batchSize = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--help" or "-h":
            Console.WriteLine("Usage: Waymark.Bench.Screening [--mode scoring|save] [--batches N] [--batch-size N] [--seed S]");
            return 0;
        default: Console.Error.WriteLine($"Unknown option {args[i]}"); return 2;
    }
}

return mode switch
{
    "scoring" => ScoringBench.Run(batches, batchSize, seed),
    "save" => NotYet(),
    _ => Usage($"Unknown mode '{mode}': use scoring or save."),
};

static int NotYet()
{
    Console.WriteLine("save: not yet (screening save under concurrent load needs the database and is still to be written).");
    return 0;
}

static int Usage(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}

/// <summary>
/// Times InstrumentScorer.Score on synthetic answer sets: batches of scores timed together (a single
/// score is below the timer's resolution), per-score median and p95 taken over the batches.
/// </summary>
internal static class ScoringBench
{
    public static int Run(int batches, int batchSize, int seed)
    {
        var catalogue = InstrumentCatalogue.BuiltIn();
        var cores = Environment.ProcessorCount;
        Console.WriteLine($"Scoring {batches} batches of {batchSize:N0} answer sets per instrument; {cores} cores; seed {seed}.");
        Console.WriteLine("Answer sets: uniform random answers, 1 in 10 with one item left unanswered.");
        Console.WriteLine();
        Console.WriteLine($"{"instrument",-10} {"items",5} {"1 thread/s",12} {"median ns",10} {"p95 ns",8} {$"{cores} threads/s",13} {"alloc B/score",13}");
        foreach (var def in catalogue.Latest)
        {
            var sets = AnswerSets(def, 4_096, seed);
            // Warm up so tiered JIT has optimised the scorer before timing.
            for (var i = 0; i < 50_000; i++) Consume(InstrumentScorer.Score(def, sets[i % sets.Length]));

            var perScore = new double[batches];
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var total = Stopwatch.StartNew();
            for (var b = 0; b < batches; b++)
            {
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < batchSize; i++) Consume(InstrumentScorer.Score(def, sets[(b * batchSize + i) % sets.Length]));
                perScore[b] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / batchSize;
            }
            total.Stop();
            var allocated = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / ((long)batches * batchSize);
            var singleRate = (double)batches * batchSize / total.Elapsed.TotalSeconds;

            Array.Sort(perScore);
            var parallelRate = Parallel(def, sets, batches * batchSize, cores);
            Console.WriteLine($"{def.Id,-10} {def.Items.Length,5} {singleRate,12:N0} {Percentile(perScore, 0.5),10:N0} {Percentile(perScore, 0.95),8:N0} {parallelRate,13:N0} {allocated,13:N0}");
        }
        return 0;
    }

    private static double Parallel(InstrumentDefinition def, Dictionary<string, int?>[] sets, int count, int threads)
    {
        var perThread = count / threads;
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            // A local sink: a shared one would have both cores fighting over one cache line.
            var sink = 0;
            for (var i = 0; i < perThread; i++) sink ^= Fold(InstrumentScorer.Score(def, sets[(t * 7919 + i) % sets.Length]));
            Interlocked.Add(ref _sink, sink);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return (double)perThread * threads / sw.Elapsed.TotalSeconds;
    }

    private static Dictionary<string, int?>[] AnswerSets(InstrumentDefinition def, int count, int seed)
    {
        var random = new Random(seed);
        var sets = new Dictionary<string, int?>[count];
        for (var s = 0; s < count; s++)
        {
            var skip = random.Next(10) == 0 ? random.Next(def.Items.Length) : -1;
            var answers = new Dictionary<string, int?>(def.Items.Length, StringComparer.Ordinal);
            for (var i = 0; i < def.Items.Length; i++)
            {
                var options = def.Items[i].Options;
                answers[def.Items[i].Id] = i == skip ? null : options[random.Next(options.Length)].Value;
            }
            sets[s] = answers;
        }
        return sets;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int _sink;

    private static int Fold(InstrumentResult r) => (r.Total ?? -1) ^ r.Flags.Length;

    // Keeps the JIT from discarding the work.
    private static void Consume(InstrumentResult r) => _sink ^= Fold(r);
}
