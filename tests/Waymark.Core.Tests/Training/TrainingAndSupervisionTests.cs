using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Figures;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.Supervision;
using Waymark.Teams;
using Waymark.Training;

namespace Waymark.Core.Tests.Training;

/// <summary>Training delivered and staff supervision as stored: validation, two editors, the figures, who is up to date.</summary>
public abstract class TrainingAndSupervisionTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    // Monday 2 March 2026, 10:00 UTC.
    private readonly FakeClock _clock = new();

    private TrainingService Training(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);
    private SupervisionService Supervision(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    private static TrainingInput Good(DateOnly on, string agency = "1", int people = 12) => new()
    {
        DeliveredOn = on, Agency = agency, Audience = TrainingAudience.CustodyStaff, Topic = TrainingTopic.LiaisonAndDiversionAndReferral, Attendees = people,
    };

    private async Task<string> WorkerAsync(Team team, string name, string role)
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

    [Fact]
    public void Every_training_problem_is_listed_at_once()
    {
        var today = new DateOnly(2026, 3, 2);
        Assert.Equal(["DeliveredOn", "Agency", "Audience", "Topic", "Attendees"], new TrainingInput().Validate(today).Select(p => p.Field).ToList());
        Assert.Equal(["AgencyOther", "AudienceText", "TopicOther", "Attendees", "AverageRating"],
            new TrainingInput { DeliveredOn = today, Agency = "other", Audience = TrainingAudience.Other, Topic = TrainingTopic.Other, Attendees = 501, AverageRating = 5.5m }
                .Validate(today).Select(p => p.Field).ToList());
        Assert.Equal("DeliveredOn", Good(today.AddDays(1)).Validate(today).Single().Field);
        Assert.Equal("Attendees", Good(today, people: 0).Validate(today).Single().Field);
        Assert.Equal("Agency", Good(today, agency: "42").Validate(today).Single().Field);
        Assert.Empty(Good(today).Validate(today));
    }

    [Fact]
    public async Task A_session_is_recorded_and_audited_and_two_editors_cannot_both_save()
    {
        var team = await NewTeamAsync();
        TrainingSession s;
        await using (var db = As(new FixedUser("pat", Roles.Practitioner, team.Id)))
            s = await Training(db).AddAsync(Good(new DateOnly(2026, 2, 20)));
        await using (var first = As(new FixedUser("pat", Roles.Practitioner, team.Id)))
            await Training(first).UpdateAsync(s.Id, s.Version, Good(new DateOnly(2026, 2, 20), people: 15));
        await using (var second = As(new FixedUser("mo", Roles.TeamManager, team.Id)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Training(second).UpdateAsync(s.Id, s.Version, Good(new DateOnly(2026, 2, 20), people: 99)));
        await using (var other = As(new FixedUser("x", Roles.TeamManager, (await NewTeamAsync()).Id)))
        {
            Assert.Null(await Training(other).FindAsync(s.Id));
            Assert.Null(await Training(other).UpdateAsync(s.Id, s.Version, Good(new DateOnly(2026, 2, 20))));
        }
        await using var check = AsSystem();
        var stored = await check.Set<TrainingSession>().SingleAsync(x => x.Id == s.Id);
        Assert.Equal((15, "pat", AgencyKind.CustodySuite), (stored.Attendees, stored.RecordedByUserId, stored.AgencyKind));
        Assert.Equal(2, await check.AuditEvents.CountAsync(a => a.RecordType == "TrainingSession" && a.RecordId == s.Id.ToString()));
    }

    [Fact]
    public async Task The_training_figures_count_sessions_and_people_by_agency_kind_and_month()
    {
        var team = await NewTeamAsync();
        var other = await NewTeamAsync();
        TrainingSession S(Guid t, DateOnly on, AgencyKind? kind, int people) => new()
        {
            TeamId = t, DeliveredOn = on, AgencyKind = kind, AgencyOther = kind is null ? "Fire service" : null, Audience = TrainingAudience.Other,
            Topic = TrainingTopic.MentalHealthAwareness, Attendees = people, RecordedAt = _clock.Now, RecordedByUserId = "pat",
        };
        await SaveAsync(
            S(team.Id, new DateOnly(2026, 1, 5), AgencyKind.CustodySuite, 10),
            S(team.Id, new DateOnly(2026, 1, 20), AgencyKind.CustodySuite, 7),
            S(team.Id, new DateOnly(2026, 2, 3), null, 4),
            S(team.Id, new DateOnly(2025, 12, 31), AgencyKind.Prison, 30),
            S(other.Id, new DateOnly(2026, 1, 5), AgencyKind.Prison, 30));
        var pat = (await NewUserAsync("Pat Worker", team)).Id;
        SupervisionSession V(Guid t, DateOnly on, SupervisionKind kind) => new()
        {
            TeamId = t, UserId = pat, Kind = kind, HeldOn = on, SupervisorName = "Dr Supervisor", RecordedAt = _clock.Now, RecordedByUserId = pat,
        };
        await SaveAsync(
            V(team.Id, new DateOnly(2026, 1, 31), SupervisionKind.OneToOneAccredited),
            V(team.Id, new DateOnly(2026, 2, 1), SupervisionKind.OneToOneAccredited),
            V(team.Id, new DateOnly(2025, 12, 31), SupervisionKind.OneToOneAccredited),
            V(other.Id, new DateOnly(2026, 1, 10), SupervisionKind.OneToOneAccredited));

        await using var db = AsSystem();
        var figures = await new TrainingFigureSource().ComputeAsync(db, new FigureScope([team.Id], new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28)), CancellationToken.None);

        var sessions = ((CountFigure)figures.Single(f => f.Key == "training.sessions")).Table;
        var people = ((CountFigure)figures.Single(f => f.Key == "training.attending")).Table;
        var custody = sessions.Rows.ToList().IndexOf("Police custody suite");
        var otherRow = sessions.Rows.ToList().IndexOf("Other agency");
        var prison = sessions.Rows.ToList().IndexOf("Prison");
        Assert.Equal((2L, 0L, 0L, 1L), (sessions[custody, 0], sessions[custody, 1], sessions[otherRow, 0], sessions[otherRow, 1]));
        Assert.Equal((17L, 4L, 0L), (people[custody, 0], people[otherRow, 1], people.RowTotal(prison)));
        Assert.Equal(3, sessions.Total);
        var supervised = ((CountFigure)figures.Single(f => f.Key == "supervision.sessions")).Table;
        var oneToOne = supervised.Rows.ToList().IndexOf(SupervisionKinds.Display(SupervisionKind.OneToOneAccredited));
        Assert.Equal((1L, 1L, 2L), (supervised[oneToOne, 0], supervised[oneToOne, 1], supervised.Total));
        Assert.All(figures, f => Assert.Equal("Training and supervision", f.Section));
    }

    [Fact]
    public async Task Supervision_lists_every_case_worker_with_their_latest_session_of_each_kind()
    {
        var team = await NewTeamAsync();
        var amira = await WorkerAsync(team, "Amira Sup", Roles.Practitioner);
        var bo = await WorkerAsync(team, "Bo Sup", Roles.SupportWorker);
        var vol = await WorkerAsync(team, "Vi Volunteer", Roles.Volunteer);
        var manager = await WorkerAsync(team, "Mo Manager", Roles.TeamManager);
        await using (var db = As(new FixedUser(manager, Roles.TeamManager, team.Id)))
        {
            var service = Supervision(db);
            await service.RecordAsync(new SupervisionInput { UserId = amira, Kind = SupervisionKind.ReflectivePeerSession, HeldOn = new DateOnly(2026, 1, 10), SupervisorName = "Peers" });
            await service.RecordAsync(new SupervisionInput { UserId = amira, Kind = SupervisionKind.ReflectivePeerSession, HeldOn = new DateOnly(2026, 2, 10), SupervisorName = "Peers" });
            await service.RecordAsync(new SupervisionInput { UserId = amira, Kind = SupervisionKind.OneToOneAccredited, HeldOn = new DateOnly(2026, 1, 30), SupervisorName = "Jo" });
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => service.RecordAsync(new SupervisionInput { UserId = vol, HeldOn = new DateOnly(2026, 3, 3), SupervisorName = " " }));
            Assert.Equal(["UserId", "Kind", "HeldOn", "SupervisorName"], refused.Problems.Select(p => p.Field).ToList());
        }

        await using var read = As(new FixedUser(manager, Roles.TeamManager, team.Id));
        var all = await Supervision(read).TeamAsync();
        Assert.Equal(["Amira Sup", "Bo Sup", "Mo Manager"], all.Select(w => w.Name).ToList());
        var a = all[0].Kinds;
        Assert.Equal((new DateOnly(2026, 2, 10), true), (a[0].LastHeldOn, a[0].UpToDate));
        Assert.Equal(((DateOnly?)null, false), (a[1].LastHeldOn, a[1].UpToDate));
        Assert.Equal((new DateOnly(2026, 1, 30), new DateOnly(2026, 2, 28), false), (a[2].LastHeldOn, a[2].DueOn, a[2].UpToDate));
        Assert.All(all[1].Kinds, k => Assert.False(k.UpToDate));

        await using var mine = As(new FixedUser(amira, Roles.Practitioner, team.Id));
        var (status, recent) = await Supervision(mine).MineAsync();
        Assert.Equal([true, false, false], status.Kinds.Select(k => k.UpToDate).ToList());
        Assert.Equal(3, recent.Count);
    }
}

public sealed class TrainingAndSupervisionTestsOnSqlite(SqliteTestDatabase db) : TrainingAndSupervisionTests<SqliteTestDatabase>(db);

public sealed class TrainingAndSupervisionTestsOnPostgres(PostgresTestDatabase db) : TrainingAndSupervisionTests<PostgresTestDatabase>(db);
