using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Contacts;

/// <summary>Contacts as stored: recording, the episode chosen, corrections and "entered in error", who may change them, the timeline, team scoping.</summary>
public abstract class ContactServiceTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    // Monday 2 March 2026, 10:00 UTC (GMT).
    private readonly FakeClock _clock = new();

    private ContactService Service(WaymarkDbContext db)
    {
        var auditor = new Auditor(db, db.CurrentUser, _clock);
        return new ContactService(db, auditor, db.CurrentUser, _clock, new PersonRecords(db, auditor, _clock));
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

    private async Task<World> SetUpAsync()
    {
        var team = await NewTeamAsync();
        var amira = await WorkerAsync(team, "Amira Test");
        var sam = await WorkerAsync(team, "Sam Support", Roles.SupportWorker);
        var person = APerson().KnownTo(team).Build();
        var episode = AnEpisode().For(person).InTeam(team).IdentifiedAt(_clock.Now.AddDays(-20)).AllocatedTo(amira).Build();
        await SaveAsync(person, episode);
        return new(team, person, episode, amira, sam);
    }

    private static FixedUser As(Team team, string userId, string role = Roles.Practitioner) => new(userId, role, team.Id);

    private ContactInput Call(string worker, bool reached = true, double hoursAgo = 1, string? note = "Talked about housing") =>
        new(ContactKind.Telephone, reached, _clock.Now.AddHours(-hoursAgo), reached ? 15 : null, worker, null, reached ? note : null);

    [Fact]
    public async Task A_call_not_answered_and_a_face_to_face_contact_are_kept_on_the_open_episode_and_audited_without_the_note()
    {
        var w = await SetUpAsync();
        await using var db = As(As(w.Team, w.Amira));
        var attempt = await Service(db).RecordAsync(w.Person.Id, Call(w.Amira, reached: false, hoursAgo: 3));
        var met = await Service(db).RecordAsync(w.Person.Id, new ContactInput(ContactKind.FaceToFace, true, _clock.Now.AddHours(-1), 45, w.Sam, "Mother", "Secret words of the note"));

        await using var check = AsSystem();
        var stored = await check.Set<Contact>().Where(c => c.PersonId == w.Person.Id).OrderBy(c => c.OccurredAt).ToListAsync();
        Assert.Equal([attempt.Id, met.Id], stored.Select(c => c.Id).ToList());
        Assert.All(stored, c => Assert.Equal((w.Episode.Id, w.Team.Id, w.Amira, _clock.Now), (c.EpisodeId, c.TeamId, c.RecordedByUserId, c.RecordedAt)));
        Assert.Equal((false, (int?)null, ""), (stored[0].Reached, stored[0].DurationMinutes, stored[0].Note));
        Assert.Equal((true, (int?)45, w.Sam, "Mother"), (stored[1].Reached, stored[1].DurationMinutes, stored[1].WorkerUserId, stored[1].WithWhom));
        var audits = await check.AuditEvents.Where(a => a.RecordType == "Contact" && a.PersonId == w.Person.Id && a.Action == AuditAction.Created).ToListAsync();
        Assert.Equal(2, audits.Count);
        Assert.DoesNotContain(audits, a => a.Detail!.Contains("Secret", StringComparison.Ordinal) || a.Detail.Contains("Mother", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_two_open_episodes_the_user_picks_one_and_after_discharge_the_contact_is_linked_to_the_person_only()
    {
        var w = await SetUpAsync();
        var second = AnEpisode().For(w.Person).InTeam(w.Team).IdentifiedAt(_clock.Now.AddDays(-2)).Build();
        await SaveAsync(second);
        await using var db = As(As(w.Team, w.Amira));
        var ask = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).RecordAsync(w.Person.Id, Call(w.Amira)));
        Assert.Equal((nameof(ContactInput.EpisodeId), "Select which episode the contact was part of"), (ask.Problems.Single().Field, ask.Problems.Single().Message));
        var picked = await Service(db).RecordAsync(w.Person.Id, Call(w.Amira) with { EpisodeId = second.Id });
        Assert.Equal(second.Id, picked.EpisodeId);

        var discharged = APerson().KnownTo(w.Team).Build();
        var closed = AnEpisode().For(discharged).InTeam(w.Team).AtStatus(EpisodeStatus.Closed).Build();
        await SaveAsync(discharged, closed);
        var after = await Service(db).RecordAsync(discharged.Id, Call(w.Amira));
        Assert.Null(after.EpisodeId);
        var wrong = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).RecordAsync(discharged.Id, Call(w.Amira) with { EpisodeId = closed.Id }));
        Assert.Equal(nameof(ContactInput.EpisodeId), wrong.Problems.Single().Field);
    }

    [Fact]
    public async Task Every_problem_is_listed_together_and_nothing_is_saved()
    {
        var w = await SetUpAsync();
        var outsider = await WorkerAsync(await NewTeamAsync(), "Elsewhere");
        await using var db = As(As(w.Team, w.Amira));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).RecordAsync(w.Person.Id,
            new ContactInput(ContactKind.HomeVisit, true, _clock.Now.AddDays(-40), 0, outsider, null, "")));
        Assert.Equal(
            new[] { nameof(ContactInput.DurationMinutes), nameof(ContactInput.Note), nameof(ContactInput.OccurredAt), nameof(ContactInput.WorkerUserId) }.Order(),
            e.Problems.Select(p => p.Field).Order());
        Assert.Equal(0, await CountAsync(x => x.Set<Contact>().Where(c => c.PersonId == w.Person.Id)));
    }

    [Fact]
    public async Task Another_team_cannot_record_for_see_or_change_a_person_it_does_not_know()
    {
        var w = await SetUpAsync();
        await using (var db = As(As(w.Team, w.Amira)))
            await Service(db).RecordAsync(w.Person.Id, Call(w.Amira));
        var contactId = (await QueryAsync(x => x.Set<Contact>().SingleAsync(c => c.PersonId == w.Person.Id))).Id;
        var other = await NewTeamAsync();
        var stranger = await WorkerAsync(other, "Stranger");
        await using var theirs = As(As(other, stranger));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(theirs).RecordAsync(w.Person.Id, Call(stranger)));
        Assert.Null(await Service(theirs).TimelineAsync(w.Person.Id, new TimelineFilter(), 1));
        Assert.Null(await Service(theirs).HistoryAsync(contactId));
        Assert.Empty((await Service(theirs).RecentAsync(w.Person.Id)).Latest);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(theirs).CorrectAsync(contactId, Call(stranger)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(theirs).MarkEnteredInErrorAsync(contactId, "Wrong person"));
    }

    [Fact]
    public async Task A_team_that_also_knows_the_person_sees_the_contact_but_cannot_change_it()
    {
        var w = await SetUpAsync();
        Contact contact;
        await using (var db = As(As(w.Team, w.Amira)))
            contact = await Service(db).RecordAsync(w.Person.Id, Call(w.Amira));
        var other = await NewTeamAsync();
        var manager = await WorkerAsync(other, "Other manager", Roles.TeamManager);
        await SaveAsync(PersonTeamLink.For(w.Person, other.Id, _clock.Now));
        await using var theirs = As(As(other, manager, Roles.TeamManager));
        Assert.NotNull(await Service(theirs).HistoryAsync(contact.Id));
        var refused = await Assert.ThrowsAsync<ContactRuleException>(() => Service(theirs).MarkEnteredInErrorAsync(contact.Id, "Not ours"));
        Assert.Contains("another team", refused.Message);
    }

    [Fact]
    public async Task A_correction_supersedes_the_contact_in_one_save_keeps_its_episode_and_cannot_be_made_twice()
    {
        var w = await SetUpAsync();
        await using var db = As(As(w.Team, w.Amira));
        var first = await Service(db).RecordAsync(w.Person.Id, Call(w.Amira));
        _clock.Advance(TimeSpan.FromMinutes(10));
        var fixedUp = await Service(db).CorrectAsync(first.Id, new ContactInput(ContactKind.Video, true, first.OccurredAt, 30, w.Amira, null, "It was a video call"));

        await using var check = AsSystem();
        var old = await check.Set<Contact>().SingleAsync(c => c.Id == first.Id);
        var now = await check.Set<Contact>().SingleAsync(c => c.Id == fixedUp.Id);
        Assert.Equal(_clock.Now, old.SupersededAt);
        Assert.Equal((first.Id, w.Episode.Id, ContactKind.Video, (DateTimeOffset?)null), (now.SupersedesId, now.EpisodeId, now.Kind, now.SupersededAt));
        Assert.Equal("Talked about housing", old.Note);
        var again = await Assert.ThrowsAsync<ContactRuleException>(() => Service(db).CorrectAsync(first.Id, Call(w.Amira)));
        Assert.Contains("already been corrected", again.Message);

        var history = await Service(db).HistoryAsync(first.Id);
        Assert.Equal([first.Id, fixedUp.Id], history!.Versions.Select(v => v.Id).ToList());
        Assert.Equal(fixedUp.Id, history.CorrectedBy!.Id);
    }

    [Fact]
    public async Task Two_people_correcting_the_same_contact_at_once_make_one_correction_not_two()
    {
        var w = await SetUpAsync();
        var manager = await WorkerAsync(w.Team, "Manager", Roles.TeamManager);
        Contact contact;
        await using (var db = As(As(w.Team, w.Amira)))
            contact = await Service(db).RecordAsync(w.Person.Id, Call(w.Amira));
        await using var first = As(As(w.Team, w.Amira));
        await using var second = As(As(w.Team, manager, Roles.TeamManager));
        var results = await Task.WhenAll(
            Attempt(() => Service(first).CorrectAsync(contact.Id, Call(w.Amira, note: "First editor"))),
            Attempt(() => Service(second).CorrectAsync(contact.Id, Call(w.Amira, note: "Second editor"))));
        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is ContactRuleException or ConcurrencyConflictException);
        Assert.Equal(1, await CountAsync(x => x.Set<Contact>().Where(c => c.SupersedesId == contact.Id)));

        // The unique index itself: a second version of the same contact cannot be stored, whatever the service checked.
        await using var raw = AsSystem();
        raw.Add(new Contact { TeamId = w.Team.Id, PersonId = w.Person.Id, Kind = ContactKind.Letter, OccurredAt = _clock.Now, WorkerUserId = w.Amira, RecordedByUserId = w.Amira, SupersedesId = contact.Id });
        await Assert.ThrowsAsync<DbUpdateException>(() => raw.SaveChangesAsync());
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try { await action(); return null; }
        catch (Exception e) { return e; }
    }

    [Fact]
    public async Task Only_the_recorder_or_a_team_manager_may_correct_or_mark_in_error_and_a_reason_is_required()
    {
        var w = await SetUpAsync();
        Contact contact;
        await using (var db = As(As(w.Team, w.Amira)))
            contact = await Service(db).RecordAsync(w.Person.Id, Call(w.Amira));
        await using (var colleague = As(As(w.Team, w.Sam, Roles.SupportWorker)))
        {
            var refused = await Assert.ThrowsAsync<ContactRuleException>(() => Service(colleague).CorrectAsync(contact.Id, Call(w.Sam)));
            Assert.Equal(ContactService.OnlyRecorderOrManager, refused.Message);
            await Assert.ThrowsAsync<ContactRuleException>(() => Service(colleague).MarkEnteredInErrorAsync(contact.Id, "Wrong person"));
        }
        var manager = await WorkerAsync(w.Team, "Manager", Roles.TeamManager);
        await using var boss = As(As(w.Team, manager, Roles.TeamManager));
        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(boss).MarkEnteredInErrorAsync(contact.Id, " "));
        Assert.Equal("Reason", noReason.Problems.Single().Field);
        await Service(boss).MarkEnteredInErrorAsync(contact.Id, "Recorded on the wrong person");

        await using var check = AsSystem();
        var stored = await check.Set<Contact>().SingleAsync(c => c.Id == contact.Id);
        Assert.Equal((manager, (DateTimeOffset?)_clock.Now, "Recorded on the wrong person"), (stored.EnteredInErrorByUserId, stored.EnteredInErrorAt, stored.EnteredInErrorReason));
        Assert.True(await check.AuditEvents.AnyAsync(a => a.RecordId == contact.Id.ToString() && a.Action == AuditAction.Updated && a.Detail == "Marked as entered in error"));
        await Assert.ThrowsAsync<ContactRuleException>(() => Service(boss).CorrectAsync(contact.Id, Call(manager)));
        Assert.Empty((await Service(boss).RecentAsync(w.Person.Id)).Latest);
    }

    [Fact]
    public async Task The_timeline_merges_contacts_appointments_and_milestones_newest_first_and_hides_corrected_ones_unless_asked()
    {
        var w = await SetUpAsync();
        var booked = new Appointment { TeamId = w.Team.Id, PersonId = w.Person.Id, EpisodeId = w.Episode.Id, StartsAt = _clock.Now.AddDays(-5), Purpose = "Housing options", Location = "Library", WorkerUserId = w.Sam, BookedByUserId = w.Sam, BookedAt = _clock.Now.AddDays(-6) };
        var moved = new Appointment { TeamId = w.Team.Id, PersonId = w.Person.Id, EpisodeId = w.Episode.Id, StartsAt = _clock.Now.AddDays(-4), Purpose = "Housing options", WorkerUserId = w.Sam, BookedByUserId = w.Sam, BookedAt = _clock.Now.AddDays(-6), SupersedesId = booked.Id, Outcome = AppointmentOutcome.Attended };
        await SaveAsync(booked, moved);
        await using var db = As(As(w.Team, w.Amira));
        var wrong = await Service(db).RecordAsync(w.Person.Id, Call(w.Amira, hoursAgo: 2));
        var right = await Service(db).CorrectAsync(wrong.Id, Call(w.Amira, hoursAgo: 2, note: "Corrected note"));
        await Service(db).RecordAsync(w.Person.Id, Call(w.Sam, reached: false, hoursAgo: 30));

        var page = (await Service(db).TimelineAsync(w.Person.Id, new TimelineFilter(), 1))!;
        Assert.Equal(page.Items.OrderByDescending(i => i.At).Select(i => i.At), page.Items.Select(i => i.At));
        var contactItems = page.Items.Where(i => i.Type == TimelineEntryType.Contact).ToList();
        Assert.Equal(right.Id, contactItems[0].RecordId);
        Assert.Equal(("Sam Support", "Not reached"), (contactItems[1].ByName, contactItems[1].Status));
        Assert.Equal("Record created", page.Items[0].Title); // the record was created now, after both contacts
        Assert.Equal("Attended", page.Items.Single(i => i.RecordId == moved.Id).Status);
        Assert.Equal("Rescheduled", page.Items.Single(i => i.RecordId == booked.Id).Status);
        Assert.Contains(page.Items, i => i.Type == TimelineEntryType.Milestone && i.Title == "Record created");
        Assert.DoesNotContain(page.Items, i => i.RecordId == wrong.Id);
        Assert.False(page.HasNext);

        var all = (await Service(db).TimelineAsync(w.Person.Id, new TimelineFilter { IncludeCorrected = true }, 1))!;
        Assert.Equal("Corrected", all.Items.Single(i => i.RecordId == wrong.Id).Status);

        var attempts = (await Service(db).TimelineAsync(w.Person.Id, new TimelineFilter { Reached = false }, 1))!;
        Assert.Equal(TimelineEntryType.Contact, Assert.Single(attempts.Items).Type);
        var bySam = (await Service(db).TimelineAsync(w.Person.Id, new TimelineFilter { WorkerUserId = w.Sam }, 1))!;
        Assert.Equal(3, bySam.Items.Count); // his attempt and his two appointments
        var lastWeek = (await Service(db).TimelineAsync(w.Person.Id, new TimelineFilter { From = UkTime.Today(_clock).AddDays(-5), To = UkTime.Today(_clock).AddDays(-4) }, 1))!;
        Assert.Equal([moved.Id, booked.Id], lastWeek.Items.Select(i => i.RecordId!.Value).ToList());
        var faceToFace = (await Service(db).TimelineAsync(w.Person.Id, new TimelineFilter { Kinds = [ContactKind.FaceToFace] }, 1))!;
        Assert.Empty(faceToFace.Items);
    }

    [Fact]
    public async Task The_timeline_is_paged_by_25_with_nothing_lost_or_repeated_and_recent_contacts_show_the_last_reached()
    {
        var w = await SetUpAsync();
        var contacts = Enumerable.Range(1, 60).Select(i => new Contact
        {
            TeamId = w.Team.Id, PersonId = w.Person.Id, EpisodeId = w.Episode.Id, Kind = ContactKind.Telephone, Reached = i % 3 == 0,
            OccurredAt = _clock.Now.AddHours(-i * 5), WorkerUserId = w.Amira, RecordedByUserId = w.Amira, RecordedAt = _clock.Now, Note = $"Call {i}",
        }).ToArray<object>();
        await SaveAsync(contacts);
        await using var db = As(As(w.Team, w.Amira));
        var filter = new TimelineFilter { Kinds = [ContactKind.Telephone] };
        var seen = new List<Guid>();
        for (var p = 1; p <= 3; p++)
        {
            var page = (await Service(db).TimelineAsync(w.Person.Id, filter, p))!;
            Assert.Equal(p < 3, page.HasNext);
            Assert.Equal(p < 3 ? 25 : 10, page.Items.Count);
            seen.AddRange(page.Items.Select(i => i.RecordId!.Value));
        }
        Assert.Equal(60, seen.Distinct().Count());
        Assert.Empty((await Service(db).TimelineAsync(w.Person.Id, filter, 4))!.Items);

        var recent = await Service(db).RecentAsync(w.Person.Id);
        Assert.Equal(ContactService.RecentCount, recent.Latest.Count);
        Assert.Equal(_clock.Now.AddHours(-15), recent.LastReachedAt); // the 3rd call is the latest reached
        Assert.Equal("Amira Test", recent.Latest[0].WorkerName);
    }

    private async Task<T> QueryAsync<T>(Func<WaymarkDbContext, Task<T>> query)
    {
        await using var db = AsSystem();
        return await query(db);
    }
}

public sealed class ContactServiceTestsOnSqlite(SqliteTestDatabase db) : ContactServiceTests<SqliteTestDatabase>(db);

public sealed class ContactServiceTestsOnPostgres(PostgresTestDatabase db) : ContactServiceTests<PostgresTestDatabase>(db);
