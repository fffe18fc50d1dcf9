using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Retention;

namespace Waymark.Cli;

/// <summary>
/// <c>waymark retention run [--dry-run]</c>: destroys the records of everyone whose retention period has ended
/// (docs/governance.md), or with --dry-run lists who would go and why. People are named only by their
/// pseudonymous reference, never by name.
/// </summary>
public static partial class Cli
{
    private static async Task<int> RetentionRunAsync(CliContext c)
    {
        var dryRun = c.Args.Flag("dry-run");
        c.Args.EnsureAllUsed();
        await using var sp = c.Services();
        await using var scope = sp.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<RetentionOptions>();
        var destruction = scope.ServiceProvider.GetRequiredService<RecordsDestruction>();
        var today = UkTime.Today(sp.GetRequiredService<TimeProvider>());
        var ic = CultureInfo.InvariantCulture;

        c.Out.WriteLine(dryRun
            ? $"Retention dry run on {today:yyyy-MM-dd} in {c.Describe()}: nothing is destroyed."
            : $"Retention run on {today:yyyy-MM-dd} in {c.Describe()}: destroying what is due, {options.BatchSize} people per transaction.");
        c.Out.WriteLine("Rules in force (the latest applicable date wins; open episodes and legal holds block):");
        foreach (var rule in Enum.GetValues<RetentionRule>()) c.Out.WriteLine("  " + RetentionRules.Describe(rule, options));
        c.Out.WriteLine(options.LiaisonAndDiversionRecordsAreMentalHealthRecords
            ? "  Every L&D record counts as a mental health record (Retention:LiaisonAndDiversionRecordsAreMentalHealthRecords)."
            : "  Mental health rule only for people with an assessment, a formulation or a crisis plan.");
        c.Out.WriteLine();
        void Line(DuePerson d) => c.Out.WriteLine(string.Create(ic,
            $"{d.Reference}  {RetentionRules.Describe(d.Rule, options)}  last contact {d.LastContact:yyyy-MM-dd}  due {d.DueOn:yyyy-MM-dd}  {(dryRun ? "would be destroyed" : "destroyed")}"));
        var result = dryRun
            ? await destruction.PreviewAsync(today, Line, c.Ct)
            : await destruction.RunAsync(CliServices.CliUserName, Line, c.Ct);
        c.Out.WriteLine();
        var byRule = string.Join(", ", result.ByRule.OrderBy(x => x.Key).Select(x => $"{x.Value} by {RetentionRules.Describe(x.Key, options)}"));
        c.Out.WriteLine(dryRun
            ? $"Would destroy the records of {result.People} {(result.People == 1 ? "person" : "people")}{(byRule.Length > 0 ? ": " + byRule : "")}."
            : $"Destroyed the records of {result.People} {(result.People == 1 ? "person" : "people")} in {result.Batches} batch{(result.Batches == 1 ? "" : "es")}{(byRule.Length > 0 ? ": " + byRule : "")}. Run {result.RunId}.");
        if (!dryRun && result.RowsByKind.Count > 0)
            c.Out.WriteLine("Rows deleted: " + string.Join(", ", result.RowsByKind.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key} {x.Value}")));
        return Ok;
    }
}
