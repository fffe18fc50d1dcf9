using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Audit;
using Waymark.Commissioning;
using Waymark.Figures;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Cli;

public static partial class Cli
{
    /// <summary>
    /// <c>waymark dataset --month 2026-11 --commissioner &lt;email&gt; [--team "&lt;name&gt;"] --format csv|json [--out file]</c>:
    /// the commissioner's monthly dataset (docs/dataset.md), keyed with their own key, for all their teams or the one
    /// named; audited (Exported, "MonthlyDataset") as the command line acting for them. Without --out it is printed (the
    /// whole month is then held in memory: use --out for a national month).
    /// </summary>
    private static async Task<int> DatasetAsync(CliContext c)
    {
        var month = Month.Parse(c.Args.Option("month") ?? throw new UsageException("dataset needs --month YYYY-MM (e.g. 2026-11)."))
            ?? throw new UsageException("--month must be a month as YYYY-MM, e.g. 2026-11.");
        var email = c.Args.Option("commissioner") ?? throw new UsageException("dataset needs --commissioner <email>.");
        var teamName = c.Args.Option("team");
        var format = c.Args.Option("format") switch
        {
            "csv" => DatasetFormat.Csv,
            "json" => DatasetFormat.Json,
            null => throw new UsageException("dataset needs --format csv or --format json."),
            var other => throw new UsageException($"--format must be csv or json, not '{other}'."),
        };
        var output = c.Args.Option("out");
        c.Args.EnsureAllUsed();

        await using var sp = c.Services(migrates: true);
        await using var scope = sp.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<WaymarkDbContext>();
        await DatabaseSetup.MigrateAsync(db, c.Ct);
        var users = services.GetRequiredService<UserManager<WaymarkUser>>();
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || !await users.IsInRoleAsync(user, Roles.Commissioner))
            throw new UsageException($"No commissioner with the email '{email.Trim()}'.");
        var mine = await CommissionedTeams.OfAsync(db, user.Id, c.Ct);
        IReadOnlyList<CommissionedTeam> chosen = mine;
        if (teamName is not null)
        {
            var one = mine.FirstOrDefault(t => t.Name == teamName.Trim())
                ?? throw new UsageException($"'{teamName.Trim()}' is not one of {email.Trim()}'s teams ({string.Join(", ", mine.Select(t => t.Name))}).");
            chosen = [one];
        }
        if (chosen.Count == 0) throw new UsageException($"{email.Trim()} is not linked to any team: add them with 'waymark users add-to-team'.");

        services.GetRequiredService<Auditor>().Add(AuditAction.Exported, "MonthlyDataset", month.Code,
            detail: $"month={month.Code};format={format.ToString().ToLowerInvariant()};teams={string.Join(',', chosen.Select(t => t.Id))};commissioner={user.Id}");
        await db.SaveChangesAsync(c.Ct);

        var dataset = services.GetRequiredService<MonthlyDataset>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (output is null)
        {
            using var buffer = new MemoryStream();
            await DatasetWriters.WriteAsync(format, buffer, month, now, dataset.RowsAsync(user.Id, month, chosen, c.Ct), c.Ct);
            await c.Out.WriteAsync(Encoding.UTF8.GetString(buffer.ToArray()).TrimStart('\uFEFF'));
            return Ok;
        }
        await using (var file = File.Create(output))
            await DatasetWriters.WriteAsync(format, file, month, now, dataset.RowsAsync(user.Id, month, chosen, c.Ct), c.Ct);
        c.Err.WriteLine($"Wrote {output}.");
        return Ok;
    }
}
