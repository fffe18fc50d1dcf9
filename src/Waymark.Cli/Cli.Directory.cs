using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Demo;
using Waymark.Persistence;
using Waymark.ServiceDirectory;

namespace Waymark.Cli;

/// <summary><c>waymark directory ...</c>: a team's local services directory (generate, Open Referral import/export, partner API keys).</summary>
public static partial class Cli
{
    private static async Task<int> DirectoryAsync(CliContext c)
    {
        var w = c.Args.Words;
        var command = string.Join(' ', w.Take(w.Count > 1 && w[1] == "api-key" ? 3 : 2));
        var team = c.Args.Option("team");
        if (w[0] == "fhir")
        {
            if (command is not ("fhir api-key add" or "fhir api-key revoke" or "fhir api-key list"))
                throw new UsageException($"Unknown command '{string.Join(' ', w)}'. Try 'fhir api-key add|revoke|list'.");
            if (string.IsNullOrWhiteSpace(team)) throw new UsageException($"{command.Replace("fhir ", "", StringComparison.Ordinal)} needs --team \"<team name>\".");
        }
        else if (command is not ("directory generate" or "directory import" or "directory export" or "directory api-key add" or "directory api-key revoke" or "directory api-key list"))
            throw new UsageException($"Unknown command '{string.Join(' ', w)}'. Try 'directory generate', 'directory import', 'directory export' or 'directory api-key add|revoke|list'.");
        if (string.IsNullOrWhiteSpace(team)) throw new UsageException($"{command.Replace("directory ", "", StringComparison.Ordinal)} needs --team \"<team name>\".");

        // The team's id, found as the system user; the command then acts for that team only.
        Guid teamId;
        await using (var sp = c.Services(migrates: true))
        await using (var scope = sp.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
            await DatabaseSetup.MigrateAsync(db, c.Ct);
            var name = team.Trim();
            teamId = await db.Teams.Where(t => t.Name == name).Select(t => t.Id).FirstOrDefaultAsync(c.Ct);
            if (teamId == Guid.Empty) throw new UsageException($"No team named '{name}'. Run 'waymark teams list' to see them.");
        }
        await using var teamServices = CliServices.Build(c.Config, c.Err, c.Verbose, new FixedUser(CliServices.CliUserName, "System", teamId));
        await using var s = teamServices.CreateAsyncScope();
        var services = s.ServiceProvider;
        return command switch
        {
            "directory generate" => await DirectoryGenerateAsync(c, services, teamId),
            "directory import" => await DirectoryImportAsync(c, services),
            "directory export" => await DirectoryExportAsync(c, services),
            "directory api-key add" => await ApiKeyAddAsync(c, services, teamId, team.Trim(), ApiKeyScope.Directory),
            "directory api-key revoke" => await ApiKeyRevokeAsync(c, services, teamId, team.Trim(), ApiKeyScope.Directory),
            "fhir api-key add" => await ApiKeyAddAsync(c, services, teamId, team.Trim(), ApiKeyScope.Fhir),
            "fhir api-key revoke" => await ApiKeyRevokeAsync(c, services, teamId, team.Trim(), ApiKeyScope.Fhir),
            "fhir api-key list" => await ApiKeyListAsync(c, services, teamId, ApiKeyScope.Fhir),
            _ => await ApiKeyListAsync(c, services, teamId, ApiKeyScope.Directory),
        };
    }

    private static async Task<int> DirectoryGenerateAsync(CliContext c, IServiceProvider sp, Guid teamId)
    {
        var count = c.Args.IntOption("count", 1, 1_000_000) ?? throw new UsageException("directory generate needs --count N.");
        var seed = c.Args.IntOption("seed", 0, int.MaxValue) ?? Random.Shared.Next();
        if (c.Args.Words.Count != 2) throw new UsageException("directory generate takes no file.");
        c.Args.EnsureAllUsed();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var added = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var savedOrganisations = new HashSet<Guid>();
        // Fresh contexts per batch keep the change tracker small.
        foreach (var batch in new SyntheticDirectory(seed).Generate(teamId, count, now).Chunk(1000))
        {
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
            foreach (var service in batch)
            {
                if (service.Organisation is { } org && savedOrganisations.Add(org.Id)) db.Organisations.Add(org);
                service.Organisation = null;
                db.Services.Add(service);
            }
            await db.SaveChangesAsync(c.Ct);
            added += batch.Length;
        }
        await using (var scope = sp.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
            scope.ServiceProvider.GetRequiredService<Auditor>().Add(AuditAction.Created, "DirectoryGenerate", null, detail: $"Generated {added} synthetic services (seed {seed})");
            await db.SaveChangesAsync(c.Ct);
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE", c.Ct);
        }
        c.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Added {added:N0} synthetic services to the directory in {started.Elapsed.TotalSeconds:N1} s (seed {seed})."));
        return Ok;
    }

    private static async Task<int> DirectoryImportAsync(CliContext c, IServiceProvider sp)
    {
        if (c.Args.Words.Count != 3) throw new UsageException("directory import needs one file: waymark directory import --team \"<name>\" <file.json>");
        c.Args.EnsureAllUsed();
        var path = c.Args.Words[2];
        if (!File.Exists(path)) throw new UsageException($"No file '{path}'.");
        var json = await File.ReadAllTextAsync(path, c.Ct);
        var result = await sp.GetRequiredService<OpenReferralImporter>().ImportJsonAsync(json, Path.GetFileName(path), c.Ct);
        foreach (var w in result.Warnings) c.Err.WriteLine("left out: " + w);
        if (!result.Succeeded)
        {
            foreach (var r in result.Rejected) c.Err.WriteLine("rejected: " + r);
            c.Err.WriteLine($"error: nothing was imported ({result.Rejected.Count} problem{(result.Rejected.Count == 1 ? "" : "s")}).");
            return Failed;
        }
        c.Out.WriteLine($"Imported {result.Created + result.Updated} services: {result.Created} added, {result.Updated} updated, {result.Warnings.Count} warnings.");
        return Ok;
    }

    private static async Task<int> DirectoryExportAsync(CliContext c, IServiceProvider sp)
    {
        var output = c.Args.Option("out");
        if (c.Args.Words.Count != 2) throw new UsageException("directory export takes no file; use --out <file.json>.");
        c.Args.EnsureAllUsed();
        var json = await sp.GetRequiredService<OpenReferralExporter>().ExportJsonAsync(c.Ct);
        if (output is null) c.Out.WriteLine(json);
        else
        {
            await File.WriteAllTextAsync(output, json, c.Ct);
            c.Out.WriteLine($"Wrote {output}.");
        }
        return Ok;
    }

    private static async Task<int> ApiKeyAddAsync(CliContext c, IServiceProvider sp, Guid teamId, string team, ApiKeyScope scope)
    {
        var name = c.Args.Option("name") ?? throw new UsageException("api-key add needs --name \"<partner>\".");
        c.Args.EnsureAllUsed();
        NewApiKey key;
        try { key = await sp.GetRequiredService<DirectoryApiKeys>().AddAsync(teamId, name, scope, c.Ct); }
        catch (Exception e) when (e is ValidationFailedException or DirectoryRuleException) { throw new UsageException(e.Message); }
        c.Out.WriteLine(scope == ApiKeyScope.Fhir
            ? $"FHIR API key for '{key.Record.Name}' to read the records of team '{team}' (shown once; give it to them securely, send it as 'Authorization: Bearer <key>'):"
            : $"API key for '{key.Record.Name}' to read the directory of team '{team}' (shown once; give it to them securely, send it as X-Api-Key):");
        c.Out.WriteLine(key.Key);
        return Ok;
    }

    private static async Task<int> ApiKeyRevokeAsync(CliContext c, IServiceProvider sp, Guid teamId, string team, ApiKeyScope scope)
    {
        var name = c.Args.Option("name") ?? throw new UsageException("api-key revoke needs --name \"<partner>\".");
        c.Args.EnsureAllUsed();
        if (!await sp.GetRequiredService<DirectoryApiKeys>().RevokeAsync(teamId, name, scope, c.Ct))
        {
            c.Err.WriteLine($"error: '{team}' has no live API key named '{name.Trim()}'.");
            return Failed;
        }
        c.Out.WriteLine($"Revoked the API key for '{name.Trim()}'.");
        return Ok;
    }

    private static async Task<int> ApiKeyListAsync(CliContext c, IServiceProvider sp, Guid teamId, ApiKeyScope scope)
    {
        c.Args.EnsureAllUsed();
        foreach (var k in await sp.GetRequiredService<DirectoryApiKeys>().ListAsync(teamId, scope, c.Ct))
            c.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{k.Name}\tcreated {UkTime.DateOf(k.CreatedAt):yyyy-MM-dd} by {k.CreatedBy}\t{(k.RevokedAt is { } r ? $"revoked {UkTime.DateOf(r):yyyy-MM-dd} by {k.RevokedBy}" : "live")}"));
        return Ok;
    }
}
