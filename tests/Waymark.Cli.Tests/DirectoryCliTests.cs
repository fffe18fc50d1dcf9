using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.ServiceDirectory;

namespace Waymark.Cli.Tests;

/// <summary>waymark directory: generate, export, import (all or nothing) and partner API keys.</summary>
public sealed class DirectoryCliTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();
    private static readonly ICurrentUser System = new SystemUser("cli-tests");

    public Task InitializeAsync() => _db.CreateAsync();

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task Generates_exports_and_imports_into_another_team_then_a_bad_file_changes_nothing()
    {
        Assert.Equal(0, (await CliRun.RunAsync(_db, "teams", "add", "--name", "Westford L&D")).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync(_db, "teams", "add", "--name", "Eastford L&D")).ExitCode);
        var gen = await CliRun.RunAsync(_db, "directory", "generate", "--count", "120", "--team", "Westford L&D", "--seed", "7");
        Assert.True(gen.ExitCode == 0, gen.ToString());
        Assert.Contains("Added 120 synthetic services", gen.Out);

        var file = Path.Combine(Path.GetTempPath(), $"waymark-dir-{Guid.NewGuid():N}.json");
        try
        {
            var export = await CliRun.RunAsync(_db, "directory", "export", "--team", "Westford L&D", "--out", file);
            Assert.True(export.ExitCode == 0, export.ToString());
            var json = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("Ring before 10am", json); // relationship notes stay home

            var import = await CliRun.RunAsync(_db, "directory", "import", "--team", "Eastford L&D", file);
            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Contains("Imported 120 services: 120 added, 0 updated", import.Out);

            await File.WriteAllTextAsync(file, json.Replace("\"status\": \"active\"", "\"status\": \"maybe\"", StringComparison.Ordinal));
            var bad = await CliRun.RunAsync(_db, "directory", "import", "--team", "Eastford L&D", file);
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains("rejected: record 1", bad.Err);
            Assert.Contains("nothing was imported", bad.Err);
        }
        finally
        {
            File.Delete(file);
        }
        await using var ctx = _db.CreateContext(System);
        var eastford = await ctx.Teams.Where(t => t.Name == "Eastford L&D").Select(t => t.Id).SingleAsync();
        Assert.Equal(120, await ctx.Services.CountAsync(s => s.TeamId == eastford && s.Status == ServiceStatus.Active));
        Assert.Equal(240, await ctx.Services.CountAsync());
    }

    [Fact]
    public async Task Api_keys_are_printed_once_stored_hashed_and_revoked_by_name()
    {
        Assert.Equal(0, (await CliRun.RunAsync(_db, "teams", "add", "--name", "Westford L&D")).ExitCode);
        var add = await CliRun.RunAsync(_db, "directory", "api-key", "add", "--team", "Westford L&D", "--name", "Westford Council housing");
        Assert.True(add.ExitCode == 0, add.ToString());
        var key = add.Out.Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("wmk_", key, StringComparison.Ordinal);

        await using (var ctx = _db.CreateContext(System))
        {
            var stored = await ctx.DirectoryApiKeys.SingleAsync();
            Assert.Equal(DirectoryApiKey.Hash(key), stored.KeyHash);
            Assert.DoesNotContain(key, stored.KeyHash);
        }
        var again = await CliRun.RunAsync(_db, "directory", "api-key", "add", "--team", "Westford L&D", "--name", "Westford Council housing");
        Assert.Equal(2, again.ExitCode);
        var revoke = await CliRun.RunAsync(_db, "directory", "api-key", "revoke", "--team", "Westford L&D", "--name", "Westford Council housing");
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        var list = await CliRun.RunAsync(_db, "directory", "api-key", "list", "--team", "Westford L&D");
        Assert.Contains("revoked", list.Out);
        var noTeam = await CliRun.RunAsync(_db, "directory", "export", "--team", "Nowhere");
        Assert.Equal(2, noTeam.ExitCode);
    }

    [Fact]
    public async Task Fhir_api_keys_are_their_own_scope_printed_once_and_revoked_by_name()
    {
        Assert.Equal(0, (await CliRun.RunAsync(_db, "teams", "add", "--name", "Eastford L&D")).ExitCode);
        // The same partner name may hold a directory key and a FHIR key: they are different keys.
        Assert.Equal(0, (await CliRun.RunAsync(_db, "directory", "api-key", "add", "--team", "Eastford L&D", "--name", "Eastford Trust")).ExitCode);
        var add = await CliRun.RunAsync(_db, "fhir", "api-key", "add", "--team", "Eastford L&D", "--name", "Eastford Trust");
        Assert.True(add.ExitCode == 0, add.ToString());
        var key = add.Out.Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("wmk_", key, StringComparison.Ordinal);
        await using (var ctx = _db.CreateContext(System))
        {
            var stored = await ctx.DirectoryApiKeys.SingleAsync(k => k.KeyHash == DirectoryApiKey.Hash(key));
            Assert.Equal(ApiKeyScope.Fhir, stored.Scope);
        }
        Assert.Equal(2, (await CliRun.RunAsync(_db, "fhir", "api-key", "add", "--team", "Eastford L&D", "--name", "Eastford Trust")).ExitCode);
        var revoke = await CliRun.RunAsync(_db, "fhir", "api-key", "revoke", "--team", "Eastford L&D", "--name", "Eastford Trust");
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        var fhirList = await CliRun.RunAsync(_db, "fhir", "api-key", "list", "--team", "Eastford L&D");
        Assert.Contains("revoked", fhirList.Out);
        var directoryList = await CliRun.RunAsync(_db, "directory", "api-key", "list", "--team", "Eastford L&D");
        Assert.Contains("live", directoryList.Out);
        Assert.Equal(2, (await CliRun.RunAsync(_db, "fhir", "api-key", "add", "--name", "No team")).ExitCode);
        Assert.Equal(2, (await CliRun.RunAsync(_db, "fhir", "nonsense", "--team", "Eastford L&D")).ExitCode);
    }
}
