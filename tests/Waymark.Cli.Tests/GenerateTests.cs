using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Caseload;
using Waymark.Cli.Bulk;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Reminders;
using Waymark.Teams;

namespace Waymark.Cli.Tests;

/// <summary>The same checks on each provider: the bulk path must give what EF would have written.</summary>
public abstract class GenerateTests(TestDatabase db)
{
    private static readonly ICurrentUser SystemActor = new SystemUser("cli-tests");

    [Fact]
    public async Task Migrate_then_generate_loads_people_links_and_episodes()
    {
        var migrate = await CliRun.RunAsync(db, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        await using (var fresh = db.CreateContext(SystemActor))
        {
            var all = fresh.Database.GetMigrations().Count();
            Assert.Contains($"applied {all} migration{(all == 1 ? "" : "s")}", migrate.Out);
        }

        var run = await CliRun.RunAsync(db, "people", "generate", "--count", "2000", "--seed", "7", "--batch", "500");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Added 2,000 people", run.Out);
        Assert.Contains("(created)", run.Out);
        Assert.Contains("100.0%", run.Err);
        Assert.Contains("people/s", run.Err);

        await using var ctx = db.CreateContext(SystemActor);
        var team = await ctx.Teams.SingleAsync(t => t.Name == DemoSeeder.DemoTeamName);
        Assert.Equal(2000, await ctx.People.CountAsync());
        Assert.Equal(2000, await ctx.PersonTeamLinks.CountAsync(l => l.TeamId == team.Id));
        Assert.Equal(2000, await ctx.PersonTeamLinks.Select(l => l.PersonId).Distinct().CountAsync());
        Assert.Equal(2000, await ctx.Episodes.CountAsync(e => e.TeamId == team.Id));
        Assert.Equal(2000, await ctx.Episodes.Select(e => e.PersonId).Distinct().CountAsync());
        Assert.Equal(0, await ctx.Episodes.CountAsync(e => !ctx.People.Any(p => p.Id == e.PersonId)));
        // The team had no members, so nobody is allocated.
        Assert.Equal(0, await ctx.Episodes.CountAsync(e => e.KeyWorkerId != null));
        var aliases = await ctx.PersonAliases.CountAsync();
        Assert.InRange(aliases, 100, 400); // about 10%
        Assert.Equal(0, await ctx.PersonAliases.CountAsync(a => !ctx.People.Any(p => p.Id == a.PersonId)));
        Assert.InRange(await ctx.PersonOtherDatesOfBirth.CountAsync(), 80, 320); // about 8%
        var open = await ctx.Episodes.CountAsync(e => e.ClosedAt == null);
        Assert.InRange(open, 1500, 1950);
        Assert.Contains($"{open:N0} open", run.Out);

        // Nothing about a person reaches the output or the log.
        var everyone = await ctx.People.AsNoTracking().ToListAsync();
        foreach (var p in everyone)
        {
            if (p.NhsNumber is { } n) Assert.DoesNotContain(n, run.Out + run.Err);
            if (p.PncId is { } c) Assert.DoesNotContain(c, run.Out + run.Err);
            Assert.DoesNotContain(p.FullName, run.Out + run.Err);
        }

        var count = await CliRun.RunAsync(db, "people", "count");
        Assert.True(count.ExitCode == 0, count.ToString());
        Assert.Contains("people: 2000", count.Out);
        Assert.Contains($"open episodes: {open}", count.Out);
    }

    [Fact]
    public async Task Generated_people_are_found_by_the_team_and_only_by_the_team()
    {
        var run = await CliRun.RunAsync(db, "people", "generate", "--count", "2000", "--seed", "11", "--team", "Westford L&D");
        Assert.True(run.ExitCode == 0, run.ToString());

        Guid teamId;
        Person withNhs, withPnc, withAlias, withOtherDob;
        await using (var sys = db.CreateContext(SystemActor))
        {
            teamId = (await sys.Teams.SingleAsync(t => t.Name == "Westford L&D")).Id;
            withNhs = await sys.People.AsNoTracking().Where(p => p.NhsNumber != null && p.DateOfBirth != null).OrderBy(p => p.Id).FirstAsync();
            withPnc = await sys.People.AsNoTracking().Where(p => p.PncId != null).OrderBy(p => p.PncId).FirstAsync();
            withAlias = await sys.People.AsNoTracking().Include(p => p.Aliases).Where(p => p.Aliases.Any()).OrderBy(p => p.Id).FirstAsync();
            withOtherDob = await sys.People.AsNoTracking().Include(p => p.OtherDatesOfBirth).Where(p => p.OtherDatesOfBirth.Any()).OrderBy(p => p.Id).FirstAsync();
        }

        await using var ctx = db.CreateContext(new FixedUser("practitioner-1", Roles.Practitioner, teamId));
        var search = new PersonSearch(ctx);

        async Task<IReadOnlyList<Guid>> Find(PersonSearchCriteria c)
        {
            var ids = new List<Guid>();
            for (var page = 1; page <= 40; page++)
            {
                var r = await search.SearchAsync(c, page, 100);
                ids.AddRange(r.Items.Select(i => i.Id));
                if (!r.HasNext) break;
            }
            return ids;
        }

        Assert.Contains(withNhs.Id, await Find(new(null, null, withNhs.NhsNumber, null)));
        Assert.Contains(withNhs.Id, await Find(new($"{withNhs.GivenName} {withNhs.FamilyName}", null, null, null)));
        Assert.Contains(withNhs.Id, await Find(new(withNhs.FamilyName[..3], withNhs.DateOfBirth, null, null)));
        Assert.Contains(withPnc.Id, await Find(new(null, null, null, withPnc.PncId)));
        var alias = withAlias.Aliases[0];
        Assert.Contains(withAlias.Id, await Find(new($"{alias.GivenName} {alias.FamilyName}", null, null, null)));
        Assert.Contains(withOtherDob.Id, await Find(new(null, withOtherDob.OtherDatesOfBirth[0].DateOfBirth, null, null)));

        var caseload = await new CaseloadQuery(ctx, TimeProvider.System).RunAsync(teamId, new CaseloadFilter());
        Assert.True(caseload.Total > 1000);
        Assert.Equal(CaseloadQuery.PageSize, caseload.Rows.Count);
        Assert.True(caseload.Rows.Zip(caseload.Rows.Skip(1)).All(x => x.First.IdentifiedAt >= x.Second.IdentifiedAt));

        // Another team sees none of them.
        await using var other = db.CreateContext(new FixedUser("practitioner-2", Roles.Practitioner, Guid.NewGuid()));
        var otherSearch = new PersonSearch(other);
        Assert.Empty((await otherSearch.SearchAsync(new(null, null, withNhs.NhsNumber, null))).Items);
        Assert.Empty((await otherSearch.SearchAsync(new(null, null, null, withPnc.PncId))).Items);
        Assert.Empty((await otherSearch.SearchAsync(new($"{withNhs.GivenName} {withNhs.FamilyName}", null, null, null))).Items);
        Assert.Empty((await otherSearch.SearchAsync(new(withNhs.FamilyName[..3], null, null, null))).Items);
        Assert.Empty((await otherSearch.SearchAsync(new($"{alias.GivenName} {alias.FamilyName}", null, null, null))).Items);
        Assert.Empty((await otherSearch.SearchAsync(new(withNhs.FamilyName, withNhs.DateOfBirth, null, null))).Items);
        Assert.Equal(0, await other.People.CountAsync());
    }

    [Fact]
    public async Task The_demos_reminders_went_only_to_people_who_consented_on_that_channel()
    {
        // A walk-through found the demo's "delivered" email reminder on a person with no address and no consent to email.
        var demo = await CliRun.RunAsync(db, "demo");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        await using var ctx = db.CreateContext(SystemActor);
        var sent = await ctx.Set<Reminder>().IgnoreQueryFilters().Where(r => r.SentAt != null)
            .Join(ctx.People.IgnoreQueryFilters(), r => r.PersonId, p => p.Id, (r, p) => new { r.Channel, p.ConsentToText, p.ConsentToEmail, p.Phone, p.Email })
            .ToListAsync();
        Assert.Contains(sent, r => r.Channel == ReminderChannel.Email);
        Assert.Contains(sent, r => r.Channel == ReminderChannel.Text);
        Assert.All(sent, r => Assert.True(r.Channel == ReminderChannel.Text ? ReminderConsent.CanText(r.ConsentToText, r.Phone) : ReminderConsent.CanEmail(r.ConsentToEmail, r.Email),
            $"{r.Channel} reminder sent without consent to {r.Channel} and {(r.Channel == ReminderChannel.Text ? "a mobile number" : "an address")}"));
    }

    [Fact]
    public async Task Demo_then_generate_allocates_to_the_demo_teams_case_workers()
    {
        var demo = await CliRun.RunAsync(db, "demo");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("practitioner@demo.invalid", demo.Out);
        Assert.Matches(@"Password \(all demo users.*\): Wm-", demo.Out);

        var again = await CliRun.RunAsync(db, "demo");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already exist", again.Out);

        int demoPeople;
        await using (var before = db.CreateContext(SystemActor))
        {
            var demoTeam = await before.Teams.SingleAsync(t => t.Name == DemoSeeder.DemoTeamName);
            demoPeople = await before.People.CountAsync(p => p.TeamLinks.Any(l => l.TeamId == demoTeam.Id));
        }
        Assert.True(demoPeople > 50, $"the demo team's people ({demoPeople})");

        var run = await CliRun.RunAsync(db, "people", "generate", "--count", "1000", "--seed", "3");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("(created)", run.Out);

        await using var ctx = db.CreateContext(SystemActor);
        var team = await ctx.Teams.SingleAsync(t => t.Name == DemoSeeder.DemoTeamName);
        var caseRoles = ctx.Roles.Where(r => Roles.CaseWorkers.Contains(r.Name!)).Select(r => r.Id);
        var caseWorkers = await ctx.TeamMemberships.Where(m => m.TeamId == team.Id)
            .Where(m => ctx.UserRoles.Any(ur => ur.UserId == m.UserId && caseRoles.Contains(ur.RoleId)))
            .Select(m => m.UserId).ToListAsync();
        Assert.Contains($"{caseWorkers.Count} key workers", run.Out);
        var allocated = await ctx.Episodes.Where(e => e.TeamId == team.Id && e.KeyWorkerId != null).Select(e => e.KeyWorkerId!).Distinct().ToListAsync();
        Assert.NotEmpty(allocated);
        Assert.All(allocated, id => Assert.Contains(id, caseWorkers));
        Assert.Equal(demoPeople + 1000, await ctx.People.CountAsync(p => p.TeamLinks.Any(l => l.TeamId == team.Id)));
    }

    [Fact]
    public async Task Teams_spreads_people_round_robin_over_synthetic_teams()
    {
        var run = await CliRun.RunAsync(db, "people", "generate", "--count", "1000", "--teams", "4", "--team", "Kingsmere L&D");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("and 3 synthetic teams", run.Out);
        await using var ctx = db.CreateContext(SystemActor);
        var counts = await ctx.Teams
            .Select(t => new { t.Name, People = ctx.PersonTeamLinks.Count(l => l.TeamId == t.Id), Episodes = ctx.Episodes.Count(e => e.TeamId == t.Id) })
            .OrderBy(t => t.Name).ToListAsync();
        Assert.Equal(["Kingsmere L&D", "Synthetic team 002", "Synthetic team 003", "Synthetic team 004"], counts.Select(c => c.Name));
        Assert.All(counts, c => Assert.Equal(250, c.People));
        Assert.All(counts, c => Assert.Equal(250, c.Episodes));
        // Each person's episode is in the team they are linked to.
        Assert.Equal(0, await ctx.Episodes.CountAsync(e => !ctx.PersonTeamLinks.Any(l => l.PersonId == e.PersonId && l.TeamId == e.TeamId)));
    }

    [Fact]
    public async Task A_bulk_row_is_stored_exactly_as_EF_stores_it()
    {
        Assert.Equal(0, (await CliRun.RunAsync(db, "migrate")).ExitCode);
        var now = new DateTimeOffset(2026, 11, 23, 10, 30, 15, 123, TimeSpan.Zero).AddTicks(4567);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var ctx = db.CreateContext(SystemActor);
        var team = new Team { Name = "Bulk check team" };
        var worker = new WaymarkUser { UserName = "kw@demo.invalid", DisplayName = "Key Worker" };
        ctx.Teams.Add(team);
        ctx.Users.Add(worker);
        await ctx.SaveChangesAsync();

        // Two generators on one seed make the same person; find one with an alias and another date of birth.
        var (g1, g2) = (new SyntheticPeople(5), new SyntheticPeople(5));
        Person a, b;
        Episode ea, eb;
        do
        {
            (a, b) = (g1.NextPerson(today, "cli", now), g2.NextPerson(today, "cli", now));
            (ea, eb) = (g1.NextEpisode(a, team.Id, "cli", now, [worker.Id]), g2.NextEpisode(b, team.Id, "cli", now, [worker.Id]));
        } while (a.Aliases.Count == 0 || a.OtherDatesOfBirth.Count == 0 || ea.KeyWorkerId is null || ea.ClosedAt is null);
        b.Version = a.Version;
        eb.Version = ea.Version;
        b.Aliases[0].Id = Guid.NewGuid();

        a.TeamLinks.Add(PersonTeamLink.For(a, team.Id, now));
        ctx.People.Add(a);
        ctx.Episodes.Add(ea);
        await ctx.SaveChangesAsync();

        await using (var writer = BulkWriter.Create(ctx))
        {
            var (people, links, episodes, aliases, dobs) = (BulkTable.For<Person>(ctx), BulkTable.For<PersonTeamLink>(ctx),
                BulkTable.For<Episode>(ctx), BulkTable.For<PersonAlias>(ctx), BulkTable.For<PersonOtherDateOfBirth>(ctx));
            b.Aliases[0].PersonId = b.Id;
            b.OtherDatesOfBirth[0].PersonId = b.Id;
            await writer.BeginAsync(default);
            await writer.WriteBatchAsync([
                new BulkRows(people, [people.Row(b)]),
                new BulkRows(links, [links.Row(PersonTeamLink.For(b, team.Id, now))]),
                new BulkRows(episodes, [episodes.Row(eb)]),
                new BulkRows(aliases, [aliases.Row(b.Aliases[0])]),
                new BulkRows(dobs, [dobs.Row(b.OtherDatesOfBirth[0])]),
            ], default);
            await writer.FinishAsync([people, links, episodes, aliases, dobs], default);
        }

        foreach (var table in new[] { "People", "PersonTeamLinks", "Episodes", "PersonAliases", "PersonOtherDatesOfBirth" })
        {
            var rows = await ReadAllAsync(ctx, table);
            Assert.Equal(2, rows.Count);
            foreach (var (column, value) in rows[0])
            {
                if (column is "Id" or "PersonId") continue;
                Assert.True(Equals(value, rows[1][column]), $"{table}.{column}: '{value}' ({value?.GetType().Name}) vs '{rows[1][column]}' ({rows[1][column]?.GetType().Name})");
            }
        }

        // And EF reads the bulk-written rows back, ids included.
        ctx.ChangeTracker.Clear();
        var back = await ctx.People.Include(p => p.Aliases).Include(p => p.OtherDatesOfBirth).Include(p => p.Episodes).SingleAsync(p => p.Id == b.Id);
        Assert.Equal(b.FullName, back.FullName);
        Assert.Equal(b.Aliases[0].Id, back.Aliases.Single().Id);
        Assert.Equal(eb.Id, back.Episodes.Single().Id);
        // Stored times are as precise as the store keeps them, the same for EF's row and the bulk row.
        var viaEf = await ctx.Episodes.AsNoTracking().SingleAsync(e => e.Id == ea.Id);
        Assert.Equal(viaEf.ClosedAt, back.Episodes.Single().ClosedAt);
        Assert.Equal(viaEf.IdentifiedAt, back.Episodes.Single().IdentifiedAt);
        Assert.Equal(eb.Status, back.Episodes.Single().Status);
        Assert.Equal(eb.PlannedEndDate, back.Episodes.Single().PlannedEndDate);
    }

    private static async Task<List<Dictionary<string, object?>>> ReadAllAsync(DbContext ctx, string table)
    {
        var conn = ctx.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT * FROM \"{table}\"";
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await r.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < r.FieldCount; i++) row[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}

public sealed class SqliteGenerateTests : GenerateTests, IAsyncLifetime
{
    private readonly SqliteTestDatabase _db;

    public SqliteGenerateTests() : this(new SqliteTestDatabase()) { }

    private SqliteGenerateTests(SqliteTestDatabase db) : base(db) => _db = db;

    public Task InitializeAsync() => _db.CreateAsync();

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();
}

public sealed class PostgresGenerateTests : GenerateTests, IAsyncLifetime
{
    private readonly PostgresTestDatabase _db;

    public PostgresGenerateTests() : this(new PostgresTestDatabase()) { }

    private PostgresGenerateTests(PostgresTestDatabase db) : base(db) => _db = db;

    public Task InitializeAsync() => _db.CreateAsync();

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();
}
