using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Assessment;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.CriminalJustice;
using Waymark.Duplicates;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.LiaisonReports;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Referrals;
using Waymark.Screening;
using Waymark.Teams;
using static Waymark.TestSupport.EpisodeBuilder;
using static Waymark.TestSupport.PersonBuilder;

namespace Waymark.Core.Tests.Data.LiaisonReports;

/// <summary>Liaison reports as stored, on both providers: drafted from the records, two editors, sent with cover and audited as a disclosure, frozen, corrected.</summary>
public abstract class LiaisonReportDataTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private readonly FakeClock _clock = new();

    private LiaisonReportService Reports(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    private async Task<(Team Team, Person Person, Episode Episode, CriminalJusticeAgency Custody)> SetUpAsync(bool consent = true, string? information = null)
    {
        var t = await NewTeamAsync();
        var p = APerson().KnownTo(t).Build();
        var e = AnEpisode().For(p).InTeam(t).IdentifiedAt(_clock.Now.AddMinutes(-40)).Build();
        var custody = new CriminalJusticeAgency { TeamId = t.Id, Kind = AgencyKind.CustodySuite, Name = "Northshire Central custody suite", CreatedByUserId = "manager" };
        var screening = new ScreeningOutcome
        {
            TeamId = t.Id, EpisodeId = e.Id, PersonId = p.Id, Sequence = 1, Needs = "mental-health housing", RiskToSelf = RiskLevel.Medium,
            Urgency = Urgency.Today, Decision = ScreeningDecision.FullAssessment, RecordedAt = _clock.Now.AddMinutes(-20), RecordedByUserId = "practitioner",
        };
        var a = new PsychosocialAssessment { TeamId = t.Id, EpisodeId = e.Id, PersonId = p.Id, StartedByUserId = "practitioner", UpdatedByUserId = "practitioner", RiskSummary = "Low risk to others", WhatMattersToMe = "Seeing my daughter" };
        a.Needs.Add(new AssessedNeed { AssessmentId = a.Id, Domain = "housing", Finding = NeedFinding.Need, Severity = Severity.High, PersonPriority = 1, InTheirWords = "A room of my own" });
        var entities = new List<object> { p, e, custody, screening, a };
        if (consent)
        {
            var c = new CriminalJusticeConsent
            {
                TeamId = t.Id, EpisodeId = e.Id, PersonId = p.Id, Information = information ?? string.Join(' ', SharedInformation.All.Select(x => x.Code)), Purposes = "detention-and-interview",
                Form = ConsentForm.Verbal, CapacityNote = "Has capacity", GivenAt = _clock.Now.AddMinutes(-10), RecordedAt = _clock.Now.AddMinutes(-10), RecordedByUserId = "practitioner",
            };
            c.Agencies.Add(new CriminalJusticeConsentAgency { ConsentId = c.Id, AgencyId = custody.Id });
            entities.Add(c);
        }
        await SaveAsync([.. entities]);
        return (t, p, e, custody);
    }

    private static LiaisonReportInput From(LiaisonReportInput draft, Guid agency, string vulnerabilities = "Low mood; reads very little.") =>
        draft with { AgencyIds = [agency], Vulnerabilities = vulnerabilities, Recommendations = [new RecommendationInput("appropriate-adult", null)] };

    [Fact]
    public async Task A_report_is_drafted_from_the_screening_and_the_assessment_in_the_persons_words()
    {
        var (team, _, episode, _) = await SetUpAsync();
        await using var db = As(PractitionerIn(team));

        var draft = await Reports(db).DraftAsync(episode.Id);

        Assert.Contains("Needs found: housing, mental health.", draft.Screening);
        Assert.Contains("Risk to themselves: medium", draft.Screening);
        Assert.Contains("Needs found in the assessment: housing (high).", draft.Assessment);
        Assert.Contains("Risk: Low risk to others", draft.Assessment);
        Assert.Equal("1. Housing: “A room of my own”\n“Seeing my daughter”", draft.Priorities);
        Assert.Equal(0, await CountAsync(d => d.Set<LiaisonReport>().Where(r => r.EpisodeId == episode.Id))); // drafting saves nothing
    }

    [Fact]
    public async Task Sending_with_consent_records_the_disclosure_and_the_time_from_identification_and_freezes_the_version()
    {
        var (team, person, episode, custody) = await SetUpAsync();
        await using var db = As(PractitionerIn(team, "amira"));
        var reports = Reports(db);
        var report = await reports.CreateAsync(episode.Id, From(await reports.DraftAsync(episode.Id), custody.Id));

        var (sent, left) = await reports.SendAsync(report.Id, report.Version, SendingMethod.PrintedAndHandedOver, "Handed to PS Khan");

        Assert.Empty(left);
        await using var check = AsSystem();
        var stored = await check.Set<LiaisonReport>().Include(r => r.Addressees).SingleAsync(r => r.Id == report.Id);
        Assert.Equal((_clock.Now, "amira", SendingMethod.PrintedAndHandedOver, "Handed to PS Khan"), (stored.SentAt!.Value, stored.SentByUserId, stored.SentHow!.Value, stored.SentNote));
        Assert.Equal([custody.Id], stored.Addressees.Select(a => a.AgencyId));
        var disclosure = await check.AuditEvents.SingleAsync(a => a.RecordType == "LiaisonReport" && a.Action == AuditAction.Exported && a.PersonId == person.Id);
        Assert.Equal((person.Id, "Disclosure to criminal justice agencies"), (disclosure.PersonId, disclosure.Purpose));
        Assert.Contains("Northshire Central custody suite", disclosure.Detail);
        Assert.Contains("under consent", disclosure.Detail);
        var e = await check.Episodes.SingleAsync(x => x.Id == episode.Id);
        Assert.Equal(TimeSpan.FromMinutes(40), await Reports(check).IdentificationToSentAsync(e));

        var again = From(await reports.DraftAsync(episode.Id), custody.Id, "Changed");
        var frozen = await Assert.ThrowsAsync<LiaisonReportRuleException>(() => reports.SaveAsync(report.Id, sent.Version, again));
        Assert.Contains("cannot be changed", frozen.Message);
        await using var after = AsSystem();
        Assert.Equal("Low mood; reads very little.", (await after.Set<LiaisonReport>().SingleAsync(r => r.Id == report.Id)).Vulnerabilities);
    }

    [Fact]
    public async Task The_identification_to_report_clock_starts_with_the_first_draft_and_is_met_when_sent_the_same_day()
    {
        var (team, _, episode, custody) = await SetUpAsync();
        await using var db = As(PractitionerIn(team));
        var reports = Reports(db);
        var report = await reports.CreateAsync(episode.Id, From(await reports.DraftAsync(episode.Id), custody.Id));

        await using (var check = AsSystem())
        {
            var running = await check.Set<CriminalJusticeClock>().SingleAsync(c => c.EpisodeId == episode.Id);
            Assert.Equal((ClockKind.IdentificationToReport, new DateOnly(2026, 3, 2), 0, (DateOnly?)null), (running.Kind, running.StartedOn, running.TargetDays, running.StoppedOn));
            Assert.Equal(ClockState.NearBreach, running.StateOn(new DateOnly(2026, 3, 2))); // due today
            Assert.Equal(ClockState.Breached, running.StateOn(new DateOnly(2026, 3, 3)));
        }

        // A second report does not restart it; sending the first stops it, met.
        await reports.CreateAsync(episode.Id, From(await reports.DraftAsync(episode.Id), custody.Id));
        await reports.SendAsync(report.Id, report.Version, SendingMethod.SecureEmail, null);

        await using var after = AsSystem();
        var stopped = await after.Set<CriminalJusticeClock>().SingleAsync(c => c.EpisodeId == episode.Id);
        Assert.Equal(new DateOnly(2026, 3, 2), stopped.StoppedOn);
        Assert.Equal(ClockState.Met, stopped.StateOn(new DateOnly(2026, 3, 9)));
    }

    [Fact]
    public async Task A_report_sent_the_day_after_identification_breaches_its_clock()
    {
        var (team, _, episode, custody) = await SetUpAsync();
        await using var db = As(PractitionerIn(team));
        var reports = Reports(db);
        var report = await reports.CreateAsync(episode.Id, From(await reports.DraftAsync(episode.Id), custody.Id));
        _clock.Advance(TimeSpan.FromDays(1));

        await reports.SendAsync(report.Id, report.Version, SendingMethod.SecureEmail, null);

        await using var check = AsSystem();
        var clock = await check.Set<CriminalJusticeClock>().SingleAsync(c => c.EpisodeId == episode.Id);
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)), (clock.StartedOn, clock.StoppedOn!.Value));
        Assert.Equal(ClockState.Breached, clock.StateOn(new DateOnly(2026, 3, 3)));
    }

    [Fact]
    public async Task Without_consent_nothing_is_sent_and_nothing_is_audited_as_a_disclosure()
    {
        var (team, person, episode, custody) = await SetUpAsync(consent: false);
        await using var db = As(PractitionerIn(team));
        var reports = Reports(db);
        var report = await reports.CreateAsync(episode.Id, From(await reports.DraftAsync(episode.Id), custody.Id));

        var e = await Assert.ThrowsAsync<LiaisonReportNotCoveredException>(() => reports.SendAsync(report.Id, report.Version, SendingMethod.SecureEmail, null));

        Assert.Contains("Northshire Central custody suite", e.Message);
        await using var check = AsSystem();
        Assert.Null((await check.Set<LiaisonReport>().SingleAsync(r => r.Id == report.Id)).SentAt);
        Assert.Equal(0, await check.AuditEvents.CountAsync(a => a.RecordType == "LiaisonReport" && a.Action == AuditAction.Exported && a.PersonId == person.Id));
    }

    [Fact]
    public async Task Two_practitioners_saving_the_same_draft_cannot_overwrite_each_other()
    {
        var (team, _, episode, custody) = await SetUpAsync();
        await using var db = As(PractitionerIn(team, "amira"));
        var report = await Reports(db).CreateAsync(episode.Id, From(await Reports(db).DraftAsync(episode.Id), custody.Id));

        await using (var first = As(PractitionerIn(team, "amira")))
            await Reports(first).SaveAsync(report.Id, report.Version, From(await Reports(first).DraftAsync(episode.Id), custody.Id, "Amira's words"));
        await using var second = As(PractitionerIn(team, "sam"));
        var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Reports(second).SaveAsync(report.Id, report.Version, From(new LiaisonReportInput([], null, null, null, null, null, [], null), custody.Id, "Sam's words")));

        Assert.Contains("Someone else saved or sent this report", e.Message);
        await using var check = AsSystem();
        Assert.Equal("Amira's words", (await check.Set<LiaisonReport>().SingleAsync(r => r.Id == report.Id)).Vulnerabilities);
    }

    [Fact]
    public async Task A_correction_is_version_2_and_version_1_stays_as_sent()
    {
        var (team, _, episode, custody) = await SetUpAsync();
        await using var db = As(PractitionerIn(team));
        var reports = Reports(db);
        var v1 = await reports.CreateAsync(episode.Id, From(await reports.DraftAsync(episode.Id), custody.Id));
        await reports.SendAsync(v1.Id, v1.Version, SendingMethod.SecureEmail, null);

        await using var db2 = As(PractitionerIn(team));
        var v2 = await Reports(db2).CorrectAsync(v1.Id);
        await Reports(db2).SaveAsync(v2.Id, v2.Version, From(await reports.DraftAsync(episode.Id), custody.Id, "Corrected words") with { CorrectionNote = "Wrong date" });

        await using var check = AsSystem();
        var versions = await check.Set<LiaisonReport>().Include(r => r.Recommendations).Where(r => r.ReportId == v1.Id).OrderBy(r => r.Number).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal(("Low mood; reads very little.", true), (versions[0].Vulnerabilities, versions[0].IsSent));
        Assert.Equal(("Corrected words", false, "Wrong date"), (versions[1].Vulnerabilities, versions[1].IsSent, versions[1].CorrectionNote));
        Assert.Equal(["appropriate-adult"], versions[1].Recommendations.Select(r => r.Code));
        await using var db3 = As(PractitionerIn(team));
        var older = await Assert.ThrowsAsync<LiaisonReportRuleException>(() => Reports(db3).CorrectAsync(v1.Id));
        Assert.Contains("Version 2 of this report already exists", older.Message);
    }

    [Fact]
    public async Task Merging_the_person_moves_every_version_of_their_reports_and_unmerging_moves_them_back()
    {
        var (team, merged, episode, custody) = await SetUpAsync();
        await using (var db = As(PractitionerIn(team)))
        {
            var v1 = await Reports(db).CreateAsync(episode.Id, From(await Reports(db).DraftAsync(episode.Id), custody.Id));
            await Reports(db).SendAsync(v1.Id, v1.Version, SendingMethod.SecureEmail, null);
        }
        await using (var db = As(PractitionerIn(team))) await Reports(db).CorrectAsync((await db.Set<LiaisonReport>().SingleAsync(r => r.EpisodeId == episode.Id)).Id);
        var kept = APerson().Named("Kept", "Person").KnownTo(team).Build();
        var (a, b) = DuplicateCandidate.Order(kept.Id, merged.Id);
        var candidate = new DuplicateCandidate { TeamId = team.Id, PersonAId = a, PersonBId = b, Reasons = "Same name", FoundAt = _clock.Now };
        await SaveAsync(kept, candidate);
        Person keptNow, mergedNow;
        await using (var check = AsSystem())
            (keptNow, mergedNow) = (await check.People.SingleAsync(p => p.Id == kept.Id), await check.People.SingleAsync(p => p.Id == merged.Id));
        var versions = candidate.PersonAId == kept.Id ? new DecisionVersions(candidate.Version, keptNow.Version, mergedNow.Version) : new DecisionVersions(candidate.Version, mergedNow.Version, keptNow.Version);

        PersonMerge merge;
        await using (var db = As(new FixedUser("manager", Roles.TeamManager, team.Id)))
            merge = (await new PersonMerging(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock).MergeAsync(candidate.Id, kept.Id, versions))!;

        await using (var check = AsSystem())
        {
            Assert.Equal([kept.Id, kept.Id], await check.Set<LiaisonReport>().Where(r => r.EpisodeId == episode.Id).Select(r => r.PersonId).ToListAsync());
            Assert.Equal(2, (await check.PersonMerges.SingleAsync(m => m.Id == merge.Id)).Moves.LiaisonReports!.Count);
        }
        await using (var db = As(new FixedUser("manager", Roles.TeamManager, team.Id)))
            Assert.NotNull(await new PersonMerging(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock).UnmergeAsync(merge.Id, merge.Version));
        await using (var check = AsSystem())
            Assert.Equal([merged.Id, merged.Id], await check.Set<LiaisonReport>().Where(r => r.EpisodeId == episode.Id).Select(r => r.PersonId).ToListAsync());
    }

    [Fact]
    public async Task Another_teams_practitioner_cannot_see_or_change_the_report()
    {
        var (team, _, episode, custody) = await SetUpAsync();
        await using var db = As(PractitionerIn(team));
        var report = await Reports(db).CreateAsync(episode.Id, From(await Reports(db).DraftAsync(episode.Id), custody.Id));
        var other = await NewTeamAsync();

        await using var theirs = As(PractitionerIn(other));
        Assert.Null(await Reports(theirs).FindAsync(report.Id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Reports(theirs).SendAsync(report.Id, report.Version, SendingMethod.SecureEmail, null));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Reports(theirs).CorrectAsync(report.Id));
    }
}

public sealed class LiaisonReportDataTestsOnSqlite(SqliteTestDatabase db) : LiaisonReportDataTests<SqliteTestDatabase>(db);

public sealed class LiaisonReportDataTestsOnPostgres(PostgresTestDatabase db) : LiaisonReportDataTests<PostgresTestDatabase>(db);
