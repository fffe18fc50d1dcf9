using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.CrisisPlans;
using Waymark.Duplicates;
using Waymark.Episodes;
using Waymark.Identification;
using Waymark.Liaison;
using Waymark.LiaisonReports;
using Waymark.People;
using Waymark.ProactiveIdentification;
using Waymark.Referrals;
using Waymark.Screening;

namespace Waymark.Cli.Tests;

/// <summary>
/// Rows of the kinds the demo does not make, on the demo's people, for the destruction test: each made as the pages
/// would (the same required fields), about a person of the demo team.
/// </summary>
internal static class RetentionWorld
{
    private static readonly ICurrentUser System = new SystemUser("cli-tests");

    public static async Task AddWhatTheDemoLacksAsync(TestDatabase db)
    {
        await using var ctx = db.CreateContext(System);
        var now = DateTimeOffset.UtcNow;
        var episodes = await ctx.Episodes.IgnoreQueryFilters().OrderBy(e => e.IdentifiedAt).Take(3).ToListAsync();
        var (e1, e2) = (episodes[0], episodes[1]);
        var team = e1.TeamId;
        var agency = await ctx.Set<CriminalJusticeAgency>().IgnoreQueryFilters().FirstAsync(a => a.TeamId == team);
        ctx.Add(new PersonIdentifier { PersonId = e1.PersonId, Kind = "Custody record", Value = "NS-0001" });
        ctx.Add(new InstrumentCompletion
        {
            TeamId = team, EpisodeId = e1.Id, PersonId = e1.PersonId, InstrumentId = "phq-9", InstrumentVersion = "1", InstrumentTitle = "PHQ-9",
            AnswersJson = "[]", CompletedAt = now, CompletedByUserId = "cli-tests",
        });
        var referral = await ctx.Referrals.IgnoreQueryFilters().FirstAsync();
        ctx.Add(new ConsentToShare
        {
            TeamId = referral.TeamId, ReferralId = referral.Id, PersonId = referral.PersonId, What = "Needs", WithWhom = "Housing", GivenAt = now, RecordedAt = now,
            RecordedByUserId = "cli-tests",
        });
        ctx.Add(new SharingWithoutConsent
        {
            TeamId = team, EpisodeId = e1.Id, PersonId = e1.PersonId, Reason = "Risk to others", SecondPersonName = "Pat Hughes", DecidedAt = now, RecordedAt = now,
            RecordedByUserId = "cli-tests",
        });
        var list = new ProactiveList { TeamId = team, AgencyId = agency.Id, Day = UkTime.DateOf(now), Source = ListSource.Typed, ImportedAt = now, ImportedByUserId = "cli-tests", ConfirmedAt = now, ConfirmedByUserId = "cli-tests" };
        list.Rows.Add(new ProactiveListRow { ListId = list.Id, TeamId = team, Line = 1, FamilyName = "Listed", GivenNames = "Robin", Sex = Sex.Male, PersonId = e1.PersonId });
        ctx.Add(list);
        ctx.Add(new IdentificationDraft { UserId = "cli-tests", TeamId = team, ExistingPersonId = e1.PersonId });
        var report = new LiaisonReport
        {
            TeamId = team, EpisodeId = e1.Id, PersonId = e1.PersonId, Number = 1, Vulnerabilities = "Reads very little.",
            CreatedAt = now, CreatedByUserId = "cli-tests", UpdatedAt = now, UpdatedByUserId = "cli-tests",
        };
        report.ReportId = report.Id;
        report.Addressees.Add(new LiaisonReportAddressee { ReportVersionId = report.Id, AgencyId = agency.Id });
        ctx.Add(report);
        var version = await ctx.Set<CrisisPlanVersion>().IgnoreQueryFilters().FirstAsync();
        ctx.Add(new CrisisPlanShare { TeamId = version.TeamId, PersonId = version.PersonId, CrisisPlanVersionId = version.Id, SentAt = now, SentByUserId = "cli-tests" });
        ctx.Add(new MatchDecision { TeamId = team, UserId = "cli-tests", At = now, PersonId = e1.PersonId, GivenName = "Robin", FamilyName = "Listed" });
        ctx.Add(new DuplicateCandidate { TeamId = team, PersonAId = e1.PersonId, PersonBId = e2.PersonId, Reasons = "Same name", FoundAt = now });
        // A record merged into e2's person: the merge record (with its snapshot) and the merged person row go with the kept one.
        var merged = new Person { GivenName = "Robin", FamilyName = "Listed", CreatedAt = now, CreatedBy = "cli-tests", MergedIntoPersonId = e2.PersonId, MergedAt = now, MergedByUserId = "cli-tests" };
        ctx.Add(merged);
        ctx.Add(new PersonMerge
        {
            TeamId = team, KeptPersonId = e2.PersonId, MergedPersonId = merged.Id, MergedAt = now, MergedByUserId = "cli-tests", MovedJson = "{}",
            SnapshotJson = "{\"givenName\":\"Robin\",\"familyName\":\"Listed\"}",
        });
        ctx.Add(new AuditEvent { At = now, UserId = "cli-tests", Action = AuditAction.Viewed, RecordType = "Person", RecordId = e1.PersonId.ToString(), PersonId = e1.PersonId, Detail = "Robin Listed", Purpose = "Test" });
        ctx.Add(new AuditEvent { At = now, UserId = "cli-tests", Action = AuditAction.Updated, RecordType = "Person", RecordId = merged.Id.ToString(), PersonId = merged.Id });
        await ctx.SaveChangesAsync();
    }
}
