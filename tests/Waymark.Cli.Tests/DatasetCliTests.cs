using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Cli.Tests;

/// <summary><c>waymark dataset</c>: a commissioner's month as CSV or JSON, their own teams only, audited; bad usage refused.</summary>
public sealed class DatasetCliTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();
    private static readonly ICurrentUser System = new SystemUser("cli-tests");

    public Task InitializeAsync() => _db.CreateAsync();

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    /// <summary>Two teams with an episode each in March 2026; a commissioner of the first only.</summary>
    private async Task SetUpAsync()
    {
        Assert.Equal(0, (await CliRun.RunAsync(_db, "teams", "add", "--name", "Westford L&D")).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync(_db, "teams", "add", "--name", "Eastbrook L&D")).ExitCode);
        var add = await CliRun.RunAsync(_db, "users", "add", "--email", "robin@westford.invalid", "--name", "Robin", "--role", "Commissioner", "--team", "Westford L&D");
        Assert.True(add.ExitCode == 0, add.ToString());
        await using var ctx = _db.CreateContext(System);
        foreach (var name in new[] { "Westford L&D", "Eastbrook L&D" })
        {
            var team = await ctx.Teams.SingleAsync(t => t.Name == name);
            var person = APerson().Named("Persephone", "Quennell").KnownTo(team).Build();
            ctx.People.Add(person);
            ctx.Episodes.Add(AnEpisode().For(person).InTeam(team).IdentifiedAt(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero)).Build());
        }
        await ctx.SaveChangesAsync();
    }

    [Fact]
    public async Task Prints_the_commissioners_month_as_csv_with_their_team_only_and_audits_it()
    {
        await SetUpAsync();
        var run = await CliRun.RunAsync(_db, "dataset", "--month", "2026-03", "--commissioner", "robin@westford.invalid", "--format", "csv");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("dataset_month,team_type_code,team,person_key", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2026-03,D02,Westford L&D,", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Eastbrook", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Quennell", run.Out, StringComparison.Ordinal);
        await using var ctx = _db.CreateContext(System);
        var audit = await ctx.AuditEvents.SingleAsync(a => a.Action == AuditAction.Exported && a.RecordType == "MonthlyDataset");
        Assert.Equal("2026-03", audit.RecordId);
        Assert.Contains("format=csv", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_json_to_a_file_for_a_named_team()
    {
        await SetUpAsync();
        var file = Path.Combine(Path.GetTempPath(), $"dataset-{Guid.NewGuid():N}.json");
        try
        {
            var run = await CliRun.RunAsync(_db, "dataset", "--month", "2026-03", "--commissioner", "robin@westford.invalid", "--team", "Westford L&D", "--format", "json", "--out", file);
            Assert.True(run.ExitCode == 0, run.ToString());
            var json = await File.ReadAllTextAsync(file);
            Assert.StartsWith("{\"month\":\"2026-03\"", json, StringComparison.Ordinal);
            Assert.Contains("\"team\":\"Westford L\\u0026D\"", json, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--month", "March", "--commissioner", "robin@westford.invalid", "--format", "csv")]
    [InlineData("--month", "2026-03", "--commissioner", "nobody@westford.invalid", "--format", "csv")]
    [InlineData("--month", "2026-03", "--commissioner", "robin@westford.invalid", "--format", "xlsx")]
    [InlineData("--month", "2026-03", "--commissioner", "robin@westford.invalid", "--format", "csv", "--team", "Eastbrook L&D")]
    [InlineData("--commissioner", "robin@westford.invalid", "--format", "csv")]
    public async Task Bad_usage_is_refused_with_exit_code_2_and_a_message(params string[] args)
    {
        await SetUpAsync();
        var run = await CliRun.RunAsync(_db, ["dataset", .. args]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.NotEmpty(run.Err.Trim());
        Assert.Empty(run.Out);
    }
}
