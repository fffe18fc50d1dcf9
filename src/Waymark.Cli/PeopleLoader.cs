using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Waymark.Cli.Bulk;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.Identification;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Cli;

/// <param name="Teams">Spread the people round-robin over this many teams: <paramref name="TeamName"/> and
/// "Synthetic team 002", "003"... (found or created).</param>
public sealed record GenerateOptions(int Count, string TeamName, int Seed, int BatchSize = 10_000, int RebuildIndexesFrom = 100_000, int Teams = 1)
{
    public static string SyntheticTeamName(int number) => $"Synthetic team {number:000}";
}

public sealed record GenerateResult(
    int People, int Aliases, int OtherDatesOfBirth, int Episodes, int OpenEpisodes,
    Guid TeamId, bool TeamCreated, int KeyWorkers, TimeSpan LoadTime, TimeSpan AnalyzeTime);

/// <summary>
/// Bulk-loads synthetic people without EF change tracking: one thread makes people and turns them
/// into rows (through the model's value converters), the other writes batches to the database.
/// </summary>
public static class PeopleLoader
{
    public static async Task<GenerateResult> GenerateAsync(
        WaymarkDbContext db, TimeProvider clock, GenerateOptions o, ProgressBar? progress, CancellationToken ct = default)
    {
        var (team, created) = await FindOrCreateTeamAsync(db, o.TeamName, ct);
        var keyWorkers = await KeyWorkersAsync(db, team.Id, ct);
        var teams = new List<(Guid Id, IReadOnlyList<string> KeyWorkers)> { (team.Id, keyWorkers) };
        for (var t = 2; t <= o.Teams; t++)
        {
            var (extra, _) = await FindOrCreateTeamAsync(db, GenerateOptions.SyntheticTeamName(t), ct);
            teams.Add((extra.Id, await KeyWorkersAsync(db, extra.Id, ct)));
        }

        var people = BulkTable.For<Person>(db);
        var links = BulkTable.For<PersonTeamLink>(db);
        var episodes = BulkTable.For<Episode>(db);
        var aliases = BulkTable.For<PersonAlias>(db);
        var dobs = BulkTable.For<PersonOtherDateOfBirth>(db);
        var keys = BulkTable.For<PersonMatchKey>(db);
        // Keys after links: they belong to a team link.
        BulkTable[] tables = [people, links, episodes, aliases, dobs, keys];

        var now = clock.GetUtcNow();
        var today = UkTime.DateOf(now); // the UK day, as everywhere else (ADR 17)
        var channel = Channel.CreateBounded<(List<BulkRows> Batch, int People, int Rows)>(
            new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        int aliasCount = 0, dobCount = 0, openCount = 0;

        var producer = Task.Run(async () =>
        {
            try
            {
                var gen = new SyntheticPeople(o.Seed);
                for (var start = 0; start < o.Count; start += o.BatchSize)
                {
                    var n = Math.Min(o.BatchSize, o.Count - start);
                    var batch = tables.Select(t => new BulkRows(t, new List<object?[]>(t == keys ? n * 6 : t == people || t == links || t == episodes ? n : n / 5))).ToList();
                    var rowCount = 0;
                    for (var i = 0; i < n; i++)
                    {
                        var person = gen.NextPerson(today, CliServices.CliUserName, now);
                        // Time-ordered ids: keys and the indexes on them grow at one end, so a batch
                        // touches a few pages rather than every leaf of a random-key index.
                        person.Id = Guid.CreateVersion7();
                        var (teamId, workers) = teams[(start + i) % teams.Count];
                        var episode = gen.NextEpisode(person, teamId, CliServices.CliUserName, now, workers);
                        episode.Id = Guid.CreateVersion7();
                        person.CreatedAt = episode.RecordedAt;
                        var link = PersonTeamLink.For(person, teamId, episode.RecordedAt);
                        batch[0].Rows.Add(people.Row(person));
                        batch[1].Rows.Add(links.Row(link));
                        batch[2].Rows.Add(episodes.Row(episode));
                        rowCount += 3;
                        if (episode.IsOpen) openCount++;
                        foreach (var a in person.Aliases)
                        {
                            a.Id = Guid.CreateVersion7();
                            a.PersonId = person.Id;
                            batch[3].Rows.Add(aliases.Row(a));
                            aliasCount++;
                            rowCount++;
                        }
                        foreach (var d in person.OtherDatesOfBirth)
                        {
                            d.Id = Guid.CreateVersion7();
                            d.PersonId = person.Id;
                            batch[4].Rows.Add(dobs.Row(d));
                            dobCount++;
                            rowCount++;
                        }
                        // The same keys SaveChanges would write (Waymark.Persistence.MatchKeys).
                        foreach (var k in PersonMatching.KeyRows(person.Id, [teamId], PersonMatching.ToMatchRecord(person)))
                        {
                            batch[5].Rows.Add(keys.Row(k));
                            rowCount++;
                        }
                    }
                    await channel.Writer.WriteAsync((batch, n, rowCount), cts.Token);
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, cts.Token);

        var started = System.Diagnostics.Stopwatch.StartNew();
        long done = 0, rows = 0;
        // Below this, keeping the indexes up to date costs less than rebuilding them.
        var rebuildIndexes = o.Count >= o.RebuildIndexesFrom;
        await using (var writer = BulkWriter.Create(db, tables, rebuildIndexes))
        {
            try
            {
                await writer.BeginAsync(cts.Token);
                progress?.Report(0, 0);
                await foreach (var (batch, n, r) in channel.Reader.ReadAllAsync(cts.Token))
                {
                    await writer.WriteBatchAsync(batch, cts.Token);
                    done += n;
                    rows += r;
                    progress?.Report(done, rows);
                }
            }
            catch
            {
                await cts.CancelAsync();
                throw;
            }
            finally
            {
                await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            var loadTime = started.Elapsed;
            progress?.Note(rebuildIndexes && db.Database.IsSqlite()
                ? "Rebuilding the indexes and updating the planner's statistics..."
                : "Updating the planner's statistics...");
            var analyze = System.Diagnostics.Stopwatch.StartNew();
            await writer.FinishAsync(tables, cts.Token);
            return new GenerateResult(o.Count, aliasCount, dobCount, o.Count, openCount, team.Id, created, keyWorkers.Count, loadTime, analyze.Elapsed);
        }
    }

    private static async Task<(Team, bool)> FindOrCreateTeamAsync(WaymarkDbContext db, string name, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, ct);
        if (team is not null) return (team, false);
        team = new Team { Name = name };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (team, true);
    }

    /// <summary>The team's members who hold cases; all members if none of them has a case-holding role.</summary>
    private static async Task<IReadOnlyList<string>> KeyWorkersAsync(WaymarkDbContext db, Guid teamId, CancellationToken ct)
    {
        var members = await db.TeamMemberships.Where(m => m.TeamId == teamId).Select(m => m.UserId).OrderBy(id => id).ToListAsync(ct);
        var caseRoleIds = db.Roles.Where(r => Roles.CaseWorkers.Contains(r.Name!)).Select(r => r.Id);
        var caseWorkers = await db.UserRoles.Where(ur => caseRoleIds.Contains(ur.RoleId) && members.Contains(ur.UserId))
            .Select(ur => ur.UserId).Distinct().OrderBy(id => id).ToListAsync(ct);
        return caseWorkers.Count > 0 ? caseWorkers : members;
    }
}
