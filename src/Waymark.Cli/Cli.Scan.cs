using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Duplicates;
using Waymark.Persistence;

namespace Waymark.Cli;

/// <summary><c>waymark match scan</c>: a team's (or every team's) full duplicate scan, with progress on stderr.</summary>
public static partial class Cli
{
    private static async Task<int> MatchScanAsync(CliContext c)
    {
        var teamName = c.Args.Option("team");
        var allTeams = c.Args.Flag("all-teams");
        var workers = c.Args.IntOption("workers", 1, 64) ?? 2;
        c.Args.EnsureAllUsed();
        if ((teamName is null) == !allTeams) throw new UsageException("match scan needs --team \"<name>\" or --all-teams.");

        await using var sp = c.Services();
        await using var scope = sp.CreateAsyncScope();
        var system = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var teams = await system.Teams.AsNoTracking()
            .Where(t => allTeams || t.Name == teamName!.Trim())
            .OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(c.Ct);
        if (teams.Count == 0)
        {
            c.Err.WriteLine(allTeams ? "error: there are no teams." : $"error: no team is called '{teamName!.Trim()}'. See 'waymark teams list'.");
            return Failed;
        }
        var clock = sp.GetRequiredService<TimeProvider>();
        var ic = CultureInfo.InvariantCulture;
        var options = new ScanOptions { Workers = workers };
        foreach (var team in teams)
        {
            c.Err.WriteLine($"Scanning '{team.Name}' in {c.Describe()} for duplicates...");
            // Acts for the team (ADR 3): its query filters scope the scan, and the audit event is the team's.
            var user = new FixedUser(CliServices.CliUserName, "System", team.Id);
            await using var db = ((WaymarkDbContext)Activator.CreateInstance(system.GetType(),
                scope.ServiceProvider.GetRequiredService(typeof(DbContextOptions<>).MakeGenericType(system.GetType())))!).ActingFor(user);
            var scan = new DuplicateScan(db, new Auditor(db, user, clock), clock);
            var progress = new StepProgress(c.Err, c.Interactive);
            var r = await scan.ScanAsync(team.Id, options, progress.Report, c.Ct);
            progress.Finish();
            c.Out.WriteLine(string.Create(ic, $"{team.Name}: {r.People:N0} people, {r.PairsCompared:N0} pairs compared, {r.AboveThreshold:N0} at or above the PotentialMatches threshold, {r.AlreadyDecided:N0} already decided, {r.Saved:N0} saved to review."));
            c.Out.WriteLine(string.Create(ic,
                $"  load {r.Load.TotalSeconds:0.0} s, model {r.Estimate.TotalSeconds:0.0} s ({(r.ModelEstimated ? "estimated" : "defaults")}), prepare {r.Prepare.TotalSeconds:0.0} s, block {r.Block.TotalSeconds:0.0} s, score {r.Score.TotalSeconds:0.0} s, save {r.Save.TotalSeconds:0.0} s; total {r.Total.TotalSeconds:0.0} s on {workers} workers"));
            if (r.Estimation is not null) c.Out.WriteLine("  model: " + r.Estimation);
            c.Out.WriteLine("  blocks: " + r.Blocks);
        }
        return Ok;
    }

    /// <summary>One progress bar per step of the scan, titled on its own line.</summary>
    private sealed class StepProgress(TextWriter err, bool interactive)
    {
        private readonly Lock _gate = new();
        private ScanStep? _step;
        private ProgressBar? _bar;
        private long _total;

        public void Report(ScanStep step, long done, long total)
        {
            lock (_gate)
            {
                if (_step != step)
                {
                    Finish();
                    (_step, _total) = (step, total);
                    err.WriteLine(step switch
                    {
                        ScanStep.Loading => "Loading the team's people from the database",
                        ScanStep.Estimating => "Estimating the model from the records (EM)",
                        ScanStep.Preparing => "Preparing records",
                        ScanStep.Blocking => "Building the blocking index",
                        ScanStep.Scoring => "Scoring candidate pairs",
                        _ => "Saving possible duplicates",
                    });
                    _bar = new ProgressBar(err, interactive, total, step switch
                    {
                        ScanStep.Loading or ScanStep.Preparing => "people",
                        ScanStep.Scoring => "block pairs",
                        ScanStep.Saving => "pairs",
                        _ => "steps",
                    });
                }
                if (total != _total) return; // the bar's total is fixed; a changed total only comes with the step's last report
                _bar!.Report(done, done);
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                if (_bar is not null && _step is not null) _bar.Report(_total, _total);
                _bar = null;
            }
        }
    }
}
