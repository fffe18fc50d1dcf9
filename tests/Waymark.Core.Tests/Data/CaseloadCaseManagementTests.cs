using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Caseload;
using Waymark.Contacts;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.Persistence;
using Waymark.Support;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

/// <summary>
/// Issue 13 items 1 (the "not in touch" flag) and 4 (time-limited case management) against the database: which contacts
/// count, the default planned end when support starts, changes with reasons, the endings-due list, the team's settings.
/// </summary>
public abstract class CaseloadCaseManagementTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();
    private DateTimeOffset Now => _clock.GetUtcNow();
    private DateTimeOffset DaysAgo(double days) => Now.AddDays(-days);
    private DateOnly Today => UkTime.Today(_clock);

    private async Task<(Team Team, Episode Episode)> OpenEpisodeAsync(Team? team = null, Func<EpisodeBuilder, EpisodeBuilder>? b = null)
    {
        team ??= await NewTeamAsync();
        var person = APerson().Named("Test", $"Person{Guid.NewGuid():N}"[..20]).KnownTo(team).Build();
        var episode = (b ?? (x => x))(AnEpisode().IdentifiedAt(DaysAgo(30))).For(person).InTeam(team).Build();
        await SaveAsync(person, episode);
        return (team, episode);
    }

    private static Contact ContactWith(Team team, Episode e, DateTimeOffset at, bool reached = true, Guid? episodeId = null) => new()
    {
        TeamId = team.Id, PersonId = e.PersonId, EpisodeId = episodeId, Kind = ContactKind.Telephone, Reached = reached, OccurredAt = at,
        WorkerUserId = "practitioner", RecordedByUserId = "practitioner", RecordedAt = at,
    };

    private async Task<CaseloadPage> CaseloadAsync(Team team, CaseloadFilter filter, int page = 1)
    {
        await using var db = As(PractitionerIn(team));
        return await new CaseloadQuery(db, _clock).RunAsync(team.Id, filter, page);
    }

    [Fact]
    public async Task Only_a_reached_current_contact_by_the_same_team_keeps_an_episode_in_touch()
    {
        var (team, e) = await OpenEpisodeAsync();
        var other = await NewTeamAsync();
        // None of these count: another team's, not reached, in error, superseded, in the future.
        await SaveAsync(
            ContactWith(other, e, DaysAgo(1)),
            ContactWith(team, e, DaysAgo(1), reached: false, episodeId: e.Id),
            new Func<Contact>(() => { var c = ContactWith(team, e, DaysAgo(2), episodeId: e.Id); c.EnteredInErrorAt = DaysAgo(1); c.EnteredInErrorByUserId = "practitioner"; return c; })(),
            new Func<Contact>(() => { var c = ContactWith(team, e, DaysAgo(3), episodeId: e.Id); c.SupersededAt = DaysAgo(1); return c; })(),
            ContactWith(team, e, Now.AddDays(2), episodeId: e.Id));

        var row = Assert.Single((await CaseloadAsync(team, new CaseloadFilter())).Rows);
        Assert.True(row.NotInTouch);
        Assert.Null(row.LastContactAt);
        Assert.False(row.HasContactSinceIdentification);
        Assert.Equal([e.Id], (await CaseloadAsync(team, new CaseloadFilter(NotInTouchOnly: true))).Rows.Select(r => r.EpisodeId));

        // One reached contact by the team, 5 days ago, puts it back in touch.
        await SaveAsync(ContactWith(team, e, DaysAgo(5), episodeId: e.Id));
        row = Assert.Single((await CaseloadAsync(team, new CaseloadFilter())).Rows);
        Assert.False(row.NotInTouch);
        Assert.Equal(DaysAgo(5), row.LastContactAt);
        Assert.Empty((await CaseloadAsync(team, new CaseloadFilter(NotInTouchOnly: true))).Rows);
    }

    [Fact]
    public async Task A_contact_after_discharge_linked_only_to_the_person_counts()
    {
        var (team, e) = await OpenEpisodeAsync();
        await SaveAsync(ContactWith(team, e, DaysAgo(2), episodeId: null));

        var row = Assert.Single((await CaseloadAsync(team, new CaseloadFilter())).Rows);
        Assert.False(row.NotInTouch);
        Assert.Equal(DaysAgo(2), row.LastContactAt);
    }

    [Fact]
    public async Task The_teams_setting_decides_and_the_view_lists_longest_out_of_touch_first()
    {
        var team = await NewTeamAsync();
        var (_, identifiedOnly) = await OpenEpisodeAsync(team, b => b.IdentifiedAt(DaysAgo(30)));
        var (_, contacted) = await OpenEpisodeAsync(team, b => b.IdentifiedAt(DaysAgo(60)));
        var (_, recent) = await OpenEpisodeAsync(team, b => b.IdentifiedAt(DaysAgo(3)));
        var (_, closed) = await OpenEpisodeAsync(team, b => b.IdentifiedAt(DaysAgo(90)).AtStatus(EpisodeStatus.Closed));
        await SaveAsync(ContactWith(team, contacted, DaysAgo(20)));

        // Default 14 days: the one identified 30 days ago (no contact) is out of touch longest, then the one reached 20 days ago.
        var page = await CaseloadAsync(team, new CaseloadFilter(NotInTouchOnly: true, LongestOutOfTouchFirst: true));
        Assert.Equal([identifiedOnly.Id, contacted.Id], page.Rows.Select(r => r.EpisodeId));
        Assert.Equal(2, page.Total);
        Assert.DoesNotContain(page.Rows, r => r.EpisodeId == recent.Id || r.EpisodeId == closed.Id);

        // A team that waits 25 days: only the one identified 30 days ago.
        await SaveAsync(new SupportSettings { TeamId = team.Id, NotInTouchDays = 25 });
        page = await CaseloadAsync(team, new CaseloadFilter(NotInTouchOnly: true, LongestOutOfTouchFirst: true));
        Assert.Equal([identifiedOnly.Id], page.Rows.Select(r => r.EpisodeId));
        var all = await CaseloadAsync(team, new CaseloadFilter());
        Assert.Equal([identifiedOnly.Id], all.Rows.Where(r => r.NotInTouch).Select(r => r.EpisodeId));
    }

    [Fact]
    public async Task Screening_and_assessment_count_as_contact_in_the_flag_the_filter_and_the_order()
    {
        var team = await NewTeamAsync();
        async Task<Episode> Open(double identified, double? screened, double? assessed, double? contacted = null)
        {
            var person = APerson().Named("Test", $"Person{Guid.NewGuid():N}"[..20]).KnownTo(team).Build();
            var episode = AnEpisode().IdentifiedAt(DaysAgo(identified)).For(person).InTeam(team).Build();
            episode.ScreenedAt = screened is { } s ? DaysAgo(s) : null;
            episode.AssessedAt = assessed is { } a ? DaysAgo(a) : null;
            await SaveAsync(person, episode);
            if (contacted is { } c) await SaveAsync(ContactWith(team, episode, DaysAgo(c)));
            return episode;
        }
        var assessedRecently = await Open(30, 25, 5);
        var screenedLongAgo = await Open(40, 20, null);
        var identifiedOnly = await Open(30, null, null);
        var contactedAfterScreening = await Open(60, 50, null, contacted: 22);

        var rows = (await CaseloadAsync(team, new CaseloadFilter())).Rows.ToDictionary(r => r.EpisodeId);
        Assert.False(rows[assessedRecently.Id].NotInTouch);
        Assert.True(rows[screenedLongAgo.Id].NotInTouch);
        Assert.True(rows[screenedLongAgo.Id].HasContactSinceIdentification);
        Assert.Equal(DaysAgo(20), rows[screenedLongAgo.Id].LastSeenAt);
        Assert.False(rows[identifiedOnly.Id].HasContactSinceIdentification);
        Assert.Equal(DaysAgo(22), rows[contactedAfterScreening.Id].LastSeenAt);

        var page = await CaseloadAsync(team, new CaseloadFilter(NotInTouchOnly: true, LongestOutOfTouchFirst: true));
        Assert.Equal([identifiedOnly.Id, contactedAfterScreening.Id, screenedLongAgo.Id], page.Rows.Select(r => r.EpisodeId));
        Assert.Equal(3, page.Total);
    }

    [Fact]
    public async Task A_contact_from_an_earlier_episode_does_not_flag_a_person_identified_yesterday()
    {
        var (team, e) = await OpenEpisodeAsync(b: b => b.IdentifiedAt(DaysAgo(1)));
        await SaveAsync(ContactWith(team, e, DaysAgo(100)));

        var row = Assert.Single((await CaseloadAsync(team, new CaseloadFilter())).Rows);
        Assert.False(row.NotInTouch);
        Assert.False(row.HasContactSinceIdentification);
        Assert.Empty((await CaseloadAsync(team, new CaseloadFilter(NotInTouchOnly: true))).Rows);
    }

    [Fact]
    public async Task The_flag_adds_no_query_per_row_and_the_filter_one_settings_lookup()
    {
        var team = await NewTeamAsync();
        for (var i = 0; i < 6; i++)
        {
            var (_, e) = await OpenEpisodeAsync(team);
            if (i % 2 == 0) await SaveAsync(ContactWith(team, e, DaysAgo(i + 1)));
        }
        var counter = new CommandCounter();
        await using (var db = As(PractitionerIn(team), counter))
        {
            var page = await new CaseloadQuery(db, _clock).RunAsync(team.Id, new CaseloadFilter(), knownTotal: 6);
            Assert.Equal(6, page.Rows.Count);
        }
        Assert.Equal(1, counter.Commands); // the rows, with last contact and the team's threshold in the same query

        counter = new CommandCounter();
        await using (var db = As(PractitionerIn(team), counter))
            Assert.Equal(3, (await new CaseloadQuery(db, _clock).RunAsync(team.Id, new CaseloadFilter(NotInTouchOnly: true, LongestOutOfTouchFirst: true))).Total);
        Assert.Equal(3, counter.Commands); // the settings, the count, the rows
    }

    private EpisodeActions Actions(WaymarkDbContext db, Team team) =>
        new(db, new Auditor(db, PractitionerIn(team), _clock), PractitionerIn(team), _clock);

    private async Task<Episode> ReloadAsync(Guid id)
    {
        await using var db = AsSystem();
        return await db.Episodes.AsNoTracking().SingleAsync(x => x.Id == id);
    }

    private async Task<List<PlannedEndChange>> ChangesAsync(Guid id)
    {
        await using var db = AsSystem();
        return await db.Set<PlannedEndChange>().AsNoTracking().Where(c => c.EpisodeId == id).OrderBy(c => c.ChangedAt).ToListAsync();
    }

    [Fact]
    public async Task Starting_support_sets_the_default_planned_end_and_records_why()
    {
        var (team, e) = await OpenEpisodeAsync(b: b => b.AtStatus(EpisodeStatus.Assessed));
        await using (var db = As(PractitionerIn(team)))
            await Actions(db, team).RecordAsync(e.Id, e.Version, Milestone.SupportStarted);

        var saved = await ReloadAsync(e.Id);
        Assert.Equal(Today.AddMonths(6), saved.PlannedEndDate);
        var change = Assert.Single(await ChangesAsync(e.Id));
        Assert.Null(change.From);
        Assert.Equal(Today.AddMonths(6), change.To);
        Assert.Equal("Default: 6 months from the start of support", change.Reason);
        Assert.Equal("practitioner", change.ChangedByUserId);
        Assert.Equal(e.PersonId, change.PersonId);
        Assert.Equal(1, await CountAsync(db => db.AuditEvents.Where(a => a.RecordId == e.Id.ToString() && a.Detail!.Contains("planned end"))));
    }

    [Fact]
    public async Task Starting_support_keeps_a_planned_end_already_set_and_a_team_without_a_default_gets_none()
    {
        var (team, withEnd) = await OpenEpisodeAsync(b: b => b.AtStatus(EpisodeStatus.Assessed).PlannedToEndOn(Today.AddDays(40)));
        var (_, without) = await OpenEpisodeAsync(team, b => b.AtStatus(EpisodeStatus.Assessed));
        var noDefault = await NewTeamAsync();
        await SaveAsync(new SupportSettings { TeamId = noDefault.Id, SupportMonths = null });
        var (_, inNoDefault) = await OpenEpisodeAsync(noDefault, b => b.AtStatus(EpisodeStatus.Assessed));
        await SaveAsync(new SupportSettings { TeamId = team.Id, SupportMonths = 3 });

        await using (var db = As(PractitionerIn(team)))
        {
            await Actions(db, team).RecordAsync(withEnd.Id, withEnd.Version, Milestone.SupportStarted);
            await Actions(db, team).RecordAsync(without.Id, without.Version, Milestone.SupportStarted);
        }
        await using (var db = As(PractitionerIn(noDefault)))
            await Actions(db, noDefault).RecordAsync(inNoDefault.Id, inNoDefault.Version, Milestone.SupportStarted);

        Assert.Equal(Today.AddDays(40), (await ReloadAsync(withEnd.Id)).PlannedEndDate);
        Assert.Empty(await ChangesAsync(withEnd.Id));
        Assert.Equal(Today.AddMonths(3), (await ReloadAsync(without.Id)).PlannedEndDate);
        Assert.Equal("Default: 3 months from the start of support", Assert.Single(await ChangesAsync(without.Id)).Reason);
        Assert.Null((await ReloadAsync(inNoDefault.Id)).PlannedEndDate);
        Assert.Empty(await ChangesAsync(inNoDefault.Id));
    }

    [Fact]
    public async Task Extending_or_removing_a_planned_end_needs_a_reason_and_each_change_is_recorded()
    {
        var (team, e) = await OpenEpisodeAsync(b: b => b.AtStatus(EpisodeStatus.InSupport));
        var first = Today.AddMonths(2);
        await using (var db = As(PractitionerIn(team)))
            await Actions(db, team).SetPlannedEndAsync(e.Id, e.Version, first);
        var version = (await ReloadAsync(e.Id)).Version;

        await using (var db = As(PractitionerIn(team)))
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Actions(db, team).SetPlannedEndAsync(e.Id, version, first.AddMonths(1), "  "));
            Assert.Equal(("Reason", "Enter why support is being extended"), (refused.Problems.Single().Field, refused.Problems.Single().Message));
        }
        await using (var db = As(PractitionerIn(team)))
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Actions(db, team).SetPlannedEndAsync(e.Id, version, null));
            Assert.Equal("Enter why the planned end is being removed", refused.Problems.Single().Message);
        }
        Assert.Equal(first, (await ReloadAsync(e.Id)).PlannedEndDate);

        await using (var db = As(PractitionerIn(team)))
            await Actions(db, team).SetPlannedEndAsync(e.Id, version, first.AddMonths(1), "Waiting for the housing referral");
        // The version moved on: an editor with the old one gets the conflict, not a silent overwrite.
        await using (var db = As(PractitionerIn(team)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Actions(db, team).SetPlannedEndAsync(e.Id, version, first.AddMonths(2), "Another reason"));

        var changes = await ChangesAsync(e.Id);
        Assert.Equal(2, changes.Count);
        Assert.Equal((null, first, PlannedEnds.FirstSetReason), (changes[0].From, changes[0].To, changes[0].Reason));
        Assert.Equal((first, first.AddMonths(1), "Waiting for the housing referral"), (changes[1].From, changes[1].To, changes[1].Reason));
        Assert.Equal("extended once", PlannedEnds.Summary(changes));
    }

    [Fact]
    public async Task Endings_due_are_the_teams_open_episodes_ending_within_28_days_or_past_soonest_first_and_paged()
    {
        var team = await NewTeamAsync();
        var other = await NewTeamAsync();
        var worker = await NewUserAsync("Kim Worker", team);
        var (_, overdue) = await OpenEpisodeAsync(team, b => b.AtStatus(EpisodeStatus.InSupport).PlannedToEndOn(Today.AddDays(-5)).AllocatedTo(worker.Id));
        var (_, soon) = await OpenEpisodeAsync(team, b => b.AtStatus(EpisodeStatus.InSupport).PlannedToEndOn(Today.AddDays(10)));
        var (_, edge) = await OpenEpisodeAsync(team, b => b.AtStatus(EpisodeStatus.InSupport).PlannedToEndOn(Today.AddDays(28)));
        await OpenEpisodeAsync(team, b => b.AtStatus(EpisodeStatus.InSupport).PlannedToEndOn(Today.AddDays(29)));
        await OpenEpisodeAsync(team, b => b.AtStatus(EpisodeStatus.InSupport));
        await OpenEpisodeAsync(team, b => b.ClosedBecause(ClosureReason.SupportCompleted).PlannedToEndOn(Today.AddDays(-3)));
        await OpenEpisodeAsync(other, b => b.AtStatus(EpisodeStatus.InSupport).PlannedToEndOn(Today.AddDays(1)));

        await using var db = As(PractitionerIn(team));
        var page = await new EndingsQuery(db, _clock).RunAsync(team.Id, null);
        Assert.Equal([overdue.Id, soon.Id, edge.Id], page.Rows.Select(r => r.EpisodeId));
        Assert.Equal([true, false, false], page.Rows.Select(r => r.Overdue));
        Assert.Equal("Kim Worker", page.Rows[0].KeyWorkerName);
        Assert.Equal(3, page.Total);

        var mine = await new EndingsQuery(db, _clock).RunAsync(team.Id, worker.Id);
        Assert.Equal([overdue.Id], mine.Rows.Select(r => r.EpisodeId));

        // Paging: 25 a page, nothing lost or repeated.
        for (var i = 0; i < EndingsQuery.PageSize; i++) await OpenEpisodeAsync(team, b => b.AtStatus(EpisodeStatus.InSupport).PlannedToEndOn(Today.AddDays(20)));
        var p1 = await new EndingsQuery(db, _clock).RunAsync(team.Id, null, 1);
        var p2 = await new EndingsQuery(db, _clock).RunAsync(team.Id, null, 2);
        Assert.Equal(28, p1.Total);
        Assert.Equal(EndingsQuery.PageSize, p1.Rows.Count);
        Assert.Equal(3, p2.Rows.Count);
        Assert.Equal(edge.Id, p2.Rows[^1].EpisodeId);
        Assert.Equal(28, p1.Rows.Concat(p2.Rows).Select(r => r.EpisodeId).Distinct().Count());
    }

    private SupportSettingsService Settings(WaymarkDbContext db, Team team) =>
        new(db, new Auditor(db, new FixedUser("manager", Roles.TeamManager, team.Id), _clock), new FixedUser("manager", Roles.TeamManager, team.Id), _clock);

    private static SupportSettingsForm Form(string days = "21", string? months = "4") => new(days, months, "48", "10pm", "7:30am", "01632 960 001", "Test Liaison and Diversion");

    [Fact]
    public async Task Support_settings_are_created_on_first_save_audited_and_a_stale_save_is_a_conflict()
    {
        var team = await NewTeamAsync();
        await using (var db = As(PractitionerIn(team)))
        {
            var defaults = await Settings(db, team).CurrentAsync(team.Id);
            Assert.Equal((14, (int?)6, Guid.Empty), (defaults.NotInTouchDays, defaults.SupportMonths, defaults.Version));
            await Settings(db, team).SaveAsync(Form(), Guid.Empty);
        }
        SupportSettings saved;
        await using (var db = As(PractitionerIn(team)))
        {
            saved = await Settings(db, team).CurrentAsync(team.Id);
            Assert.Equal((21, (int?)4, 48, new TimeOnly(22, 0), new TimeOnly(7, 30), "01632 960 001"),
                (saved.NotInTouchDays, saved.SupportMonths, saved.ReminderLeadHours, saved.QuietHoursStart, saved.QuietHoursEnd, saved.ReplyTelephone));
            Assert.Equal(21, (await SupportSettingsOf.TeamAsync(db, team.Id)).NotInTouchDays);
        }
        Assert.Equal(1, await CountAsync(db => db.AuditEvents.Where(a => a.RecordType == "SupportSettings" && a.RecordId == team.Id.ToString())));

        // A second manager who loaded the defaults before the first save, and one with the current version.
        await using (var db = As(PractitionerIn(team)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Settings(db, team).SaveAsync(Form("30"), Guid.Empty));
        await using (var db = As(PractitionerIn(team)))
            await Settings(db, team).SaveAsync(Form("30", months: ""), saved.Version);
        await using (var db = As(PractitionerIn(team)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Settings(db, team).SaveAsync(Form("40"), saved.Version));
        await using (var db = As(PractitionerIn(team)))
        {
            var now = await Settings(db, team).CurrentAsync(team.Id);
            Assert.Equal((30, (int?)null), (now.NotInTouchDays, now.SupportMonths));
        }
    }
}

public sealed class CaseloadCaseManagementTestsOnSqlite(SqliteTestDatabase db) : CaseloadCaseManagementTests<SqliteTestDatabase>(db);

public sealed class CaseloadCaseManagementTestsOnPostgres(PostgresTestDatabase db) : CaseloadCaseManagementTests<PostgresTestDatabase>(db);
