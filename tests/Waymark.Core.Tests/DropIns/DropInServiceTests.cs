using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Core.Tests.Support;
using Waymark.DropIns;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.SupportNetworks;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.DropIns;

/// <summary>Drop-ins as stored: the drop-in and its contact, reopening support, who may, the day's list, team scoping; a contact with a support-network member.</summary>
public abstract class DropInServiceTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();

    private DropInService Service(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

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

    private sealed record World(Team Team, Person Person, Episode Last, string Amira, string Sam);

    /// <summary>A team with a practitioner and a support worker, and a person whose only episode closed a month ago.</summary>
    private async Task<World> DischargedAsync()
    {
        var team = await NewTeamAsync();
        var amira = await WorkerAsync(team, "Amira Test");
        var sam = await WorkerAsync(team, "Sam Support", Roles.SupportWorker);
        var person = APerson().KnownTo(team).CreatedAt(_clock.Now.AddDays(-200)).Build();
        var last = AnEpisode().For(person).InTeam(team).IdentifiedAt(_clock.Now.AddDays(-150)).AllocatedTo(amira).ClosedBecause(ClosureReason.SupportCompleted).Build();
        await SaveAsync(person, last);
        return new(team, person, last, amira, sam);
    }

    private static FixedUser As(Team team, string userId, string role = Roles.Practitioner) => new(userId, role, team.Id);

    private DropInInput Input(string seenBy, double minutesAgo = 30) =>
        new(_clock.Now.AddMinutes(-minutesAgo), DropInReasons.FeelingACrisisComing, "Secret words about why", "Secret words of what helped", [seenBy]);

    [Fact]
    public async Task A_drop_in_of_a_discharged_person_writes_a_reached_drop_in_contact_on_the_person_only_and_audits_no_free_text()
    {
        var w = await DischargedAsync();
        await using var db = As(As(w.Team, w.Sam, Roles.SupportWorker));
        var (dropIn, reopened) = await Service(db).RecordAsync(w.Person.Id, Input(w.Sam));
        Assert.Null(reopened);

        await using var check = AsSystem();
        var stored = await check.Set<DropIn>().SingleAsync(d => d.PersonId == w.Person.Id);
        var contact = await check.Set<Contact>().SingleAsync(c => c.PersonId == w.Person.Id);
        Assert.Equal((dropIn.Id, (Guid?)null, w.Team.Id, contact.Id), (stored.Id, stored.EpisodeId, stored.TeamId, stored.ContactId));
        Assert.Equal((ContactKind.DropIn, true, (Guid?)null, w.Sam, _clock.Now.AddMinutes(-30)), (contact.Kind, contact.Reached, contact.EpisodeId, contact.WorkerUserId, contact.OccurredAt));
        Assert.Contains("Secret words of what helped", contact.Note, StringComparison.Ordinal);
        var audits = await check.AuditEvents.Where(a => a.PersonId == w.Person.Id).ToListAsync();
        Assert.Contains(audits, a => a.RecordType == "DropIn" && a.Action == AuditAction.Created);
        Assert.DoesNotContain(audits, a => a.Detail != null && a.Detail.Contains("Secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reopening_in_the_same_step_creates_an_in_support_episode_linked_to_the_last_with_the_teams_default_planned_end()
    {
        var w = await DischargedAsync();
        await using var db = As(As(w.Team, w.Amira));
        var (dropIn, reopened) = await Service(db).RecordAsync(w.Person.Id, Input(w.Amira), ReopenChoice.Support);

        await using var check = AsSystem();
        var episode = await check.Episodes.SingleAsync(e => e.Id == reopened!.Id);
        Assert.Equal((EpisodeStatus.InSupport, (Guid?)w.Last.Id, w.Amira, Setting.SelfReferral), (episode.Status, episode.ReopenedFromEpisodeId, episode.KeyWorkerId, episode.Setting));
        Assert.Null(episode.ScreenedAt);
        Assert.Equal(Waymark.Episodes.PlannedEnds.Default(_clock.Now, Waymark.Support.SupportSettings.DefaultSupportMonths), episode.PlannedEndDate);
        Assert.Single(await check.Set<PlannedEndChange>().Where(c => c.EpisodeId == episode.Id).ToListAsync());
        Assert.Equal(episode.Id, (await check.Set<DropIn>().SingleAsync(d => d.Id == dropIn.Id)).ReopenedEpisodeId);
        Assert.Contains(await check.AuditEvents.Where(a => a.RecordType == "Episode" && a.RecordId == episode.Id.ToString()).ToListAsync(),
            a => a.Detail!.StartsWith("Reopened from a drop-in", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ReopenChoice.Support, false)]
    [InlineData(ReopenChoice.ScreenAgain, false)]
    [InlineData(ReopenChoice.Support, true)]
    [InlineData(ReopenChoice.ScreenAgain, true)]
    public async Task Reopening_links_the_drop_in_and_its_contact_to_the_new_episode_in_the_same_save(ReopenChoice choice, bool later)
    {
        var w = await DischargedAsync();
        Guid dropInId, episodeId;
        if (later)
        {
            await using (var first = As(As(w.Team, w.Amira))) (dropInId, _) = (await Service(first).RecordAsync(w.Person.Id, Input(w.Amira))).DropIn is var d ? (d.Id, d.Version) : default;
            var version = (await AsSystem().Set<DropIn>().SingleAsync(x => x.Id == dropInId)).Version;
            await using var db = As(As(w.Team, w.Amira));
            episodeId = (await Service(db).ReopenAsync(dropInId, version, choice == ReopenChoice.ScreenAgain)).Id;
        }
        else
        {
            await using var db = As(As(w.Team, w.Amira));
            var (dropIn, reopened) = await Service(db).RecordAsync(w.Person.Id, Input(w.Amira), choice);
            (dropInId, episodeId) = (dropIn.Id, reopened!.Id);
        }

        await using var check = AsSystem();
        var stored = await check.Set<DropIn>().SingleAsync(d => d.Id == dropInId);
        var contact = await check.Set<Contact>().SingleAsync(c => c.Id == stored.ContactId);
        Assert.Equal(((Guid?)episodeId, (Guid?)episodeId, (Guid?)episodeId), (stored.EpisodeId, stored.ReopenedEpisodeId, contact.EpisodeId));
    }

    [Fact]
    public async Task Screening_again_leaves_the_reopened_episode_at_identified_without_a_planned_end()
    {
        var w = await DischargedAsync();
        await using var db = As(As(w.Team, w.Amira));
        var (dropIn, _) = await Service(db).RecordAsync(w.Person.Id, Input(w.Amira));
        var episode = await Service(db).ReopenAsync(dropIn.Id, dropIn.Version, screenAgain: true);
        await using var check = AsSystem();
        var stored = await check.Episodes.SingleAsync(e => e.Id == episode.Id);
        Assert.Equal((EpisodeStatus.Identified, (DateOnly?)null, (Guid?)w.Last.Id), (stored.Status, stored.PlannedEndDate, stored.ReopenedFromEpisodeId));
    }

    [Fact]
    public async Task A_support_worker_records_a_drop_in_but_cannot_reopen_and_nothing_is_saved_when_they_try()
    {
        var w = await DischargedAsync();
        await using var db = As(As(w.Team, w.Sam, Roles.SupportWorker));
        var refused = await Assert.ThrowsAsync<DropInRuleException>(() => Service(db).RecordAsync(w.Person.Id, Input(w.Sam), ReopenChoice.Support));
        Assert.Equal(DropInService.OnlyClinicalReopen, refused.Message);
        await using var check = AsSystem();
        Assert.False(await check.Set<DropIn>().AnyAsync(d => d.PersonId == w.Person.Id));
        Assert.Equal(1, await check.Episodes.CountAsync(e => e.PersonId == w.Person.Id));
    }

    [Fact]
    public async Task Reopening_is_refused_when_an_episode_is_open_and_twice_from_one_drop_in()
    {
        var w = await DischargedAsync();
        await using var db = As(As(w.Team, w.Amira));
        var (dropIn, _) = await Service(db).RecordAsync(w.Person.Id, Input(w.Amira), ReopenChoice.Support);
        var again = await Assert.ThrowsAsync<DropInRuleException>(() => Service(db).ReopenAsync(dropIn.Id, dropIn.Version, false));
        Assert.NotNull(again.OpenEpisodeId);
        var (second, _) = await Service(db).RecordAsync(w.Person.Id, Input(w.Amira, 10));
        Assert.NotNull(second.EpisodeId); // linked to the reopened (open) episode
        var open = await Assert.ThrowsAsync<DropInRuleException>(() => Service(db).ReopenAsync(second.Id, second.Version, false));
        Assert.Equal(second.EpisodeId, open.OpenEpisodeId);
    }

    [Fact]
    public async Task Every_problem_is_listed_including_someone_outside_the_team_and_nothing_is_saved()
    {
        var w = await DischargedAsync();
        var outsider = await WorkerAsync(await NewTeamAsync(), "Elsewhere");
        await using var db = As(As(w.Team, w.Amira));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(db).RecordAsync(w.Person.Id,
            new DropInInput(_clock.Now.AddHours(2), DropInReasons.None, null, "", [outsider])));
        Assert.Equal(["ArrivedAt", "Reasons", "SeenBy", "WhatHelped"], e.Problems.Select(p => p.Field).Order(StringComparer.Ordinal).ToList());
        await using var check = AsSystem();
        Assert.False(await check.Set<Contact>().AnyAsync(c => c.PersonId == w.Person.Id));
    }

    [Fact]
    public async Task The_days_list_shows_only_the_teams_drop_ins_of_that_uk_day_and_another_team_cannot_see_an_unknown_person()
    {
        var w = await DischargedAsync();
        var other = await NewTeamAsync();
        var otherWorker = await WorkerAsync(other, "Other Worker");
        // The other team knows the person too, and records its own drop-in today.
        await using (var sys = AsSystem())
        {
            var p = await sys.People.Include(x => x.TeamLinks).SingleAsync(x => x.Id == w.Person.Id);
            p.TeamLinks.Add(PersonTeamLink.For(p, other.Id, _clock.Now.AddDays(-5)));
            await sys.SaveChangesAsync();
        }
        await using (var db = As(As(w.Team, w.Amira)))
        {
            await Service(db).RecordAsync(w.Person.Id, Input(w.Amira, 60));
            await Service(db).RecordAsync(w.Person.Id, Input(w.Amira, 60 * 24 + 60)); // yesterday
        }
        await using (var db = As(As(other, otherWorker))) await Service(db).RecordAsync(w.Person.Id, Input(otherWorker, 30));

        await using var mine = As(As(w.Team, w.Amira));
        var today = await Service(mine).DayAsync(UkTime.DateOf(_clock.Now), 1);
        var row = Assert.Single(today.Items);
        Assert.Equal((w.Person.Id, "Amira Test", false), (row.PersonId, string.Join(", ", row.SeenByNames), row.Reopened));
        Assert.Single((await Service(mine).DayAsync(UkTime.DateOf(_clock.Now).AddDays(-1), 1)).Items);

        var stranger = await NewTeamAsync();
        await using var theirs = As(As(stranger, "nobody"));
        Assert.Null(await Service(theirs).PersonAsync(w.Person.Id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(theirs).RecordAsync(w.Person.Id, Input("nobody")));
    }

    [Fact]
    public async Task A_contact_with_a_support_network_member_is_refused_for_do_not_contact_another_persons_member_and_kept_otherwise()
    {
        var w = await DischargedAsync();
        var someoneElse = APerson().KnownTo(w.Team).CreatedAt(_clock.Now.AddDays(-20)).Build();
        await SaveAsync(someoneElse);
        await using var db = As(As(w.Team, w.Amira));
        var auditor = new Auditor(db, db.CurrentUser, _clock);
        var network = new SupportNetworkService(db, auditor, db.CurrentUser, _clock);
        SupportNetworkInput Member(string name, bool dnc = false) => new(name, Relationship.Parent, null, null, null, null, !dnc, dnc, dnc ? "Risk to the person" : null, false, false, null);
        var mother = await network.AddAsync(w.Person.Id, Member("Maya Test"));
        var father = await network.AddAsync(w.Person.Id, Member("Idris Test", dnc: true));
        var theirs = await network.AddAsync(someoneElse.Id, Member("Other Parent"));
        var contacts = new ContactService(db, auditor, db.CurrentUser, _clock, new PersonRecords(db, auditor, _clock));
        ContactInput With(Guid member) => new(ContactKind.WithFamily, true, _clock.Now.AddHours(-1), null, w.Amira, null, "Spoke about the weekend", SupportNetworkMemberId: member);

        var dnc = await Assert.ThrowsAsync<ValidationFailedException>(() => contacts.RecordAsync(w.Person.Id, With(father.Id)));
        Assert.Equal("Idris Test must not be contacted: Risk to the person", dnc.Problems.Single().Message);
        var wrong = await Assert.ThrowsAsync<ValidationFailedException>(() => contacts.RecordAsync(w.Person.Id, With(theirs.Id)));
        Assert.Equal(nameof(ContactInput.SupportNetworkMemberId), wrong.Problems.Single().Field);
        var kept = await contacts.RecordAsync(w.Person.Id, With(mother.Id));
        Assert.Equal(mother.Id, kept.SupportNetworkMemberId);
        var timeline = await contacts.TimelineAsync(w.Person.Id, new TimelineFilter(), 1);
        Assert.Equal("Maya Test (Parent)", timeline!.Items.Single(i => i.RecordId == kept.Id).NetworkMember);
    }

    [Fact]
    public async Task Two_editors_of_a_member_the_second_is_refused_and_a_removed_member_is_kept()
    {
        var w = await DischargedAsync();
        await using var db = As(As(w.Team, w.Amira));
        var network = new SupportNetworkService(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);
        var input = new SupportNetworkInput("Maya Test", Relationship.Parent, null, null, null, null, false, false, null, false, false, null);
        var m = await network.AddAsync(w.Person.Id, input);
        var version = m.Version;
        await using (var first = As(As(w.Team, w.Amira)))
            await new SupportNetworkService(first, new Auditor(first, first.CurrentUser, _clock), first.CurrentUser, _clock).ChangeAsync(m.Id, version, input with { ConsentToContact = true });
        await using (var second = As(As(w.Team, w.Amira)))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
                new SupportNetworkService(second, new Auditor(second, second.CurrentUser, _clock), second.CurrentUser, _clock).ChangeAsync(m.Id, version, input with { Name = "Maya Changed" }));
        await using (var third = As(As(w.Team, w.Amira)))
        {
            var service = new SupportNetworkService(third, new Auditor(third, third.CurrentUser, _clock), third.CurrentUser, _clock);
            var now = (await service.FindAsync(m.Id))!;
            Assert.True(now.ConsentToContact);
            await service.RemoveAsync(m.Id, now.Version, "Moved away");
            Assert.Empty(await service.ListAsync(w.Person.Id));
            Assert.Equal("Moved away", (await service.ListAsync(w.Person.Id, includeRemoved: true)).Single().RemovedReason);
        }
    }
}

public sealed class DropInServiceTestsOnSqlite(SqliteTestDatabase db) : DropInServiceTests<SqliteTestDatabase>(db);

public sealed class DropInServiceTestsOnPostgres(PostgresTestDatabase db) : DropInServiceTests<PostgresTestDatabase>(db);
