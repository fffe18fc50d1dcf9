using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Core.Tests.Reminders;
using Waymark.Core.Tests.Support;
using Waymark.CrisisPlans;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Support;
using Waymark.Teams;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.CrisisPlans;

/// <summary>Crisis plans as stored: versions kept, two people saving from the same version, other teams, texting a copy, the banner, merges.</summary>
public abstract class CrisisPlanServiceTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();
    private readonly RecordingNotify _notify = new();

    private CrisisPlanService Service(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock, _notify);

    private sealed record World(Team Team, Person Person, string Amira);

    private async Task<World> SetUpAsync(Action<Person>? with = null)
    {
        var team = await NewTeamAsync();
        var amira = await NewUserAsync("Amira Test", team);
        var person = APerson().KnownTo(team).Build();
        with?.Invoke(person);
        await SaveAsync(person);
        return new(team, person, amira.Id);
    }

    private static CrisisPlanInput Plan(int basedOn, string signs = "Not sleeping") => new()
    {
        WarningSigns = signs, SelfHelp = "Go for a walk", Contacts = [new("Jo Test", "sister", "07700 900 123")],
        OwnServices = "My GP 01632 960 222", WhoWasThere = "Sam and me", AgreedWithPerson = true, AgreedOn = new DateOnly(2026, 3, 2), BasedOn = basedOn,
    };

    [Fact]
    public async Task Every_save_is_a_new_version_and_the_earlier_ones_are_kept_unchanged_and_audited_without_their_words()
    {
        var w = await SetUpAsync();
        await using (var db = As(PractitionerIn(w.Team, w.Amira)))
        {
            var first = await Service(db).SaveAsync(w.Person.Id, Plan(0, "Secret sign one"));
            var second = await Service(db).SaveAsync(w.Person.Id, Plan(1, "Not eating"));
            Assert.Equal((1, 2), (first.Number, second.Number));
            var view = (await Service(db).ViewAsync(w.Person.Id))!;
            Assert.Equal((2, "Not eating", "Amira Test"), (view.Shown!.Number, view.Shown.WarningSigns, view.RecordedBy));
            Assert.Equal([2, 1], view.Versions.Select(v => v.Number).ToList());
            var old = (await Service(db).ViewAsync(w.Person.Id, 1))!;
            Assert.Equal(("Secret sign one", false), (old.Shown!.WarningSigns, old.IsLatest));
            Assert.Equal("Jo Test (sister): 07700 900 123", Assert.Single(old.Shown.Contacts).ToString());
            Assert.Null(await Service(db).ViewAsync(w.Person.Id, 3));
        }
        await using var check = AsSystem();
        Assert.Equal(1, await check.Set<CrisisPlan>().CountAsync(p => p.PersonId == w.Person.Id));
        var audits = await check.AuditEvents.Where(a => a.RecordType == "CrisisPlanVersion" && a.PersonId == w.Person.Id).ToListAsync();
        Assert.Equal(2, audits.Count);
        Assert.DoesNotContain(audits, a => a.Detail!.Contains("Secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_people_saving_from_the_same_version_the_second_gets_a_conflict_and_nothing_of_theirs_is_saved()
    {
        var w = await SetUpAsync();
        await using (var db = As(PractitionerIn(w.Team, w.Amira))) await Service(db).SaveAsync(w.Person.Id, Plan(0));
        await using (var a = As(PractitionerIn(w.Team, w.Amira))) await Service(a).SaveAsync(w.Person.Id, Plan(1, "From the first"));
        await using (var b = As(PractitionerIn(w.Team, w.Amira)))
        {
            var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service(b).SaveAsync(w.Person.Id, Plan(1, "From the second")));
            Assert.Equal(CrisisPlanService.Conflict, e.Message);
            // A new plan written while someone else wrote one first is the same conflict.
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service(b).SaveAsync(w.Person.Id, Plan(0, "Also new")));
        }
        await using var check = AsSystem();
        var signs = await check.Set<CrisisPlanVersion>().Where(v => v.PersonId == w.Person.Id).OrderBy(v => v.Number).Select(v => v.WarningSigns).ToListAsync();
        Assert.Equal(["Not sleeping", "From the first"], signs);
    }

    [Fact]
    public async Task Two_saves_racing_for_the_same_next_number_are_refused_by_the_unique_index()
    {
        var w = await SetUpAsync();
        await using (var db = As(PractitionerIn(w.Team, w.Amira))) await Service(db).SaveAsync(w.Person.Id, Plan(0));
        await using var db2 = As(PractitionerIn(w.Team, w.Amira));
        var plan = await db2.Set<CrisisPlan>().SingleAsync(p => p.PersonId == w.Person.Id);
        db2.Add(new CrisisPlanVersion { CrisisPlanId = plan.Id, TeamId = w.Team.Id, PersonId = w.Person.Id, Number = 1, RecordedByUserId = w.Amira, RecordedAt = _clock.Now });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db2.SaveOrConflictAsync(CrisisPlanService.Conflict, uniqueNumberIsConflict: true));
    }

    [Fact]
    public async Task Another_team_that_does_not_know_the_person_cannot_see_or_write_the_plan()
    {
        var w = await SetUpAsync();
        await using (var db = As(PractitionerIn(w.Team, w.Amira))) await Service(db).SaveAsync(w.Person.Id, Plan(0));
        var other = await NewTeamAsync();
        await using var theirs = As(PractitionerIn(other, "someone"));
        Assert.Null(await Service(theirs).ViewAsync(w.Person.Id));
        Assert.Null(await Service(theirs).BannerAsync(w.Person.Id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Service(theirs).SaveAsync(w.Person.Id, Plan(0)));
        Assert.Empty(await theirs.Set<CrisisPlanVersion>().Where(v => v.PersonId == w.Person.Id).ToListAsync());
    }

    [Fact]
    public async Task The_banner_shows_the_latest_version_agreed_date_and_warning_signs()
    {
        var w = await SetUpAsync();
        await using var db = As(PractitionerIn(w.Team, w.Amira));
        Assert.Null(await Service(db).BannerAsync(w.Person.Id));
        await Service(db).SaveAsync(w.Person.Id, Plan(0));
        await Service(db).SaveAsync(w.Person.Id, Plan(1, "Not eating\nMissing appointments") with { AgreedOn = new DateOnly(2026, 3, 2) });
        var banner = (await Service(db).BannerAsync(w.Person.Id))!;
        Assert.Equal((new DateOnly(2026, 3, 2), "Not eating\nMissing appointments", w.Person.FullName), (banner.AgreedOn, banner.WarningSigns, banner.PersonName));
    }

    [Fact]
    public async Task The_summary_shows_the_latest_versions_number_save_time_and_agreement_as_the_full_view_does_and_nothing_to_another_team()
    {
        var w = await SetUpAsync();
        await using (var db = As(PractitionerIn(w.Team, w.Amira)))
        {
            Assert.Equal(new CrisisPlanSummary(w.Person.FullName, null, default, false, null), await Service(db).SummaryAsync(w.Person.Id));
            await Service(db).SaveAsync(w.Person.Id, Plan(0));
            await Service(db).SaveAsync(w.Person.Id, Plan(1) with { AgreedWithPerson = false, AgreedOn = null });
            var shown = (await Service(db).ViewAsync(w.Person.Id))!.Shown!;
            Assert.Equal(new CrisisPlanSummary(w.Person.FullName, 2, shown.RecordedAt, false, null), await Service(db).SummaryAsync(w.Person.Id));
            await Service(db).SaveAsync(w.Person.Id, Plan(2));
            var agreed = (await Service(db).SummaryAsync(w.Person.Id))!;
            Assert.Equal((3, true, new DateOnly(2026, 3, 2)), (agreed.Number, agreed.AgreedWithPerson, agreed.AgreedOn));
        }
        await using var theirs = As(PractitionerIn(await NewTeamAsync(), "someone"));
        Assert.Null(await Service(theirs).SummaryAsync(w.Person.Id));
    }

    [Fact]
    public async Task A_copy_is_texted_only_with_consent_and_a_uk_mobile_and_each_attempt_is_recorded_and_audited()
    {
        var w = await SetUpAsync(p => { p.Phone = "07700 900 123"; p.ConsentToText = true; });
        await SaveAsync(new SupportSettings { TeamId = w.Team.Id, OutOfHoursTelephone = "01632 960 111" });
        await using (var db = As(PractitionerIn(w.Team, w.Amira)))
        {
            await Assert.ThrowsAsync<CrisisPlanRuleException>(() => Service(db).TextCopyAsync(w.Person.Id)); // no plan yet
            await Service(db).SaveAsync(w.Person.Id, Plan(0));
            var sent = await Service(db).TextCopyAsync(w.Person.Id);
            Assert.NotNull(sent.NotifyId);
            Assert.Null(sent.Failure);
            var message = Assert.Single(_notify.All);
            Assert.Equal(("07700900123", sent.Id.ToString()), (message.To, message.Reference));
            Assert.Contains("Out of hours: 01632 960 111", message.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Not sleeping", message.Body, StringComparison.Ordinal);
            _notify.Down = true;
            var failed = await Service(db).TextCopyAsync(w.Person.Id);
            Assert.Null(failed.NotifyId);
            Assert.Contains("could not be reached", failed.Failure!, StringComparison.Ordinal);
            Assert.Equal(2, (await Service(db).ViewAsync(w.Person.Id))!.Shares.Count);
        }
        await using (var check = AsSystem())
        {
            Assert.Equal(2, await check.AuditEvents.CountAsync(a => a.RecordType == "CrisisPlanShare" && a.PersonId == w.Person.Id && a.Action == AuditAction.Exported));
            var stored = await check.People.SingleAsync(p => p.Id == w.Person.Id);
            stored.ConsentToText = false;
            await check.SaveChangesAsync();
        }
        _notify.Down = false;
        await using var again = As(PractitionerIn(w.Team, w.Amira));
        var e = await Assert.ThrowsAsync<CrisisPlanRuleException>(() => Service(again).TextCopyAsync(w.Person.Id));
        Assert.Equal(CrisisPlanService.NoConsentToText, e.Message);
        Assert.Single(_notify.All);
    }

    [Fact]
    public async Task A_landline_with_consent_is_not_texted()
    {
        var w = await SetUpAsync(p => { p.Phone = "01632 960 000"; p.ConsentToText = true; });
        await using var db = As(PractitionerIn(w.Team, w.Amira));
        await Service(db).SaveAsync(w.Person.Id, Plan(0));
        await Assert.ThrowsAsync<CrisisPlanRuleException>(() => Service(db).TextCopyAsync(w.Person.Id));
        Assert.Empty(_notify.All);
    }

    [Fact]
    public async Task After_a_merge_moves_both_plans_the_most_recently_changed_one_is_current()
    {
        var w = await SetUpAsync();
        var other = APerson().KnownTo(w.Team).Build();
        await SaveAsync(other);
        await using (var db = As(PractitionerIn(w.Team, w.Amira)))
        {
            await Service(db).SaveAsync(w.Person.Id, Plan(0, "Kept person's"));
            _clock.Advance(TimeSpan.FromHours(1));
            await Service(db).SaveAsync(other.Id, Plan(0, "Merged person's"));
        }
        // What PersonLinkedRecords' moves do: the merged person's rows are repointed at the kept person.
        await using (var sys = AsSystem())
        {
            await sys.Set<CrisisPlan>().Where(p => p.PersonId == other.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.PersonId, w.Person.Id));
            await sys.Set<CrisisPlanVersion>().Where(p => p.PersonId == other.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.PersonId, w.Person.Id));
        }
        await using var after = As(PractitionerIn(w.Team, w.Amira));
        Assert.Equal("Merged person's", (await Service(after).ViewAsync(w.Person.Id))!.Shown!.WarningSigns);
        Assert.Equal("Merged person's", (await Service(after).BannerAsync(w.Person.Id))!.WarningSigns);
        Assert.Contains(PersonLinkedRecords.All, r => r.EntityType == typeof(CrisisPlan) && r.OnMerge == OnPersonMerge.MovesById);
        Assert.Contains(PersonLinkedRecords.All, r => r.EntityType == typeof(CrisisPlanVersion) && r.OnMerge == OnPersonMerge.MovesById);
        Assert.Contains(PersonLinkedRecords.All, r => r.EntityType == typeof(CrisisPlanShare) && r.OnMerge == OnPersonMerge.MovesById);
    }
}

public sealed class CrisisPlanServiceTestsOnSqlite(SqliteTestDatabase db) : CrisisPlanServiceTests<SqliteTestDatabase>(db);

public sealed class CrisisPlanServiceTestsOnPostgres(PostgresTestDatabase db) : CrisisPlanServiceTests<PostgresTestDatabase>(db);
