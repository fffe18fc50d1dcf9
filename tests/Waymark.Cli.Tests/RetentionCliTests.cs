using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Retention;

namespace Waymark.Cli.Tests;

/// <summary>
/// <c>waymark retention run</c> on the demo: the dry run lists who would go and why (pseudonymous references, no names),
/// the real run destroys them and logs each by a keyed hash; and destroying a person with a row of every kind in the
/// registry leaves nothing that refers to them (both providers).
/// </summary>
public abstract partial class RetentionCliTests(TestDatabase db) : IAsyncLifetime
{
    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite() : RetentionCliTests(new SqliteTestDatabase());

    /// <summary>On PostgreSQL.</summary>
    public sealed class OnPostgres() : RetentionCliTests(new PostgresTestDatabase());

    private static readonly ICurrentUser System = new SystemUser("cli-tests");

    /// <inheritdoc />
    public Task InitializeAsync() => db.CreateAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => db.DisposeAsync().AsTask();

    [GeneratedRegex(@"^P-[0-9a-f]{12}  Mental health record \(20 years after last contact\)  last contact \d{4}-\d{2}-\d{2}  due \d{4}-\d{2}-\d{2}  would be destroyed$", RegexOptions.Multiline)]
    private static partial Regex DueLine();

    private async Task DemoAsync()
    {
        var demo = await CliRun.RunAsync(db, "demo");
        Assert.True(demo.ExitCode == 0, demo.ToString());
    }

    [Fact]
    public async Task A_dry_run_on_the_demo_lists_who_would_go_and_why_by_reference_only_and_destroys_nothing()
    {
        await DemoAsync();
        var run = await CliRun.RunAsync(db, "retention", "run", "--dry-run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("nothing is destroyed", run.Out, StringComparison.Ordinal);
        Assert.Contains("Mental health record (20 years after last contact)", run.Out, StringComparison.Ordinal);
        Assert.Equal(2, DueLine().Matches(run.Out).Count);
        Assert.Contains("Would destroy the records of 2 people: 2 by Mental health record (20 years after last contact).", run.Out, StringComparison.Ordinal);
        foreach (var name in new[] { "Quenbury", "Harrowgate", "Brackenridge", "Fairweather", "Marlowe", "1961" })
            Assert.DoesNotContain(name, run.Out, StringComparison.Ordinal);
        await using var ctx = db.CreateContext(System);
        Assert.Equal(2, await ctx.People.CountAsync(p => p.FamilyName == "Quenbury" || p.FamilyName == "Harrowgate"));
        Assert.Equal(0, await ctx.Set<DestructionLogEntry>().CountAsync());
    }

    [Fact]
    public async Task A_run_destroys_what_is_due_keeps_the_held_and_the_recent_and_logs_each_by_a_keyed_hash()
    {
        await DemoAsync();
        var dry = await CliRun.RunAsync(db, "retention", "run", "--dry-run");
        var references = DueLine().Matches(dry.Out).Select(m => m.Value[..14]).ToHashSet();

        var run = await CliRun.RunAsync(db, "retention", "run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Destroyed the records of 2 people in 1 batch: 2 by Mental health record (20 years after last contact).", run.Out, StringComparison.Ordinal);
        await using var ctx = db.CreateContext(System);
        Assert.Empty(await ctx.People.Where(p => p.FamilyName == "Quenbury" || p.FamilyName == "Harrowgate").ToListAsync());
        Assert.Equal(2, await ctx.People.CountAsync(p => p.FamilyName == "Brackenridge" || p.FamilyName == "Fairweather"));
        var log = await ctx.Set<DestructionLogEntry>().ToListAsync();
        Assert.Equal(2, log.Count);
        Assert.All(log, l =>
        {
            Assert.Matches("^[0-9a-f]{64}$", l.PersonHash);
            Assert.Contains("P-" + l.PersonHash[..12], references);
            Assert.Equal(RetentionRule.MentalHealthRecord, l.Rule);
            Assert.Contains("\"Episode\":1", l.CountsJson, StringComparison.Ordinal);
            Assert.Contains("\"Person\":1", l.CountsJson, StringComparison.Ordinal);
            Assert.Equal("cli", l.StartedBy);
        });
        Assert.Single(log.Select(l => l.RunId).Distinct());
        Assert.Single(await ctx.AuditEvents.Where(a => a.Action == AuditAction.RecordsDestroyed).ToListAsync());

        var again = await CliRun.RunAsync(db, "retention", "run", "--dry-run");
        Assert.Contains("Would destroy the records of 0 people.", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_run_refuses_unknown_options()
    {
        var run = await CliRun.RunAsync(db, "retention", "run", "--everyone", "yes");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: Unknown option for this command: --everyone", run.Err, StringComparison.Ordinal);
    }

    /// <summary>
    /// The demo plus what it lacks gives the people a row of every kind in <see cref="PersonLinkedRecords.All"/>; with every
    /// episode closed, no hold standing and the clock a hundred years on, everyone is due. Afterwards no row of any kind
    /// refers to any of them, the people are gone, and their audit events are kept with nothing leading back to them.
    /// </summary>
    [Fact]
    public async Task Destroying_people_with_a_row_of_every_registered_kind_leaves_no_row_referring_to_them()
    {
        await DemoAsync();
        await RetentionWorld.AddWhatTheDemoLacksAsync(db);
        List<Guid> ids;
        await using (var ctx = db.CreateContext(System))
        {
            var now = DateTimeOffset.UtcNow;
            await ctx.Episodes.IgnoreQueryFilters().Where(e => e.ClosedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClosedAt, now).SetProperty(e => e.ClosedByUserId, "cli-tests").SetProperty(e => e.ClosureReason, ClosureReason.SupportCompleted));
            await ctx.Set<LegalHold>().IgnoreQueryFilters().Where(h => h.LiftedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.LiftedAt, now).SetProperty(h => h.LiftedByUserId, "cli-tests").SetProperty(h => h.LiftReason, "Test"));
            ids = await ctx.People.IgnoreQueryFilters().Select(p => p.Id).ToListAsync();
            var before = await CountByKindAsync(ctx, ids);
            var missing = before.Where(x => x.Value == 0).Select(x => x.Key).ToList();
            Assert.True(missing.Count == 0, "The test's people have no row of: " + string.Join(", ", missing));
        }

        await using (var ctx = db.CreateContext(System))
        {
            var clock = new FakeClock(DateTimeOffset.UtcNow.AddYears(100));
            var destruction = new RecordsDestruction(ctx, new Auditor(ctx, System, clock), new RetentionOptions { BatchSize = 7 }, clock);
            var result = await destruction.RunAsync("cli-tests");
            Assert.Equal(ids.Count - 1, result.People); // everyone but the merged record, which goes with the one it was merged into
            Assert.True(result.Batches > 1);
        }

        await using (var ctx = db.CreateContext(System))
        {
            var after = await CountByKindAsync(ctx, ids);
            var left = after.Where(x => x.Value > 0).Select(x => $"{x.Key} ({x.Value})").ToList();
            Assert.True(left.Count == 0, "Rows still referring to destroyed people: " + string.Join(", ", left));
            Assert.Equal(0, await ctx.People.IgnoreQueryFilters().CountAsync());
            var idTexts = ids.Select(i => i.ToString("D")).ToList();
            Assert.Equal(0, await ctx.AuditEvents.CountAsync(a => a.RecordId != null && idTexts.Contains(a.RecordId)));
            Assert.True(await ctx.AuditEvents.AnyAsync(a => a.RecordId == "destroyed"), "The trail's events about them are kept, cut loose.");
        }
    }

    private static async Task<Dictionary<string, int>> CountByKindAsync(Persistence.WaymarkDbContext ctx, IReadOnlyList<Guid> ids)
    {
        var counts = new Dictionary<string, int>();
        foreach (var kind in PersonLinkedRecords.All)
        {
            var n = 0;
            foreach (var id in ids) n += (await kind.ListRowsAsync(ctx, id)).Count;
            counts[kind.EntityType.Name] = n;
            ctx.ChangeTracker.Clear();
        }
        return counts;
    }
}
