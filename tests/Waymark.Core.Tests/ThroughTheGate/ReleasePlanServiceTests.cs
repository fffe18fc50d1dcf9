using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Reminders;
using Waymark.Teams;
using Waymark.ThroughTheGate;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.ThroughTheGate;

/// <summary>Release plans as stored: making one on the open episode, one open plan, two editors, the 14-day list's bounds, the follow-up exactly on its due date, other teams.</summary>
public abstract class ReleasePlanServiceTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    // Saturday 31 January 2026, 10:00 UTC (GMT, so the UK date is the UTC date).
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero));

    private ReleasePlanService Service(WaymarkDbContext db)
    {
        var auditor = new Auditor(db, db.CurrentUser, _clock);
        return new ReleasePlanService(db, auditor, db.CurrentUser, _clock, new AppointmentService(db, auditor, db.CurrentUser, _clock, new ReminderPlanner(db, _clock)));
    }

    private async Task<string> WorkerAsync(Team team, string name, string role = Roles.Practitioner)
    {
        var user = await NewUserAsync(name, team);
        await using var db = AsSystem();
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync();
        if (roleId is null)
        {
            var newRole = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(newRole);
            roleId = newRole.Id;
        }
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
        return user.Id;
    }

    private sealed record World(Team Team, Person Person, Episode Episode, string Amira, string Sam);

    private async Task<World> SetUpAsync(Team? team = null)
    {
        team ??= await NewTeamAsync();
        var amira = await WorkerAsync(team, "Amira Test");
        var sam = await WorkerAsync(team, "Sam Support", Roles.SupportWorker);
        var (person, episode) = await PersonAsync(team, amira);
        return new(team, person, episode, amira, sam);
    }

    private async Task<(Person, Episode)> PersonAsync(Team team, string keyWorker)
    {
        var person = APerson().KnownTo(team).Build();
        var episode = AnEpisode().For(person).InTeam(team).IdentifiedAt(_clock.Now.AddDays(-60)).AllocatedTo(keyWorker).Build();
        await SaveAsync(person, episode);
        return (person, episode);
    }

    private static FixedUser As(Team team, string userId, string role = Roles.Practitioner) => new(userId, role, team.Id);

    private DateOnly Today => UkTime.Today(_clock);

    private static ReleasePlanInput Input(DateOnly expected, string prison = "HMP Northshire") =>
        new(prison, "a1234bc", expected, ReleaseType.Licence, "Licence: live at the approved premises", GateMeeter.SomeoneElse, null, "Sister (Jo)", "08:30", "Visitors' centre");

    [Fact]
    public async Task A_plan_is_made_on_the_open_episode_audited_without_prison_or_names_and_a_second_open_plan_is_refused()
    {
        var w = await SetUpAsync();
        await using var db = As(As(w.Team, w.Sam, Roles.SupportWorker));
        var plan = await Service(db).CreateAsync(w.Person.Id, Input(Today.AddDays(10)));
        await Assert.ThrowsAsync<ReleasePlanRuleException>(() => Service(db).CreateAsync(w.Person.Id, Input(Today.AddDays(12))));

        await using var check = AsSystem();
        var stored = await check.Set<ReleasePlan>().SingleAsync(r => r.PersonId == w.Person.Id);
        Assert.Equal((plan.Id, w.Episode.Id, w.Team.Id, "A1234BC", new TimeOnly(8, 30), Today.AddDays(10).AddMonths(1), w.Sam),
            (stored.Id, stored.EpisodeId, stored.TeamId, stored.PrisonNumber, stored.MeetTime!.Value, stored.FollowUpDueOn, stored.CreatedByUserId));
        var audit = await check.AuditEvents.SingleAsync(a => a.RecordType == nameof(ReleasePlan) && a.PersonId == w.Person.Id);
        Assert.DoesNotContain("Northshire", audit.Detail!, StringComparison.Ordinal);
        Assert.DoesNotContain("Jo", audit.Detail!, StringComparison.Ordinal);
        Assert.DoesNotContain("A1234BC", audit.Detail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_editors_the_second_change_is_refused_and_the_first_kept()
    {
        var w = await SetUpAsync();
        Guid id, version;
        await using (var db = As(As(w.Team, w.Amira)))
        {
            var plan = await Service(db).CreateAsync(w.Person.Id, Input(Today.AddDays(10)));
            (id, version) = (plan.Id, plan.Version);
        }
        await using (var one = As(As(w.Team, w.Amira))) await Service(one).ChangeAsync(id, Input(Today.AddDays(11), "HMP Eastshire"), version);
        await using (var two = As(As(w.Team, w.Sam, Roles.SupportWorker)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service(two).ChangeAsync(id, Input(Today.AddDays(12), "HMP Westshire"), version));
        await using var check = AsSystem();
        Assert.Equal(("HMP Eastshire", Today.AddDays(11)), await check.Set<ReleasePlan>().Where(r => r.Id == id).Select(r => new ValueTuple<string, DateOnly>(r.Prison, r.ExpectedReleaseOn)).SingleAsync());
    }

    [Fact]
    public async Task The_14_day_list_holds_the_teams_open_plans_from_today_to_14_days_ahead_soonest_first()
    {
        var w = await SetUpAsync();
        var other = await SetUpAsync();
        var made = new Dictionary<int, Guid>();
        foreach (var days in new[] { 14, -1, 0, 15, 7 })
        {
            var (p, _) = await PersonAsync(w.Team, w.Amira);
            await using var db = As(As(w.Team, w.Amira));
            made[days] = (await Service(db).CreateAsync(p.Id, Input(Today.AddDays(days)))).PersonId;
        }
        Guid releasedId, cancelledId;
        await using (var db = As(As(w.Team, w.Amira)))
        {
            var released = await Service(db).CreateAsync(w.Person.Id, Input(Today.AddDays(2)));
            await Service(db).RecordReleaseAsync(released.Id, Today, released.Version);
            releasedId = released.PersonId;
            var (p, _) = await PersonAsync(w.Team, w.Amira);
            var cancelled = await Service(db).CreateAsync(p.Id, Input(Today.AddDays(3)));
            await Service(db).CancelAsync(cancelled.Id, "Release date put back", cancelled.Version);
            cancelledId = p.Id;
        }
        await using (var db = As(As(other.Team, other.Amira))) await Service(db).CreateAsync(other.Person.Id, Input(Today.AddDays(4)));

        await using var read = As(As(w.Team, w.Sam, Roles.SupportWorker));
        var list = await Service(read).UpcomingAsync(1);
        Assert.Equal([made[0], made[7], made[14]], list.Rows.Select(r => r.Plan.PersonId).ToList());
        Assert.All(list.Rows, r => Assert.Equal(("Sister (Jo)", "Amira Test", 0), (r.MeetName, r.KeyWorkerName, r.Appointments)));
        Assert.False(list.HasNext);
        _ = (releasedId, cancelledId);
    }

    [Fact]
    public async Task The_follow_up_a_month_after_a_release_on_31_January_is_due_on_28_February_exactly_for_the_key_worker_until_recorded()
    {
        var w = await SetUpAsync();
        Guid id;
        await using (var db = As(As(w.Team, w.Sam, Roles.SupportWorker)))
        {
            var plan = await Service(db).CreateAsync(w.Person.Id, Input(Today));
            plan = await Service(db).RecordReleaseAsync(plan.Id, Today, plan.Version);
            id = plan.Id;
            Assert.Equal(new DateOnly(2026, 2, 28), plan.FollowUpDueOn);
        }
        async Task<(int Mine, int Team, int Sams)> DueAsync()
        {
            await using var amira = As(As(w.Team, w.Amira));
            await using var sam = As(As(w.Team, w.Sam, Roles.SupportWorker));
            return ((await Service(amira).MyFollowUpsDueAsync(1)).Rows.Count, (await Service(amira).FollowUpsDueAsync(1)).Rows.Count, (await Service(sam).MyFollowUpsDueAsync(1)).Rows.Count);
        }
        _clock.Set(new DateTimeOffset(2026, 2, 27, 23, 59, 0, TimeSpan.Zero));
        Assert.Equal((0, 0, 0), await DueAsync());
        _clock.Set(new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal((1, 1, 0), await DueAsync()); // Amira is the key worker; Sam made the plan but is not
        _clock.Set(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal((1, 1, 0), await DueAsync());
        await using (var db = As(As(w.Team, w.Amira)))
        {
            var plan = await db.Set<ReleasePlan>().AsNoTracking().SingleAsync(r => r.Id == id);
            await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).RecordFollowUpAsync(id, new DateOnly(2026, 3, 11), "Fine", plan.Version));
            await Service(db).RecordFollowUpAsync(id, new DateOnly(2026, 3, 10), "Settled at the hostel", plan.Version);
        }
        Assert.Equal((0, 0, 0), await DueAsync());
    }

    [Fact]
    public async Task Another_team_cannot_see_or_change_a_plan_of_someone_it_does_not_know()
    {
        var w = await SetUpAsync();
        var other = await SetUpAsync();
        ReleasePlan plan;
        await using (var db = As(As(w.Team, w.Amira))) plan = await Service(db).CreateAsync(w.Person.Id, Input(Today.AddDays(5)));
        await using var theirs = As(As(other.Team, other.Amira));
        Assert.Null(await Service(theirs).LatestAsync(w.Person.Id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(theirs).RecordReleaseAsync(plan.Id, Today, plan.Version));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(theirs).CreateAsync(w.Person.Id, Input(Today.AddDays(5))));
    }
}

public sealed class ReleasePlanServiceTestsOnSqlite(SqliteTestDatabase db) : ReleasePlanServiceTests<SqliteTestDatabase>(db);

public sealed class ReleasePlanServiceTestsOnPostgres(PostgresTestDatabase db) : ReleasePlanServiceTests<PostgresTestDatabase>(db);
