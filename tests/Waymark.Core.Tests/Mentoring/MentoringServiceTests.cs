using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.Mentoring;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Mentoring;

/// <summary>Mentoring pairings as stored: pairing and ending (team managers), one active mentor per person, a mentor's narrow reads and writes.</summary>
public abstract class MentoringServiceTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();

    private MentoringService Service(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock, new Waymark.Reminders.ReminderPlanner(db, _clock));

    private async Task<string> MemberAsync(Team team, string name, string role)
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

    private sealed record World(Team Team, Person Person, Episode Episode, string Manager, string Mentor, string Practitioner);

    private async Task<World> SetUpAsync()
    {
        var team = await NewTeamAsync();
        var manager = await MemberAsync(team, "Morgan Manager", Roles.TeamManager);
        var mentor = await MemberAsync(team, "Chris Volunteer", Roles.Volunteer);
        var practitioner = await MemberAsync(team, "Amira Test", Roles.Practitioner);
        var person = APerson().KnownTo(team).Build();
        person.CreatedAt = _clock.Now.AddDays(-60);
        var episode = AnEpisode().For(person).InTeam(team).IdentifiedAt(_clock.Now.AddDays(-30)).Build();
        await SaveAsync(person, episode);
        return new(team, person, episode, manager, mentor, practitioner);
    }

    private static FixedUser As(Team team, string userId, string role) => new(userId, role, team.Id);
    private DateOnly Today => UkTime.DateOf(_clock.Now);

    [Fact]
    public async Task A_manager_pairs_a_volunteer_with_a_person_who_agreed_audited_and_a_second_active_mentor_is_refused()
    {
        var w = await SetUpAsync();
        var second = await MemberAsync(w.Team, "Sam Second", Roles.Volunteer);
        await using var db = As(As(w.Team, w.Manager, Roles.TeamManager));
        var pairing = await Service(db).PairAsync(w.Person.Id, new PairingInput(w.Mentor, Today.AddDays(-1), SharesCrisisPlan: false));

        await using var check = AsSystem();
        var stored = await check.Set<MentoringPairing>().SingleAsync(p => p.PersonId == w.Person.Id);
        Assert.Equal((pairing.Id, w.Team.Id, w.Mentor, Today.AddDays(-1), true, false, w.Manager, _clock.Now, (DateTimeOffset?)null),
            (stored.Id, stored.TeamId, stored.MentorUserId, stored.AgreedOn, stored.SharesActionPlan, stored.SharesCrisisPlan, stored.StartedByUserId, stored.StartedAt, stored.EndedAt));
        var audit = await check.AuditEvents.SingleAsync(a => a.RecordType == nameof(MentoringPairing) && a.RecordId == pairing.Id.ToString());
        Assert.Equal((AuditAction.Created, w.Person.Id, w.Manager), (audit.Action, audit.PersonId, audit.UserId));

        var refused = await Assert.ThrowsAsync<MentoringRuleException>(() => Service(db).PairAsync(w.Person.Id, new PairingInput(second, Today)));
        Assert.Contains("already has a mentor, Chris Volunteer", refused.Message);
        Assert.Equal(1, await CountAsync(x => x.Set<MentoringPairing>().Where(p => p.PersonId == w.Person.Id)));

        // A mentor may have several mentees.
        var other = APerson().KnownTo(w.Team).Build();
        await SaveAsync(other);
        await Service(db).PairAsync(other.Id, new PairingInput(w.Mentor, Today));
        Assert.Equal(2, await CountAsync(x => x.Set<MentoringPairing>().Where(p => p.MentorUserId == w.Mentor && p.EndedAt == null)));
    }

    [Fact]
    public async Task The_database_refuses_a_second_active_pairing_of_a_person_in_a_team_but_keeps_ended_ones()
    {
        var w = await SetUpAsync();
        MentoringPairing New(bool ended) => new()
        {
            TeamId = w.Team.Id, PersonId = w.Person.Id, MentorUserId = w.Mentor, AgreedOn = Today, StartedAt = _clock.Now, StartedByUserId = w.Manager,
            EndedAt = ended ? _clock.Now : null, EndedByUserId = ended ? w.Manager : null, EndReason = ended ? "Goals met" : null,
        };
        await SaveAsync(New(ended: true), New(ended: true), New(ended: false));
        await using var db = AsSystem();
        db.Add(New(ended: false));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Pairing_problems_are_listed_together_and_only_a_team_manager_may_pair_or_end()
    {
        var w = await SetUpAsync();
        await using var db = As(As(w.Team, w.Manager, Roles.TeamManager));
        var none = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).PairAsync(w.Person.Id, new PairingInput(null, Today.AddDays(1))));
        Assert.Equal([nameof(PairingInput.AgreedOn), nameof(PairingInput.MentorUserId)], none.Problems.Select(p => p.Field).Order());
        var caseWorker = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).PairAsync(w.Person.Id, new PairingInput(w.Practitioner, Today)));
        Assert.Equal("Select a volunteer of your team", caseWorker.Problems.Single().Message);
        var elsewhere = await MemberAsync(await NewTeamAsync(), "Other Volunteer", Roles.Volunteer);
        await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).PairAsync(w.Person.Id, new PairingInput(elsewhere, Today)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(db).PairAsync(Guid.NewGuid(), new PairingInput(w.Mentor, Today)));

        await using var practitioner = As(As(w.Team, w.Practitioner, Roles.Practitioner));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service(practitioner).PairAsync(w.Person.Id, new PairingInput(w.Mentor, Today)));
        await using var mentor = As(As(w.Team, w.Mentor, Roles.Volunteer));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service(mentor).EndAsync(w.Person.Id, "Because", Guid.NewGuid()));
        Assert.Equal(0, await CountAsync(x => x.Set<MentoringPairing>().Where(p => p.PersonId == w.Person.Id)));
    }

    [Fact]
    public async Task Ending_needs_a_reason_and_the_version_shown_and_then_the_mentor_no_longer_sees_the_person()
    {
        var w = await SetUpAsync();
        await using var db = As(As(w.Team, w.Manager, Roles.TeamManager));
        var pairing = await Service(db).PairAsync(w.Person.Id, new PairingInput(w.Mentor, Today));
        await using var mentorDb = As(As(w.Team, w.Mentor, Roles.Volunteer));
        Assert.NotNull(await Service(mentorDb).MenteeAsync(w.Person.Id));

        await using var first = As(As(w.Team, w.Manager, Roles.TeamManager));
        Assert.Equal("Reason", (await Assert.ThrowsAsync<ValidationFailedException>(() => Service(first).EndAsync(w.Person.Id, " ", pairing.Version))).Problems.Single().Field);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service(first).EndAsync(w.Person.Id, "Goals met", Guid.NewGuid()));
        await using var second = As(As(w.Team, w.Manager, Roles.TeamManager));
        await Service(second).EndAsync(w.Person.Id, "Goals met", pairing.Version);

        await using var check = AsSystem();
        var ended = await check.Set<MentoringPairing>().SingleAsync(p => p.Id == pairing.Id);
        Assert.Equal((_clock.Now, w.Manager, "Goals met"), (ended.EndedAt!.Value, ended.EndedByUserId, ended.EndReason));
        Assert.Contains(await check.AuditEvents.Where(a => a.RecordId == pairing.Id.ToString()).Select(a => a.Action).ToListAsync(), a => a == AuditAction.Closed);
        await using var mentorAfter = As(As(w.Team, w.Mentor, Roles.Volunteer));
        Assert.Null(await Service(mentorAfter).MenteeAsync(w.Person.Id));
        Assert.Empty(await Service(mentorAfter).MenteesAsync());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(mentorAfter).RecordContactAsync(w.Person.Id, new MentoringContactInput(_clock.Now, true, 30, "Met")));
        await using var again = As(As(w.Team, w.Manager, Roles.TeamManager));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(again).EndAsync(w.Person.Id, "Again", ended.Version));
    }

    [Fact]
    public async Task Ending_mentoring_cancels_the_mentors_future_meetings_with_the_person_and_their_reminders_in_the_same_save()
    {
        var w = await SetUpAsync();
        var otherPerson = APerson().KnownTo(w.Team).Build();
        await SaveAsync(otherPerson);
        MentoringPairing pairing;
        await using (var manager = As(As(w.Team, w.Manager, Roles.TeamManager)))
        {
            pairing = await Service(manager).PairAsync(w.Person.Id, new PairingInput(w.Mentor, Today));
            await Service(manager).PairAsync(otherPerson.Id, new PairingInput(w.Mentor, Today));
        }
        Appointment Appt(string worker, double days, Guid? personId = null) => new()
        {
            TeamId = w.Team.Id, PersonId = personId ?? w.Person.Id, EpisodeId = personId is null ? w.Episode.Id : null, StartsAt = _clock.Now.AddDays(days), Location = "Café",
            WorkerUserId = worker, BookedByUserId = worker, BookedAt = _clock.Now, Purpose = "Meet",
        };
        var future = Appt(w.Mentor, 2);
        var later = Appt(w.Mentor, 9);
        var past = Appt(w.Mentor, -3);
        var practitioners = Appt(w.Practitioner, 1);
        var otherMentees = Appt(w.Mentor, 3, otherPerson.Id);
        var reminder = new Waymark.Reminders.Reminder
        {
            TeamId = w.Team.Id, PersonId = w.Person.Id, Channel = Waymark.Reminders.ReminderChannel.Text, AppointmentId = future.Id,
            EventAt = future.StartsAt, DueAt = future.StartsAt.AddDays(-1), CreatedAt = _clock.Now, CreatedByUserId = w.Mentor,
        };
        await SaveAsync(future, later, past, practitioners, otherMentees, reminder);

        await using (var manager = As(As(w.Team, w.Manager, Roles.TeamManager)))
            await Service(manager).EndAsync(w.Person.Id, "Goals met", pairing.Version);

        await using var check = AsSystem();
        var stored = await check.Set<Appointment>().ToDictionaryAsync(a => a.Id);
        foreach (var cancelled in new[] { future, later })
        {
            var a = stored[cancelled.Id];
            Assert.Equal(((AppointmentOutcome?)AppointmentOutcome.CancelledByTeam, "Mentoring ended", w.Manager, (DateTimeOffset?)_clock.Now),
                (a.Outcome, a.OutcomeNote, a.OutcomeRecordedByUserId, a.OutcomeRecordedAt));
        }
        Assert.All(new[] { past, practitioners, otherMentees }, kept => Assert.Null(stored[kept.Id].Outcome));
        var storedReminder = await check.Set<Waymark.Reminders.Reminder>().SingleAsync(r => r.Id == reminder.Id);
        Assert.NotNull(storedReminder.CancelledAt);
        Assert.Equal("Appointment cancelled", storedReminder.CancelReason);
        Assert.Equal(2, await check.AuditEvents.CountAsync(a => a.RecordType == nameof(Appointment) && a.PersonId == w.Person.Id && a.Action == AuditAction.Updated));
    }

    [Fact]
    public async Task A_mentor_sees_only_their_own_mentees_own_appointments_and_own_mentoring_contacts()
    {
        var w = await SetUpAsync();
        var otherMentor = await MemberAsync(w.Team, "Other Mentor", Roles.Volunteer);
        var notMine = APerson().KnownTo(w.Team).Build();
        await SaveAsync(notMine);
        await using (var manager = As(As(w.Team, w.Manager, Roles.TeamManager)))
        {
            await Service(manager).PairAsync(w.Person.Id, new PairingInput(w.Mentor, Today));
            await Service(manager).PairAsync(notMine.Id, new PairingInput(otherMentor, Today));
        }
        Appointment Appt(string worker, double days) => new()
        {
            TeamId = w.Team.Id, PersonId = w.Person.Id, EpisodeId = w.Episode.Id, StartsAt = _clock.Now.AddDays(days), Location = worker == w.Mentor ? "Café" : "Clinic",
            WorkerUserId = worker, BookedByUserId = worker, BookedAt = _clock.Now, Purpose = "Meet",
        };
        Contact Note(string worker, ContactKind kind, string note) => new()
        {
            TeamId = w.Team.Id, PersonId = w.Person.Id, EpisodeId = w.Episode.Id, Kind = kind, Reached = true, OccurredAt = _clock.Now.AddHours(-1),
            WorkerUserId = worker, RecordedByUserId = worker, RecordedAt = _clock.Now, Note = note,
        };
        var next = Appt(w.Mentor, 2);
        await SaveAsync(next, Appt(w.Mentor, 9), Appt(w.Mentor, -3), Appt(w.Practitioner, 1),
            Note(w.Mentor, ContactKind.Mentoring, "Mine"), Note(w.Practitioner, ContactKind.FaceToFace, "Clinical note"), Note(otherMentor, ContactKind.Mentoring, "Theirs"));

        await using var db = As(As(w.Team, w.Mentor, Roles.Volunteer));
        var mentees = await Service(db).MenteesAsync();
        var only = Assert.Single(mentees);
        Assert.Equal((w.Person.Id, w.Person.FullName, (DateTimeOffset?)next.StartsAt), (only.PersonId, only.Name, only.NextMeetingAt));
        Assert.Null(await Service(db).MenteeAsync(notMine.Id));
        var (upcoming, past) = await Service(db).OwnAppointmentsAsync(w.Person.Id);
        Assert.Equal(2, upcoming.Count);
        Assert.Single(past);
        Assert.All(upcoming.Concat(past), a => Assert.Equal(w.Mentor, a.WorkerUserId));
        Assert.Equal(["Mine"], (await Service(db).OwnContactsAsync(w.Person.Id)).Select(c => c.Note));
        Assert.Empty(await Service(db).OwnContactsAsync(notMine.Id));
        Assert.Empty((await Service(db).OwnAppointmentsAsync(notMine.Id)).Upcoming);

        // A case worker is no mentor: the mentor reads answer nothing for them.
        await using var practitioner = As(As(w.Team, w.Practitioner, Roles.Practitioner));
        Assert.Empty(await Service(practitioner).MenteesAsync());
        Assert.Null(await Service(practitioner).MenteeAsync(w.Person.Id));
        // Another team's volunteer with the same user id shape sees nothing of this team.
        var other = await NewTeamAsync();
        await using var elsewhere = As(As(other, w.Mentor, Roles.Volunteer));
        Assert.Empty(await Service(elsewhere).MenteesAsync());
    }

    [Fact]
    public async Task A_mentor_records_a_mentoring_contact_and_books_a_meeting_in_their_name_on_the_open_episode_audited()
    {
        var w = await SetUpAsync();
        await using (var manager = As(As(w.Team, w.Manager, Roles.TeamManager)))
            await Service(manager).PairAsync(w.Person.Id, new PairingInput(w.Mentor, Today.AddDays(-3)));
        await using var db = As(As(w.Team, w.Mentor, Roles.Volunteer));
        var contact = await Service(db).RecordContactAsync(w.Person.Id, new MentoringContactInput(_clock.Now.AddHours(-2), true, 40, "  Walk in the park  "));
        var tomorrow = Today.AddDays(1);
        var meeting = await Service(db).BookAsync(w.Person.Id, new AppointmentInput(tomorrow, "11am", DurationMinutes: 45, Location: "Library café",
            WorkerUserId: "someone-else", Purpose: "Anything", RemindByText: true));

        await using var check = AsSystem();
        var c = await check.Set<Contact>().SingleAsync(x => x.Id == contact.Id);
        Assert.Equal((ContactKind.Mentoring, w.Mentor, w.Mentor, w.Episode.Id, "Walk in the park", 40), (c.Kind, c.WorkerUserId, c.RecordedByUserId, c.EpisodeId, c.Note, c.DurationMinutes ?? 0));
        var a = await check.Set<Appointment>().SingleAsync(x => x.Id == meeting.Id);
        Assert.Equal((w.Mentor, MentoringRules.AppointmentPurpose, false, w.Episode.Id, 45, UkTime.FromLocal(tomorrow, new TimeOnly(11, 0))),
            (a.WorkerUserId, a.Purpose, a.RemindByText, a.EpisodeId ?? Guid.Empty, a.DurationMinutes, a.StartsAt));
        var audits = await check.AuditEvents.Where(e => e.PersonId == w.Person.Id && e.UserId == w.Mentor && e.Action == AuditAction.Created).Select(e => e.RecordType).ToListAsync();
        Assert.Equal(["Appointment", "Contact"], audits.Order());
        Assert.DoesNotContain(await check.AuditEvents.Where(e => e.PersonId == w.Person.Id).Select(e => e.Detail).ToListAsync(), d => d != null && d.Contains("Walk", StringComparison.Ordinal));

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).RecordContactAsync(w.Person.Id, new MentoringContactInput(_clock.Now.AddDays(-10), null, 0, null)));
        Assert.Equal([nameof(MentoringContactInput.DurationMinutes), nameof(MentoringContactInput.OccurredAt), nameof(MentoringContactInput.Reached)], bad.Problems.Select(p => p.Field).Order());
        await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).BookAsync(w.Person.Id, new AppointmentInput(Today.AddDays(-1), "10:00", Location: "")));
    }

    [Fact]
    public async Task Merging_two_people_each_with_an_active_mentor_in_the_team_keeps_the_kept_persons_and_ends_the_other_and_undoing_moves_it_back()
    {
        var w = await SetUpAsync();
        var otherMentor = await MemberAsync(w.Team, "Other Mentor", Roles.Volunteer);
        var jon = APerson().Named("Jon", "Smyth").BornOn(1985, 12, 3).WithPostcode("NS1 4AB").KnownTo(w.Team).Build();
        var john = APerson().Named("John", "Smith").BornOn(1985, 3, 12).WithPostcode("NS1 4AB").KnownTo(w.Team).Build();
        await SaveAsync(jon, john);
        MentoringPairing keptPairing, mergedPairing;
        await using (var manager = As(As(w.Team, w.Manager, Roles.TeamManager)))
        {
            keptPairing = await Service(manager).PairAsync(jon.Id, new PairingInput(w.Mentor, Today));
            mergedPairing = await Service(manager).PairAsync(john.Id, new PairingInput(otherMentor, Today));
        }
        await using (var scanDb = As(As(w.Team, w.Manager, Roles.TeamManager)))
            await new Waymark.Duplicates.DuplicateScan(scanDb, new Auditor(scanDb, scanDb.CurrentUser, _clock), _clock).ScanAsync(w.Team.Id);
        var (x, y) = Waymark.Duplicates.DuplicateCandidate.Order(jon.Id, john.Id);
        var candidate = await QueryAsync(db => db.DuplicateCandidates.SingleAsync(c => c.TeamId == w.Team.Id && c.PersonAId == x && c.PersonBId == y));
        var versions = candidate.PersonAId == jon.Id ? new Waymark.Duplicates.DecisionVersions(candidate.Version, jon.Version, john.Version)
            : new Waymark.Duplicates.DecisionVersions(candidate.Version, john.Version, jon.Version);

        Waymark.Duplicates.PersonMerge merge;
        await using (var db = As(As(w.Team, w.Manager, Roles.TeamManager)))
            merge = (await new Waymark.Duplicates.PersonMerging(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock).MergeAsync(candidate.Id, jon.Id, versions))!;

        await using (var check = AsSystem())
        {
            var rows = await check.Set<MentoringPairing>().Where(p => p.PersonId == jon.Id).ToListAsync();
            Assert.Equal(2, rows.Count);
            Assert.Null(rows.Single(p => p.Id == keptPairing.Id).EndedAt);
            Assert.StartsWith("Records merged", rows.Single(p => p.Id == mergedPairing.Id).EndReason);
        }
        await using (var db = As(As(w.Team, w.Manager, Roles.TeamManager)))
            await new Waymark.Duplicates.PersonMerging(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock).UnmergeAsync(merge.Id, merge.Version);
        Assert.Equal(john.Id, await QueryAsync(db => db.Set<MentoringPairing>().Where(p => p.Id == mergedPairing.Id).Select(p => p.PersonId).SingleAsync()));
    }


    private async Task<T> QueryAsync<T>(Func<WaymarkDbContext, Task<T>> query)
    {
        await using var db = AsSystem();
        return await query(db);
    }
}

public sealed class MentoringServiceTestsOnSqlite(SqliteTestDatabase db) : MentoringServiceTests<SqliteTestDatabase>(db);

public sealed class MentoringServiceTestsOnPostgres(PostgresTestDatabase db) : MentoringServiceTests<PostgresTestDatabase>(db);
