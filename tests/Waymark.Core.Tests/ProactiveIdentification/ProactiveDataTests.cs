using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.Identification;
using Waymark.Liaison;
using Waymark.People;
using Waymark.Persistence;
using Waymark.ProactiveIdentification;
using Waymark.Teams;
using Xunit.Abstractions;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.ProactiveIdentification;

/// <summary>Importing lists, matching them in one batch, the queue and coverage, and retention, on the database.</summary>
public abstract class ProactiveDataTests<TDb>(TDb database, ITestOutputHelper output) : DataTest<TDb>(database) where TDb : TestDatabase
{
    // Monday 30 November 2026, 10:00 GMT.
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
    private static readonly DateOnly Day = new(2026, 11, 30);

    private async Task<(Team Team, CriminalJusticeAgency Agency)> TeamWithAgencyAsync(params Person[] people)
    {
        var team = await NewTeamAsync();
        foreach (var p in people) p.TeamLinks.Add(PersonTeamLink.For(p, team.Id, FakeClock.DefaultStart));
        var agency = new CriminalJusticeAgency { TeamId = team.Id, Kind = AgencyKind.CustodySuite, Name = "Northshire Central custody suite", CreatedByUserId = "test" };
        await SaveAsync([agency, .. people]);
        return (team, agency);
    }

    private ProactiveLists Lists(WaymarkDbContext db) =>
        new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock, new ProactiveMatcher(db, new TeamMatchModels(TimeProvider.System)));

    private ProactiveQueue Queue(WaymarkDbContext db) => new(db, db.CurrentUser, _clock);

    private async Task<ProactiveList> ImportAsync(Team team, CriminalJusticeAgency agency, string csv, string user = "practitioner")
    {
        await using var db = As(PractitionerIn(team, user));
        var lists = Lists(db);
        var (list, parse) = await lists.PreviewAsync(agency.Id, Day, csv, ListSource.Upload, "list.csv");
        Assert.True(list is not null, string.Join("; ", parse.Problems));
        await lists.ConfirmAsync(list.Id);
        return list;
    }

    [Fact]
    public async Task A_list_is_matched_against_the_teams_people_by_NHS_number_and_by_name_and_birth_and_nobody_elses()
    {
        var nhs = TestNhsNumbers.Next();
        var byNhs = APerson().Named("Alexander", "Example").BornOn(1985, 5, 5).WithNhsNumber(nhs).Build();
        var byName = APerson().Named("Jordan", "Sample").BornOn(1992, 8, 14).WithSex(Sex.Female).Build();
        var (team, agency) = await TeamWithAgencyAsync(byNhs, byName);
        var stranger = APerson().Named("Casey", "Elsewhere").BornOn(1970, 1, 1).Build();
        await TeamWithAgencyAsync(stranger); // another team's person

        var list = await ImportAsync(team, agency,
            $"reference,surname,forenames,dob,sex,nhs number\nA1,Exampel,Alex,05/05/1985,M,{nhs}\nA2,Sample,Jordan,14/08/1992,F,\nA3,Elsewhere,Casey,01/01/1970,M,\n");

        await using var db = As(PractitionerIn(team));
        var rows = await db.Set<ProactiveListRow>().Where(r => r.ListId == list.Id).OrderBy(r => r.Line).ToListAsync();
        Assert.Equal((byNhs.Id, MatchBand.Definite), (rows[0].PersonId!.Value, rows[0].Band));
        Assert.Equal(byName.Id, rows[1].PersonId);
        Assert.True(rows[1].Score > 0);
        Assert.Null(rows[2].PersonId); // the other team's person is never a candidate
        var audit = await db.AuditEvents.Where(a => a.RecordType == "ProactiveList" && a.RecordId == list.Id.ToString()).Select(a => a.Detail).ToListAsync();
        Assert.Contains(audit, d => d!.StartsWith("preview", StringComparison.Ordinal) && d.Contains("rows=3", StringComparison.Ordinal));
        Assert.Contains("confirmed", audit);
        Assert.All(audit, d => Assert.DoesNotContain("Sample", d!, StringComparison.Ordinal)); // no names in the trail
    }

    [Fact]
    public async Task Matching_is_a_fixed_number_of_queries_whatever_the_list_length_and_500_rows_are_timed()
    {
        var people = Enumerable.Range(0, 300).Select(i => APerson().Named($"Given{i}", $"Family{i:000}x").BornOn(1960 + i % 40, 1 + i % 12, 1 + i % 28).Build()).ToArray();
        var (team, _) = await TeamWithAgencyAsync(people);
        var requests = Enumerable.Range(0, 500).Select(i => new LookupRequest($"Given{i % 350}", $"Family{i % 350:000}x", new DateOnly(1960 + i % 40, 1 + i % 12, 1 + i % 28), Sex.NotKnown, null, null, null)).ToList();

        async Task<(int Commands, IReadOnlyList<LookupResult> Results, TimeSpan Took)> MatchAsync(int count)
        {
            var counter = new CommandCounter();
            await using var db = As(PractitionerIn(team), counter);
            var matcher = new ProactiveMatcher(db, new TeamMatchModels(TimeProvider.System));
            await matcher.MatchAsync(requests.Take(1).ToList()); // the team's model, made once per team and kept
            var before = counter.Commands;
            var sw = Stopwatch.StartNew();
            var results = await matcher.MatchAsync(requests.Take(count).ToList());
            return (counter.Commands - before, results, sw.Elapsed);
        }

        var few = await MatchAsync(5);
        var many = await MatchAsync(500);

        Assert.Equal(few.Commands, many.Commands);
        Assert.True(many.Commands <= 8, $"{many.Commands} queries");
        Assert.All(many.Results.Take(300).Select((r, i) => (r, i)), x => Assert.Equal(people[x.i].Id, x.r.Candidates[0].Person.Id));
        output.WriteLine($"{typeof(TDb).Name}: 500 rows matched against 300 people in {many.Took.TotalMilliseconds:N0} ms with {many.Commands} queries");
    }

    [Fact]
    public async Task A_list_with_a_bad_row_saves_nothing_and_an_agency_of_another_team_is_refused()
    {
        var (team, agency) = await TeamWithAgencyAsync();
        var (_, otherAgency) = await TeamWithAgencyAsync();
        await using var db = As(PractitionerIn(team));
        var lists = Lists(db);

        var (list, parse) = await lists.PreviewAsync(agency.Id, Day, "surname,dob\nGood,01/01/1990\nBad,01/13/1990\n", ListSource.Pasted, null);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => lists.PreviewAsync(otherAgency.Id, Day, "surname\nA\n", ListSource.Pasted, null));

        Assert.Null(list);
        Assert.Equal("Line 3: The date of birth must be a real date like 27/03/1990", Assert.Single(parse.Problems).ToString());
        Assert.Equal("AgencyId", Assert.Single(refused.Problems).Field);
        Assert.Equal(0, await CountAsync(d => d.Set<ProactiveList>().Where(l => l.TeamId == team.Id)));
    }

    [Fact]
    public async Task The_queue_selects_by_the_teams_rules_and_counts_who_was_identified_and_screened()
    {
        var known = APerson().Named("Robin", "Known").BornOn(1980, 1, 1).Build();
        var (team, agency) = await TeamWithAgencyAsync(known);
        var list = await ImportAsync(team, agency,
            "surname,forenames,dob,sex,time in,reference\nKnown,Robin,01/01/1980,M,08:00,R1\nYoung,Sam,01/06/2010,M,08:30,R2\nWoman,Jo,01/01/1990,F,09:00,R3\nOther,Pat,01/01/1990,M,09:30,R4\n");
        await using (var db = As(new FixedUser("manager", Roles.TeamManager, team.Id)))
            await Queue(db).SaveSettingsAsync([SelectionRule.UnderEighteen, SelectionRule.KnownToTeam, SelectionRule.Women], Guid.Empty, new Auditor(db, db.CurrentUser, _clock));
        // Robin was identified and screened after his time in; Sam's episode (a new person) carries the row's reference.
        var sam = APerson().Named("Sam", "Young").BornOn(2010, 6, 1).KnownTo(team).Build();
        var robinEpisode = EpisodeBuilder.AnEpisode().For(known).InTeam(team).IdentifiedAt(_clock.Now.AddHours(-1)).Build();
        robinEpisode.ScreenedAt = _clock.Now;
        var samEpisode = EpisodeBuilder.AnEpisode().For(sam).InTeam(team).IdentifiedAt(_clock.Now.AddMinutes(-30)).Build();
        samEpisode.SettingReference = "R2";
        await SaveAsync(sam, robinEpisode, samEpisode);

        await using var read = As(PractitionerIn(team));
        var entries = await Queue(read).EntriesAsync(Day, Day);

        Assert.Equal(["Known", "Woman", "Young"], entries.Select(e => e.Row.FamilyName).Order());
        var byName = entries.ToDictionary(e => e.Row.FamilyName);
        Assert.Equal(QueueStatus.Screened, byName["Known"].Status);
        Assert.Equal([SelectionRule.KnownToTeam], byName["Known"].Why);
        Assert.Equal(known.Id, byName["Known"].Person!.Id);
        Assert.Equal((QueueStatus.Identified, samEpisode.Id), (byName["Young"].Status, byName["Young"].Episode!.Id));
        Assert.Equal(QueueStatus.NotYetIdentified, byName["Woman"].Status);
        Assert.Equal("1 of 3 selected people screened (33%)", Coverage.Of(entries).ToString());

        _clock.Advance(TimeSpan.FromDays(1)); // the day has ended
        var (days, total) = await Queue(read).FiguresAsync(Day.AddDays(-1), Day.AddDays(1));
        var day = Assert.Single(days);
        Assert.Equal((Day, 4, 3, 1, 2, 2), (day.Day, day.OnLists, day.Coverage.Selected, day.Coverage.Screened, day.Coverage.Identified, day.Coverage.Missed)); // Sam identified, never screened: missed
        Assert.Equal(3, total.Selected);
    }

    [Fact]
    public async Task A_practitioner_confirms_or_rejects_a_match_and_a_stale_verdict_is_refused()
    {
        var person = APerson().Named("Jordan", "Sample").BornOn(1992, 8, 14).Build();
        var (team, agency) = await TeamWithAgencyAsync(person);
        var list = await ImportAsync(team, agency, "surname,forenames,dob\nSample,Jordan,14/08/1992\n");
        ProactiveListRow row;
        await using (var db = As(PractitionerIn(team)))
            row = await db.Set<ProactiveListRow>().SingleAsync(r => r.ListId == list.Id);

        await using (var db = As(PractitionerIn(team, "second")))
            await Lists(db).DecideAsync(row.Id, RowVerdict.Rejected, row.Version);
        await using (var db = As(PractitionerIn(team)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Lists(db).DecideAsync(row.Id, RowVerdict.Confirmed, row.Version));

        await using var check = As(PractitionerIn(team));
        var decided = await check.Set<ProactiveListRow>().SingleAsync(r => r.Id == row.Id);
        Assert.Equal((RowVerdict.Rejected, "second", _clock.Now), (decided.Verdict!.Value, decided.VerdictByUserId!, decided.VerdictAt!.Value));
        Assert.Null(decided.MatchedPersonId);
        Assert.True(await check.AuditEvents.AnyAsync(a => a.RecordType == "ProactiveListRow" && a.RecordId == row.Id.ToString() && a.PersonId == person.Id));
    }

    [Fact]
    public async Task Unmatched_rows_details_are_cleared_after_the_retention_days_and_unconfirmed_previews_go_after_a_day()
    {
        var person = APerson().Named("Jordan", "Sample").BornOn(1992, 8, 14).Build();
        var (team, agency) = await TeamWithAgencyAsync(person);
        var list = await ImportAsync(team, agency, "surname,forenames,dob,nhs number\nSample,Jordan,14/08/1992,\nStranger,Alex,01/02/1993,9434765919\n");
        Guid preview;
        await using (var db = As(PractitionerIn(team)))
            preview = (await Lists(db).PreviewAsync(agency.Id, Day, "surname\nNever,Confirmed\n", ListSource.Pasted, null)).List!.Id;
        var options = new ProactiveOptions(30);

        async Task<(int, int)> RunAsync()
        {
            await using var db = AsSystem();
            return await new ProactiveRetention(db, new Auditor(db, db.CurrentUser, _clock), options, _clock).RunAsync();
        }

        _clock.Advance(TimeSpan.FromDays(30));
        var (kept, previews) = await RunAsync();
        Assert.Equal(0, kept); // 30 days after the list's day: still kept
        Assert.Equal(1, previews);
        _clock.Advance(TimeSpan.FromDays(1));
        var (cleared, _) = await RunAsync();

        Assert.Equal(1, cleared);
        await using var check = AsSystem();
        var rows = await check.Set<ProactiveListRow>().Where(r => r.ListId == list.Id).OrderBy(r => r.Line).ToListAsync();
        Assert.Equal(("Sample", person.Id), (rows[0].FamilyName, rows[0].PersonId!.Value)); // matched: kept
        Assert.Equal(("", null, null, null), (rows[1].FamilyName, rows[1].GivenNames, rows[1].DateOfBirth, rows[1].NhsNumber));
        Assert.Equal(33, rows[1].AgeOnDay); // the figures' facts stay
        Assert.NotNull(rows[1].DetailsClearedAt);
        Assert.False(await check.Set<ProactiveList>().AnyAsync(l => l.Id == preview));
        var trail = await check.AuditEvents.Where(a => a.RecordType == "ProactiveList").Select(a => a.Detail).ToListAsync();
        Assert.True(trail.Any(d => d!.StartsWith("retention", StringComparison.Ordinal)), string.Join(" | ", trail));
    }
}

public sealed class ProactiveDataTestsOnSqlite(SqliteTestDatabase db, ITestOutputHelper output) : ProactiveDataTests<SqliteTestDatabase>(db, output);

public sealed class ProactiveDataTestsOnPostgres(PostgresTestDatabase db, ITestOutputHelper output) : ProactiveDataTests<PostgresTestDatabase>(db, output);
