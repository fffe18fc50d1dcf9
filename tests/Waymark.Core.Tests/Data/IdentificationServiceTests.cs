using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.Identification;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data;

public abstract class IdentificationServiceTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();

    private static readonly DateTimeOffset IdentifiedAt = new(2026, 3, 2, 8, 15, 0, TimeSpan.Zero);

    private static IdentificationService Service(WaymarkDbContext db, ICurrentUser user, TimeProvider clock) =>
        new(db, new Auditor(db, user, clock), user, clock);

    /// <summary>Fills in every step of the journey for a new person.</summary>
    private static void Answer(IdentificationDraft d, string given = "Kai", string family = "Newman", DateOnly? dob = null)
    {
        d.Setting = Setting.PoliceCustody;
        d.SettingReference = "CR/123/26";
        d.IdentifiedAt = IdentifiedAt;
        d.IdentifiedBySource = "Custody sergeant";
        d.IdentificationReason = "Hearing voices; first time in custody";
        d.VulnerabilityPrompts = "mental-health housing";
        d.GivenName = given;
        d.FamilyName = family;
        d.DateOfBirth = dob ?? new DateOnly(1990, 1, 1);
        d.Sex = Sex.Male;
        d.NhsNumber = "9434765919";
        d.IsNewPerson = true;
    }

    [Fact]
    public async Task Completing_a_journey_creates_the_person_episode_team_link_and_audit_events_in_one_save()
    {
        var team = await NewTeamAsync();
        var user = PractitionerIn(team, "amira");
        var counter = new SaveChangesCounter();
        Episode episode;
        await using (var db = As(user, counter))
        {
            var service = Service(db, user, _clock);
            var draft = await service.StartAsync();
            Answer(draft);
            _clock.Advance(TimeSpan.FromMinutes(20));
            var savesBefore = counter.Saves;

            episode = await service.CompleteAsync(draft);

            Assert.Equal(1, counter.Saves - savesBefore);
        }

        await using var check = As(user);
        var person = await check.People.Include(p => p.TeamLinks).SingleAsync(p => p.Id == episode.PersonId);
        Assert.Equal(("Kai", "Newman", "kai", "newman"), (person.GivenName, person.FamilyName, person.GivenNameKey, person.FamilyNameKey));
        Assert.Equal("9434765919", person.NhsNumber);
        Assert.Equal("amira", person.CreatedBy);
        Assert.Equal(team.Id, Assert.Single(person.TeamLinks).TeamId);

        var saved = await check.Episodes.SingleAsync(e => e.Id == episode.Id);
        Assert.Equal(team.Id, saved.TeamId);
        Assert.Equal(EpisodeStatus.Identified, saved.Status);
        Assert.Equal(IdentifiedAt, saved.IdentifiedAt);
        Assert.Equal(_clock.Now, saved.RecordedAt);
        Assert.Equal("amira", saved.IdentifiedByUserId);
        Assert.Equal(Setting.PoliceCustody, saved.Setting);
        Assert.Equal(["mental-health", "housing"], saved.Vulnerabilities);
        Assert.Equal(36, saved.AgeAtIdentification);
        Assert.False(saved.IsYouth);

        var audit = await check.AuditEvents.Where(a => a.PersonId == person.Id).OrderBy(a => a.RecordType).ToListAsync();
        Assert.Equal([("Episode", AuditAction.Created), ("Person", AuditAction.Created)], audit.Select(a => (a.RecordType, a.Action)));
        Assert.All(audit, a =>
        {
            Assert.Equal("amira", a.UserId);
            Assert.Equal(Roles.Practitioner, a.Role);
            Assert.Equal(team.Id, a.TeamId);
            Assert.Equal(_clock.Now, a.At);
        });
        Assert.Equal(episode.Id.ToString(), audit[0].RecordId);
        Assert.Equal(person.Id.ToString(), audit[1].RecordId);
    }

    [Fact]
    public async Task The_draft_is_removed_once_the_journey_is_complete()
    {
        var team = await NewTeamAsync();
        var user = PractitionerIn(team, "amira");
        Guid draftId;
        await using (var db = As(user))
        {
            var service = Service(db, user, _clock);
            var draft = await service.StartAsync();
            draftId = draft.Id;
            Assert.NotNull(await service.FindDraftAsync(draftId));
        }
        // The journey carries on in another request (another context), as it would in the web app.
        await using (var db = As(user))
        {
            var service = Service(db, user, _clock);
            var draft = await service.FindDraftAsync(draftId);
            Assert.NotNull(draft);
            Answer(draft);
            await service.CompleteAsync(draft);
        }

        Assert.Equal(0, await CountAsync(db => db.IdentificationDrafts.Where(d => d.Id == draftId)));
    }

    [Fact]
    public async Task Someone_under_18_when_identified_is_a_youth_episode()
    {
        var team = await NewTeamAsync();
        var user = PractitionerIn(team);
        await using var db = As(user);
        var service = Service(db, user, _clock);
        var draft = await service.StartAsync();
        // 18 tomorrow: still a youth today.
        Answer(draft, dob: DateOnly.FromDateTime(IdentifiedAt.UtcDateTime).AddYears(-18).AddDays(1));

        var episode = await service.CompleteAsync(draft);

        Assert.True(episode.IsYouth);
        Assert.Equal(17, episode.AgeAtIdentification);
    }

    [Fact]
    public async Task Someone_identified_on_their_18th_birthday_is_not_a_youth_episode()
    {
        var team = await NewTeamAsync();
        var user = PractitionerIn(team);
        await using var db = As(user);
        var service = Service(db, user, _clock);
        var draft = await service.StartAsync();
        Answer(draft, dob: DateOnly.FromDateTime(IdentifiedAt.UtcDateTime).AddYears(-18));

        var episode = await service.CompleteAsync(draft);

        Assert.False(episode.IsYouth);
        Assert.Equal(18, episode.AgeAtIdentification);
    }

    [Fact]
    public async Task Choosing_a_known_person_adds_an_episode_without_a_second_person_record()
    {
        var team = await NewTeamAsync();
        var known = APerson().Named("Kai", "Known").KnownTo(team).Build();
        await SaveAsync(known);
        var user = PractitionerIn(team);

        await using (var db = As(user))
        {
            var service = Service(db, user, _clock);
            var draft = await service.StartAsync();
            Answer(draft, "Kai", "Known");
            (draft.IsNewPerson, draft.ExistingPersonId) = (false, known.Id);
            var episode = await service.CompleteAsync(draft);
            Assert.Equal(known.Id, episode.PersonId);
        }

        await using var check = AsSystem();
        Assert.Equal(1, await check.People.CountAsync(p => p.FamilyName == "Known" && p.TeamLinks.Any(l => l.TeamId == team.Id)));
        Assert.Equal(1, await check.PersonTeamLinks.CountAsync(l => l.PersonId == known.Id));
        Assert.Equal(1, await check.Episodes.CountAsync(e => e.PersonId == known.Id));
        Assert.False(await check.AuditEvents.AnyAsync(a => a.PersonId == known.Id && a.RecordType == "Person"));
    }

    [Fact]
    public async Task Choosing_a_person_the_team_cannot_see_is_refused_and_nothing_is_saved()
    {
        var ours = await NewTeamAsync();
        var theirs = await NewTeamAsync();
        var hidden = APerson().Named("Hidden", "Person").KnownTo(theirs).Build();
        await SaveAsync(hidden);
        var user = PractitionerIn(ours);
        Guid draftId;

        await using (var db = As(user))
        {
            var service = Service(db, user, _clock);
            var draft = await service.StartAsync();
            draftId = draft.Id;
            Answer(draft);
            (draft.IsNewPerson, draft.ExistingPersonId) = (false, hidden.Id);

            var ex = await Assert.ThrowsAsync<EpisodeRuleException>(() => service.CompleteAsync(draft));
            Assert.Equal("The person you chose is no longer available. Search again.", ex.Message);
        }

        await using var check = AsSystem();
        Assert.False(await check.Episodes.AnyAsync(e => e.PersonId == hidden.Id));
        Assert.False(await check.PersonTeamLinks.AnyAsync(l => l.PersonId == hidden.Id && l.TeamId == ours.Id));
        Assert.True(await check.IdentificationDrafts.AnyAsync(d => d.Id == draftId));
    }

    [Fact]
    public async Task An_unfinished_journey_cannot_be_completed()
    {
        var team = await NewTeamAsync();
        var user = PractitionerIn(team);
        await using var db = As(user);
        var service = Service(db, user, _clock);
        var draft = await service.StartAsync();
        Answer(draft);
        draft.IdentificationReason = " ";

        var ex = await Assert.ThrowsAsync<EpisodeRuleException>(() => service.CompleteAsync(draft));

        Assert.Contains("Some answers are missing", ex.Message);
    }

    [Fact]
    public async Task Starting_a_journey_discards_the_users_own_journeys_older_than_a_week()
    {
        var team = await NewTeamAsync();
        var user = PractitionerIn(team, "amira");
        var colleague = PractitionerIn(team, "ben");
        Guid stale, recent, colleagues;
        await using (var db = As(user)) stale = (await Service(db, user, _clock).StartAsync()).Id;
        _clock.Advance(TimeSpan.FromDays(2));
        await using (var db = As(user)) recent = (await Service(db, user, _clock).StartAsync()).Id;
        await using (var db = As(colleague)) colleagues = (await Service(db, colleague, _clock).StartAsync()).Id;

        _clock.Advance(IdentificationService.DraftLifetime - TimeSpan.FromDays(1)); // stale is now 8 days old, recent 6
        await using (var db = As(user)) await Service(db, user, _clock).StartAsync();

        await using var check = AsSystem();
        Assert.False(await check.IdentificationDrafts.AnyAsync(d => d.Id == stale));
        Assert.True(await check.IdentificationDrafts.AnyAsync(d => d.Id == recent));
        Assert.True(await check.IdentificationDrafts.AnyAsync(d => d.Id == colleagues), "another user's draft is not this user's to discard");
    }

    [Fact]
    public async Task A_draft_belongs_to_the_user_who_started_it()
    {
        var team = await NewTeamAsync();
        var user = PractitionerIn(team, "amira");
        Guid draftId;
        await using (var db = As(user)) draftId = (await Service(db, user, _clock).StartAsync()).Id;

        var colleague = PractitionerIn(team, "ben");
        await using var other = As(colleague);
        Assert.Null(await Service(other, colleague, _clock).FindDraftAsync(draftId));
    }

    [Fact]
    public async Task A_journey_needs_a_user_acting_for_a_team()
    {
        var system = new SystemUser();
        await using var db = As(system);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Service(db, system, _clock).StartAsync());
        Assert.Equal("No team chosen.", ex.Message);
    }
}

public sealed class IdentificationServiceTestsOnSqlite(SqliteTestDatabase db) : IdentificationServiceTests<SqliteTestDatabase>(db);

public sealed class IdentificationServiceTestsOnPostgres(PostgresTestDatabase db) : IdentificationServiceTests<PostgresTestDatabase>(db);
