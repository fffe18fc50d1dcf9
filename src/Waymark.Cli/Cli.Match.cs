using System.Globalization;
using Waymark.Matching;
using Waymark.Matching.Synthetic;

namespace Waymark.Cli;

/// <summary><c>waymark match evaluate</c> and <c>waymark match generate</c>: measuring the matching engine, no database (<c>match scan</c> is in Cli.Scan.cs).</summary>
public static partial class Cli
{
    private static Task<int> MatchAsync(CliContext c) => c.Args.Words switch
    {
        ["match", "evaluate", ..] => Task.FromResult(MatchEvaluate(c)),
        ["match", "generate"] => Task.FromResult(MatchGenerate(c)),
        ["match", "scan"] => MatchScanAsync(c),
        _ => throw new UsageException($"Unknown command '{string.Join(' ', c.Args.Words)}'. Try 'match evaluate', 'match generate' or 'match scan'."),
    };

    private static int MatchEvaluate(CliContext c)
    {
        var link = c.Args.Flag("link");
        var dedupe = c.Args.Flag("dedupe");
        var files = c.Args.Words.Skip(2).ToList();
        var without = c.Args.Options("without").Select(w => w.Trim()).ToList();
        c.Args.EnsureAllUsed();
        if (link == dedupe) throw new UsageException("match evaluate needs --link <a.csv> <b.csv> or --dedupe <file.csv>.");
        if (link && files.Count != 2) throw new UsageException("--link needs two files.");
        if (dedupe && files.Count != 1) throw new UsageException("--dedupe needs one file.");
        foreach (var w in without)
            if (!FebrlCsv.Columns.Contains(w) || w == "rec_id")
                throw new UsageException($"--without must name a FEBRL column ({string.Join(", ", FebrlCsv.Columns.Skip(1))}), not '{w}'.");
        foreach (var f in files)
            if (!File.Exists(f)) throw new UsageException($"No such file: {f}");

        var left = FebrlCsv.Read(files[0], without);
        var right = link ? FebrlCsv.Read(files[1], without) : null;
        var progress = c.Interactive ? c.Err : TextWriter.Null;
        progress.WriteLine("Estimating the model (EM) and scoring candidate pairs...");
        var r = MatchEvaluation.Run(left, right);
        var ic = CultureInfo.InvariantCulture;
        var o = c.Out;
        o.WriteLine(link
            ? string.Create(ic, $"Link: {Path.GetFileName(files[0])} ({r.LeftRecords:N0} records) with {Path.GetFileName(files[1])} ({r.RightRecords:N0} records)")
            : string.Create(ic, $"Dedupe: {Path.GetFileName(files[0])} ({r.LeftRecords:N0} records)"));
        o.WriteLine("Columns left out: " + (without.Count == 0 ? "none" : string.Join(", ", without)));
        o.WriteLine("Blocks: " + r.Blocks);
        var possible = r.Estimation.TotalPairs;
        o.WriteLine(string.Create(ic, $"Pairs compared: {r.PairsCompared:N0} of {possible:N0} possible ({(possible == 0 ? 0 : (double)r.PairsCompared / possible):P3})"));
        o.WriteLine(string.Create(ic, $"Blocking recall: {r.BlockingRecall.Recall:0.0000} ({r.BlockingRecall.Found:N0} of {r.BlockingRecall.TruePairs:N0} true pairs)"));
        o.WriteLine("Model: " + r.Estimation);
        o.Write(r.Model.Describe());
        var t = new MatchThresholds();
        WriteMetrics(o, string.Create(ic, $"DefiniteMatch (p >= {t.Definite}, {t.DefiniteWeight:0.0} bits)"), r.Definite);
        WriteMetrics(o, string.Create(ic, $"DefiniteMatch + PotentialMatches (p >= {t.Potential}, {t.PotentialWeight:0.0} bits)"), r.DefiniteOrPotential);
        o.WriteLine(string.Create(ic, $"Decided by a deterministic rule (same valid NHS number or PNC ID): {r.DecidedByRule:N0} pairs"));
        o.WriteLine(string.Create(ic, $"Time: estimation {r.EstimationTime.TotalSeconds:0.00} s, blocking and scoring {r.MatchingTime.TotalSeconds:0.00} s ({Environment.ProcessorCount} cores)"));
        o.WriteLine("pairs = the number of true matching pairs in the ground truth; precision, recall and f1 at the DefiniteMatch threshold:");
        o.WriteLine(string.Create(ic, $"precision={r.Definite.Precision:0.0000} recall={r.Definite.Recall:0.0000} f1={r.Definite.F1:0.0000} pairs={r.Definite.TruePairs}"));
        return Ok;
    }

    private static void WriteMetrics(TextWriter o, string label, PairMetrics m) =>
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {m.Predicted:N0} pairs predicted, {m.TruePositives:N0} true, {m.Predicted - m.TruePositives:N0} false, {m.TruePairs - m.TruePositives:N0} missed; precision {m.Precision:0.0000}, recall {m.Recall:0.0000}, F1 {m.F1:0.0000}"));

    private static int MatchGenerate(CliContext c)
    {
        var count = c.Args.IntOption("count", 1, 10_000_000) ?? throw new UsageException("match generate needs --count N.");
        var duplicates = c.Args.IntOption("duplicates", 0, 10_000_000) ?? 0;
        var relatives = c.Args.IntOption("relatives", 0, 10_000_000) ?? 0;
        var seed = c.Args.IntOption("seed", 0, int.MaxValue) ?? throw new UsageException("match generate needs --seed S, so the file can be made again.");
        var output = c.Args.Option("out") ?? throw new UsageException("match generate needs --out <file.csv>.");
        c.Args.EnsureAllUsed();
        if (duplicates > count) throw new UsageException("--duplicates cannot be more than --count.");
        if (relatives > 0 && relatives >= count - duplicates) throw new UsageException("--relatives must be fewer than the people (--count minus --duplicates).");
        var generator = new UkPeopleGenerator(seed);
        var dir = Path.GetDirectoryName(Path.GetFullPath(output));
        if (dir is not null) Directory.CreateDirectory(dir);
        using (var w = new StreamWriter(output, append: false, new System.Text.UTF8Encoding(false)))
            FebrlCsv.Write(w, generator.Generate(count, duplicates, relatives).Select(UkPeopleGenerator.ToFebrl));
        c.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {count:N0} synthetic records ({count - duplicates:N0} people, {(relatives > 0 ? $"{relatives:N0} of them relatives of others, " : "")}{duplicates:N0} duplicate records) to {output} (seed {seed})."));
        return Ok;
    }
}
