using System.Diagnostics;
using System.Globalization;
using Waymark.Bench.Screening;
using Waymark.Instruments;

// Screening benchmarks. See docs/benchmarks.md ("Screening instrument scoring", "Screening save under concurrent load").
//   --mode scoring  scores/second for each built-in instrument, one thread and all cores, median/p95 per score
//   --mode save     time to save a completed screening (two instruments and the outcome) under concurrent load
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var ic = CultureInfo.InvariantCulture;
string mode = "scoring";
int batches = 200, batchSize = 2_000, seed = 42;
var save = new SaveOptions();
try
{
    for (var i = 0; i < args.Length; i++)
    {
        var option = args[i];
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value");
        int Count(int min) => int.Parse(Next().Replace("_", ""), ic) is var n && n >= min ? n : throw new ArgumentException($"{option} must be at least {min}");
        switch (option)
        {
            case "--mode": mode = Next(); break;
            case "--batches": batches = Count(1); break;
            case "--batch-size": batchSize = Count(1); break;
            case "--seed": seed = int.Parse(Next(), ic); break;
            case "--provider": save = save with { Provider = Next() }; break;
            case "--connection": save = save with { Connection = Next() }; break;
            case "--episodes": save = save with { Episodes = Count(1) }; break;
            case "--concurrency": save = save with { Concurrency = [.. Next().Split(',').Select(c => int.Parse(c, ic) is var n && n >= 1 ? n : throw new ArgumentException("--concurrency levels must be at least 1"))] }; break;
            case "--per-level": save = save with { PerLevel = Count(1) }; break;
            case "--warmup": save = save with { Warmup = Count(0) }; break;
            case "--help" or "-h":
                Console.WriteLine("Usage: Waymark.Bench.Screening [--mode scoring|save] [--seed S]");
                Console.WriteLine("  scoring: [--batches N] [--batch-size N]");
                Console.WriteLine("  save:    [--provider Sqlite|Postgres] [--connection <cs>] [--episodes N] [--concurrency 1,4,16,32] [--per-level N] [--warmup N]");
                Console.WriteLine($"           default connection for SQLite: {SaveOptions.DefaultSqlite}. The database is DELETED and rebuilt");
                Console.WriteLine("           (the demo, then N open unscreened episodes) unless it has users who are not the demo's.");
                return 0;
            default: return Usage($"Unknown option {option}");
        }
    }
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    return Usage(e.Message);
}

return mode switch
{
    "scoring" => ScoringBench.Run(batches, batchSize, seed),
    "save" => await SaveBench.RunAsync(save with { Seed = seed }),
    _ => Usage($"Unknown mode '{mode}': use scoring or save."),
};

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
