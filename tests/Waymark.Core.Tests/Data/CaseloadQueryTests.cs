using Waymark.Caseload;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

public abstract class CaseloadQueryTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();

    /// <summary>Saves one person per episode, each known to the team.</summary>
    private async Task<List<Episode>> EpisodesAsync(Team team, params EpisodeBuilder[] builders)
    {
        var entities = new List<object>();
        var episodes = new List<Episode>();
        var i = 0;
        foreach (var b in builders)
        {
            var person = APerson().Named("Person", $"Number{i++:D3}").KnownTo(team).Build();
            var episode = b.For(person).InTeam(team).Build();
            entities.Add(person);
            entities.Add(episode);
            episodes.Add(episode);
        }
        await SaveAsync(entities.ToArray());
        return episodes;
    }

    private async Task<CaseloadPage> RunAsync(Team team, CaseloadFilter filter, int page = 1)
    {
        await using var db = As(PractitionerIn(team));
        return await new CaseloadQuery(db, _clock).RunAsync(team.Id, filter, page);
    }

    private static DateTimeOffset DaysAgo(int days) => FakeClock.DefaultStart.AddDays(-days);

    [Fact]
    public async Task The_caseload_is_the_teams_open_episodes_newest_first_with_their_derived_status()
    {
        var team = await NewTeamAsync();
        var e = await EpisodesAsync(team,
            AnEpisode().IdentifiedAt(DaysAgo(5)),
            AnEpisode().IdentifiedAt(DaysAgo(4)).AtStatus(EpisodeStatus.Screened),
            AnEpisode().IdentifiedAt(DaysAgo(3)).AtStatus(EpisodeStatus.Assessed),
            AnEpisode().IdentifiedAt(DaysAgo(2)).AtStatus(EpisodeStatus.InSupport),
            AnEpisode().IdentifiedAt(DaysAgo(1)).AtStatus(EpisodeStatus.Closed));

        var page = await RunAsync(team, new CaseloadFilter());

        Assert.Equal([e[3].Id, e[2].Id, e[1].Id, e[0].Id], page.Rows.Select(r => r.EpisodeId));
        Assert.Equal([EpisodeStatus.InSupport, EpisodeStatus.Assessed, EpisodeStatus.Screened, EpisodeStatus.Identified], page.Rows.Select(r => r.Status));
        Assert.Equal(4, page.Total);
        Assert.Equal("Number003", page.Rows[0].FamilyName);
    }

    [Theory]
    [InlineData(EpisodeStatus.Identified)]
    [InlineData(EpisodeStatus.Screened)]
    [InlineData(EpisodeStatus.Assessed)]
    [InlineData(EpisodeStatus.InSupport)]
    [InlineData(EpisodeStatus.Closed)]
    public async Task A_status_filter_returns_exactly_the_episodes_whose_derived_status_it_is(EpisodeStatus status)
    {
        var team = await NewTeamAsync();
        var all = await EpisodesAsync(team, Enum.GetValues<EpisodeStatus>().Select(s => AnEpisode().AtStatus(s)).ToArray());
        var expected = all.Single(e => e.Status == status);

        var page = await RunAsync(team, new CaseloadFilter(Status: status));

        var row = Assert.Single(page.Rows);
        Assert.Equal(expected.Id, row.EpisodeId);
        Assert.Equal(status, row.Status);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task Unallocated_and_key_worker_filters_pick_out_whose_cases_they_are()
    {
        var team = await NewTeamAsync();
        var sam = await NewUserAsync("Sam Okoye", team);
        var kim = await NewUserAsync("Kim Lee", team);
        var e = await EpisodesAsync(team,
            AnEpisode().AllocatedTo(sam.Id),
            AnEpisode().AllocatedTo(sam.Id).AtStatus(EpisodeStatus.Closed),
            AnEpisode().AllocatedTo(kim.Id),
            AnEpisode());

        var sams = await RunAsync(team, new CaseloadFilter(KeyWorkerId: sam.Id));
        var row = Assert.Single(sams.Rows);
        Assert.Equal((e[0].Id, sam.Id, "Sam Okoye"), (row.EpisodeId, row.KeyWorkerId, row.KeyWorkerName));

        var unallocated = await RunAsync(team, new CaseloadFilter(UnallocatedOnly: true));
        row = Assert.Single(unallocated.Rows);
        Assert.Equal(e[3].Id, row.EpisodeId);
        Assert.Null(row.KeyWorkerName);

        Assert.Equal(3, (await RunAsync(team, new CaseloadFilter())).Total);
    }

    [Fact]
    public async Task Youth_and_setting_filters_narrow_the_caseload()
    {
        var team = await NewTeamAsync();
        var e = await EpisodesAsync(team,
            AnEpisode().Youth().In(Setting.YouthCourt),
            AnEpisode().In(Setting.PoliceCustody),
            AnEpisode().In(Setting.MagistratesCourt));

        Assert.Equal([e[0].Id], (await RunAsync(team, new CaseloadFilter(Youth: true))).Rows.Select(r => r.EpisodeId));
        Assert.True((await RunAsync(team, new CaseloadFilter(Youth: true))).Rows[0].IsYouth);
        Assert.Equal(2, (await RunAsync(team, new CaseloadFilter(Youth: false))).Total);
        Assert.Equal([e[2].Id], (await RunAsync(team, new CaseloadFilter(Setting: Setting.MagistratesCourt))).Rows.Select(r => r.EpisodeId));
    }

    [Fact]
    public async Task An_open_episode_is_overdue_the_day_after_its_planned_end_and_a_closed_one_never_is()
    {
        var team = await NewTeamAsync();
        var today = _clock.Today;
        var e = await EpisodesAsync(team,
            AnEpisode().IdentifiedAt(DaysAgo(4)).PlannedToEndOn(today.AddDays(-1)),
            AnEpisode().IdentifiedAt(DaysAgo(3)).PlannedToEndOn(today),
            AnEpisode().IdentifiedAt(DaysAgo(2)).PlannedToEndOn(today.AddDays(1)),
            AnEpisode().IdentifiedAt(DaysAgo(1)).PlannedToEndOn(today.AddDays(-30)).AtStatus(EpisodeStatus.Closed),
            AnEpisode().IdentifiedAt(DaysAgo(1)));

        var overdue = await RunAsync(team, new CaseloadFilter(OverdueOnly: true));
        Assert.Equal([e[0].Id], overdue.Rows.Select(r => r.EpisodeId));
        Assert.True(overdue.Rows[0].Overdue);
        var all = await RunAsync(team, new CaseloadFilter());
        Assert.Equal([e[0].Id], all.Rows.Where(r => r.Overdue).Select(r => r.EpisodeId));

        _clock.Advance(TimeSpan.FromDays(2)); // the day after the latest planned end

        overdue = await RunAsync(team, new CaseloadFilter(OverdueOnly: true));
        Assert.Equal([e[2].Id, e[1].Id, e[0].Id], overdue.Rows.Select(r => r.EpisodeId));
        Assert.Empty((await RunAsync(team, new CaseloadFilter(Status: EpisodeStatus.Closed, OverdueOnly: true))).Rows);
    }

    [Fact]
    public async Task The_caseload_is_paged_with_a_total_across_pages()
    {
        var team = await NewTeamAsync();
        var e = await EpisodesAsync(team, Enumerable.Range(0, 30).Select(i => AnEpisode().IdentifiedAt(DaysAgo(100 - i))).ToArray());

        var first = await RunAsync(team, new CaseloadFilter());
        var second = await RunAsync(team, new CaseloadFilter(), page: 2);
        var beyond = await RunAsync(team, new CaseloadFilter(), page: 3);

        Assert.Equal((25, 30, 2), (first.Rows.Count, first.Total, first.PageCount));
        Assert.Equal((5, 30, 2), (second.Rows.Count, second.Total, second.PageCount));
        Assert.Empty(beyond.Rows);
        var newestFirst = e.AsEnumerable().Reverse().Select(x => x.Id);
        Assert.Equal(newestFirst, first.Rows.Concat(second.Rows).Select(r => r.EpisodeId));
    }

    [Fact]
    public async Task An_empty_caseload_has_one_empty_page()
    {
        var team = await NewTeamAsync();
        var page = await RunAsync(team, new CaseloadFilter());
        Assert.Empty(page.Rows);
        Assert.Equal((0, 1), (page.Total, page.PageCount));
    }

    [Fact]
    public async Task Another_teams_episodes_are_never_in_the_caseload()
    {
        var ours = await NewTeamAsync();
        var theirs = await NewTeamAsync();
        await EpisodesAsync(theirs, AnEpisode(), AnEpisode());
        await EpisodesAsync(ours, AnEpisode());

        Assert.Equal(1, (await RunAsync(ours, new CaseloadFilter())).Total);

        // Asking for the other team's caseload by id shows nothing of theirs.
        await using var db = As(PractitionerIn(ours));
        var peek = await new CaseloadQuery(db, _clock).RunAsync(theirs.Id, new CaseloadFilter());
        Assert.Equal(0, peek.Total);
        Assert.Empty(peek.Rows);
    }
}

public sealed class CaseloadQueryTestsOnSqlite(SqliteTestDatabase db) : CaseloadQueryTests<SqliteTestDatabase>(db);

public sealed class CaseloadQueryTestsOnPostgres(PostgresTestDatabase db) : CaseloadQueryTests<PostgresTestDatabase>(db);
