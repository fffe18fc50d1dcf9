using System.Globalization;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.Configuration;
using Waymark.Instruments;

namespace Waymark.Cli;

/// <summary><c>waymark instruments list|score|fhir</c>: screening instruments, no database needed.</summary>
public static partial class Cli
{
    private static int RunInstruments(CliArgs a, TextWriter stdout, TextWriter stderr)
    {
        var sub = a.Words.Count > 1 ? a.Words[1] : "";
        var folder = a.Option("folder") ?? new ConfigurationBuilder().AddEnvironmentVariables().Build()[InstrumentCatalogue.ConfigKey];
        if (folder is not null && string.IsNullOrWhiteSpace(folder)) throw new UsageException("--folder must not be empty.");
        return sub switch
        {
            "list" when a.Words.Count == 2 => InstrumentsList(a, Catalogue(folder, stderr), stdout),
            "score" when a.Words.Count == 3 => InstrumentsScore(a, Find(Catalogue(folder, stderr), a.Words[2]), stdout),
            "fhir" when a.Words.Count == 3 => InstrumentsFhir(a, Find(Catalogue(folder, stderr), a.Words[2]), stdout),
            "score" or "fhir" => throw new UsageException($"instruments {sub} needs one instrument id, e.g. 'waymark instruments {sub} phq-9'."),
            _ => throw new UsageException($"Unknown command '{string.Join(' ', a.Words)}'. Try 'instruments list', 'instruments score <id>' or 'instruments fhir <id>'."),
        };
    }

    private static InstrumentCatalogue Catalogue(string? folder, TextWriter stderr)
    {
        var catalogue = InstrumentCatalogue.Load(folder);
        foreach (var p in catalogue.Problems) stderr.WriteLine("refused: " + p);
        return catalogue;
    }

    private static InstrumentDefinition Find(InstrumentCatalogue catalogue, string id) =>
        catalogue.Find(id) ?? throw new UsageException($"No instrument '{id}'. Run 'waymark instruments list' to see them.");

    private static int InstrumentsList(CliArgs a, InstrumentCatalogue catalogue, TextWriter stdout)
    {
        a.EnsureAllUsed();
        var idWidth = Math.Max(2, catalogue.All.Max(d => d.Id.Length));
        stdout.WriteLine($"{"id".PadRight(idWidth)}  version  ages      items  title");
        foreach (var d in catalogue.All)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Id.PadRight(idWidth)}  {d.Version,-7}  {(d.Age?.ToString() ?? "any age"),-8}  {d.Items.Length,5}  {d.Title}"));
        return Ok;
    }

    private static int InstrumentsScore(CliArgs a, InstrumentDefinition def, TextWriter stdout)
    {
        var raw = a.Option("answers") ?? throw new UsageException($"instruments score needs --answers with {def.Items.Length} comma-separated values in item order.");
        a.EnsureAllUsed();
        var parts = raw.Split(',');
        if (parts.Length != def.Items.Length)
            throw new UsageException($"{def.Id} has {def.Items.Length} items but --answers gave {parts.Length} value{(parts.Length == 1 ? "" : "s")}.");
        var answers = new Dictionary<string, int?>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            var text = parts[i].Trim();
            int? value = null;
            if (text.Length > 0)
            {
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
                    throw new UsageException($"item {def.Items[i].Id}: '{text}' is not a whole number; expected {InstrumentScorer.Expected(def.Items[i])}");
                value = v;
            }
            answers[def.Items[i].Id] = value;
        }
        var r = InstrumentScorer.Score(def, answers);
        if (!r.IsValid) throw new UsageException(string.Join(Environment.NewLine + "error: ", r.Errors));

        var ic = CultureInfo.InvariantCulture;
        stdout.WriteLine($"{def.Title} (version {def.Version})");
        var range = def.TotalRange();
        if (range is null) stdout.WriteLine("Score: none (this instrument has no total)");
        else if (r.Total is { } total)
            stdout.WriteLine(string.Create(ic, $"Score: {total} of {range.Value.Max}{(r.Prorated ? $" (prorated: {r.Missing.Length} missing)" : "")}"));
        else
            stdout.WriteLine(string.Create(ic, $"Score: not computed ({r.Missing.Length} missing; the instrument allows {def.Scoring.Missing.MaxMissing})"));
        foreach (var s in r.Subscales)
            stdout.WriteLine(string.Create(ic, $"  {s.Label}: {(s.Score is { } v ? v.ToString(ic) : "not computed")}"));
        if (r.Band is { } band) stdout.WriteLine(string.Create(ic, $"Band: {band.Label} ({band.Min}–{band.Max})"));
        foreach (var f in r.Flags) stdout.WriteLine($"Flag ({f.Severity.ToString().ToLowerInvariant()}): {f.Message}");
        foreach (var o in r.Outcomes) stdout.WriteLine($"Outcome: {o.Label}");
        if (!r.Skipped.IsEmpty)
        {
            var ignored = r.Skipped.Where(id => answers[id] is not null).ToList();
            stdout.WriteLine($"Skipped by the instrument's rules (not asked, scored as it says): item{(r.Skipped.Length == 1 ? "" : "s")} {string.Join(", ", r.Skipped)}"
                + (ignored.Count == 0 ? "" : $"; the answer{(ignored.Count == 1 ? "" : "s")} given to {string.Join(", ", ignored)} {(ignored.Count == 1 ? "is" : "are")} ignored"));
        }
        if (!r.Missing.IsEmpty) stdout.WriteLine($"Missing: item{(r.Missing.Length == 1 ? "" : "s")} {string.Join(", ", r.Missing)}");
        if (!r.Undecided.IsEmpty) stdout.WriteLine($"Undecided until the missing answers are given: {string.Join(", ", r.Undecided)}");
        return Ok;
    }

    private static int InstrumentsFhir(CliArgs a, InstrumentDefinition def, TextWriter stdout)
    {
        a.EnsureAllUsed();
        stdout.WriteLine(InstrumentFhir.ToQuestionnaire(def).ToJson(pretty: true));
        return Ok;
    }
}
