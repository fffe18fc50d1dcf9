using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Liaison;

/// <summary>Agencies, consents and disclosures as stored, on both providers: team scope, all-or-nothing, audit, the cover rule.</summary>
public abstract class LiaisonDataTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();

    private CriminalJusticeSharing Sharing(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    private CriminalJusticeAgencies Agencies(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    private static FixedUser ManagerIn(Team team, string userId = "manager") => new(userId, Roles.TeamManager, team.Id);

    private static AgencyInput Custody(string name) => new(AgencyKind.CustodySuite, name, null, "custody@police.cjsm.invalid", null, null, null);

    private async Task<(Team Team, Episode Episode, WaymarkUser Practitioner, CriminalJusticeAgency Agency)> SetUpAsync()
    {
        var team = await NewTeamAsync();
        var person = APerson().KnownTo(team).Build();
        var episode = AnEpisode().For(person).InTeam(team).IdentifiedAt(_clock.Now.AddHours(-2)).Build();
        await SaveAsync(person, episode);
        var practitioner = await NewUserAsync("Alex Morgan", team);
        await using var db = As(ManagerIn(team));
        var agency = await Agencies(db).CreateAsync(Custody("Northshire Central custody suite"));
        return (team, episode, practitioner, agency);
    }

    private ConsentInput Consent(Guid agencyId, bool capacity = true) =>
        new(["vulnerabilities"], [agencyId], ["detention-and-interview"], ConsentForm.Verbal, capacity, "Understood and weighed it", _clock.Now.AddMinutes(-10));

    [Fact]
    public async Task Recorded_consent_covers_its_agency_until_withdrawn_and_both_are_audited_against_the_person()
    {
        var (team, episode, practitioner, agency) = await SetUpAsync();
        await using var db = As(PractitionerIn(team, practitioner.Id));
        var consent = await Sharing(db).RecordConsentAsync(episode.Id, Consent(agency.Id));

        Assert.NotNull((await Sharing(db).CoverAsync(episode.Id, agency.Id, _clock.Now, default))!.Consent);
        _clock.Advance(TimeSpan.FromHours(1));
        await using (var db2 = As(PractitionerIn(team, practitioner.Id)))
            await Sharing(db2).WithdrawAsync(episode.Id, consent.Id, new WithdrawalInput(_clock.Now.AddMinutes(-5), "Changed his mind"));

        await using var check = As(PractitionerIn(team, practitioner.Id));
        Assert.Null(await Sharing(check).CoverAsync(episode.Id, agency.Id, _clock.Now, default));
        Assert.NotNull(await Sharing(check).CoverAsync(episode.Id, agency.Id, _clock.Now.AddMinutes(-30), default));
        await using var system = AsSystem();
        var events = await system.AuditEvents.Where(a => a.RecordId == consent.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Updated], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(episode.PersonId, e.PersonId));
        var again = await Assert.ThrowsAsync<SharingRuleException>(() => Sharing(check).WithdrawAsync(episode.Id, consent.Id, new WithdrawalInput(_clock.Now, null)));
        Assert.Contains("already withdrawn", again.Message);
    }

    [Fact]
    public async Task Consent_is_refused_without_capacity_and_nothing_is_written()
    {
        var (team, episode, practitioner, agency) = await SetUpAsync();
        await using var db = As(PractitionerIn(team, practitioner.Id));
        await Assert.ThrowsAsync<LacksCapacityException>(() => Sharing(db).RecordConsentAsync(episode.Id, Consent(agency.Id, capacity: false)));
        Assert.Equal(0, await CountAsync(x => x.Set<CriminalJusticeConsent>().Where(c => c.EpisodeId == episode.Id)));
        Assert.Null(await Sharing(db).CoverAsync(episode.Id, agency.Id, _clock.Now, default));
    }

    [Fact]
    public async Task Sharing_without_consent_is_a_disclosure_that_covers_its_agencies_and_refuses_the_recorder_as_second_person()
    {
        var (team, episode, practitioner, agency) = await SetUpAsync();
        await using var db = As(PractitionerIn(team, practitioner.Id));
        var input = new WithoutConsentInput(LawfulBasis.BestInterests, "Lacks capacity; custody must know he is diabetic", "Alex Morgan", ["vulnerabilities"], [agency.Id], _clock.Now.AddMinutes(-1));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Sharing(db).RecordWithoutConsentAsync(episode.Id, input));
        Assert.Equal(nameof(WithoutConsentInput.SecondPersonName), refused.Problems.Single().Field);

        var sharing = await Sharing(db).RecordWithoutConsentAsync(episode.Id, input with { SecondPersonName = "Sam Rivers, team manager" });
        var cover = await Sharing(db).CoverAsync(episode.Id, agency.Id, _clock.Now, default);
        Assert.Equal(sharing.Id, cover!.WithoutConsent!.Id);
        await using var system = AsSystem();
        var disclosure = await system.AuditEvents.SingleAsync(a => a.RecordId == sharing.Id.ToString());
        Assert.Equal((AuditAction.DisclosedWithoutConsent, episode.PersonId), (disclosure.Action, disclosure.PersonId));
        Assert.Contains("Northshire Central custody suite", disclosure.Detail);
    }

    [Fact]
    public async Task Another_team_cannot_record_on_the_episode_nor_name_its_agencies_and_a_closed_episode_refuses()
    {
        var (team, episode, practitioner, agency) = await SetUpAsync();
        var other = await NewTeamAsync();
        await using (var theirs = As(PractitionerIn(other)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Sharing(theirs).RecordConsentAsync(episode.Id, Consent(agency.Id)));
            Assert.Null(await Agencies(theirs).FindAsync(agency.Id));
        }
        var otherPerson = APerson().KnownTo(other).Build();
        var otherEpisode = AnEpisode().For(otherPerson).InTeam(other).IdentifiedAt(_clock.Now.AddHours(-2)).Build();
        await SaveAsync(otherPerson, otherEpisode);
        await using (var theirs = As(PractitionerIn(other)))
        {
            var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Sharing(theirs).RecordConsentAsync(otherEpisode.Id, Consent(agency.Id)));
            Assert.Equal(nameof(ConsentInput.AgencyIds), e.Problems.Single().Field);
        }
        var closedPerson = APerson().KnownTo(team).Build();
        var closed = AnEpisode().For(closedPerson).InTeam(team).IdentifiedAt(_clock.Now.AddHours(-5)).ClosedBecause(ClosureReason.SupportCompleted).Build();
        await SaveAsync(closedPerson, closed);
        await using var db = As(PractitionerIn(team, practitioner.Id));
        await Assert.ThrowsAsync<EpisodeRuleException>(() => Sharing(db).RecordConsentAsync(closed.Id, Consent(agency.Id)));
    }

    [Fact]
    public async Task Agency_names_are_unique_in_a_team_whatever_the_case_and_two_editors_conflict()
    {
        var (team, _, _, agency) = await SetUpAsync();
        await using var db = As(ManagerIn(team));
        var dup = await Assert.ThrowsAsync<ValidationFailedException>(() => Agencies(db).CreateAsync(Custody("NORTHSHIRE central CUSTODY suite")));
        Assert.Contains("already has an agency called", dup.Problems.Single().Message);

        await using var first = As(ManagerIn(team));
        await Agencies(first).UpdateAsync(agency.Id, agency.Version, Custody(agency.Name) with { Notes = "First" });
        await using var second = As(ManagerIn(team, "manager2"));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Agencies(second).UpdateAsync(agency.Id, agency.Version, Custody(agency.Name) with { Notes = "Second" }));
        await using var check = AsSystem();
        Assert.Equal("First", (await check.Set<CriminalJusticeAgency>().SingleAsync(a => a.Id == agency.Id)).Notes);
    }

    [Fact]
    public async Task An_import_with_one_bad_row_saves_nothing_and_a_good_one_updates_by_name_and_adds()
    {
        var (team, _, _, agency) = await SetUpAsync();
        await using var db = As(ManagerIn(team));
        var bad = "kind,name,secure_email\ncustody-suite,northshire central custody suite,new@police.cjsm.invalid\ncps,CPS Northshire,not-an-email\n";
        var plan = await Agencies(db).ImportAsync(bad);
        Assert.False(plan.CanImport);
        Assert.Equal(3, plan.Problems.Single().Line);
        Assert.Equal(1, await CountAsync(x => x.Set<CriminalJusticeAgency>().Where(a => a.TeamId == team.Id)));

        var good = "kind,name,secure_email,retired\ncustody-suite,Northshire Central custody suite,new@police.cjsm.invalid,\ncps,CPS Northshire,cps@cps.cjsm.invalid,yes\n";
        await using var db2 = As(ManagerIn(team));
        var done = await Agencies(db2).ImportAsync(good);
        Assert.Equal((1, 1), (done.Count(AgencyImportAction.Add), done.Count(AgencyImportAction.Update)));
        await using var check = AsSystem();
        var stored = await check.Set<CriminalJusticeAgency>().Where(a => a.TeamId == team.Id).OrderBy(a => a.Name).ToListAsync();
        Assert.Equal(["CPS Northshire", "Northshire Central custody suite"], stored.Select(a => a.Name));
        Assert.NotNull(stored[0].RetiredAt);
        Assert.Equal(("new@police.cjsm.invalid", agency.Id), (stored[1].SecureEmail, stored[1].Id));
    }
}

public sealed class LiaisonDataTestsOnSqlite(SqliteTestDatabase db) : LiaisonDataTests<SqliteTestDatabase>(db);

public sealed class LiaisonDataTestsOnPostgres(PostgresTestDatabase db) : LiaisonDataTests<PostgresTestDatabase>(db);
