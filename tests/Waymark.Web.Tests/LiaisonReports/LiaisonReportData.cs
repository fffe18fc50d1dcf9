using Waymark.Liaison;
using Waymark.LiaisonReports;
using Waymark.Referrals;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.LiaisonReports;

/// <summary>Agencies, consent and report drafts written straight to the database for liaison report tests.</summary>
public static class LiaisonReportData
{
    /// <summary>A custody suite (or another kind) of the team, in use, with a unique name.</summary>
    public static Task<CriminalJusticeAgency> AddAgencyAsync(this TestData data, Guid teamId, AgencyKind kind = AgencyKind.CustodySuite, string? name = null) =>
        Liaison.LiaisonData.AddAgencyAsync(data, teamId, name, kind);

    /// <summary>The person's consent, given <paramref name="minutesAgo"/> minutes ago, to share <paramref name="information"/> (all codes by default) with the agencies.</summary>
    public static async Task<CriminalJusticeConsent> AddConsentAsync(this TestData data, Waymark.Episodes.Episode episode, IEnumerable<Guid> agencies, string? information = null, int minutesAgo = 10)
    {
        var consent = new CriminalJusticeConsent
        {
            TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = episode.PersonId,
            Information = information ?? string.Join(' ', SharedInformation.All.Select(x => x.Code)), Purposes = "detention-and-interview",
            Form = ConsentForm.Verbal, CapacityNote = "Understood, retained and weighed what would be shared; told me his answer.",
            GivenAt = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo), RecordedAt = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo), RecordedByUserId = data.UserId(Users.Practitioner),
        };
        consent.Agencies.AddRange(agencies.Select(a => new CriminalJusticeConsentAgency { ConsentId = consent.Id, AgencyId = a }));
        await data.ChangeAsync(db => { db.Add(consent); return Task.CompletedTask; });
        return consent;
    }

    /// <summary>A draft (version 1) of a report on the episode addressed to <paramref name="agencyId"/>.</summary>
    public static async Task<LiaisonReport> AddReportDraftAsync(this TestData data, Waymark.Episodes.Episode episode, Guid agencyId, string vulnerabilities = "He has a learning disability and reads very little.")
    {
        var me = data.UserId(Users.Practitioner);
        var now = DateTimeOffset.UtcNow;
        var report = new LiaisonReport
        {
            TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = episode.PersonId, Number = 1,
            Vulnerabilities = vulnerabilities, CreatedAt = now, CreatedByUserId = me, UpdatedAt = now, UpdatedByUserId = me,
        };
        report.ReportId = report.Id;
        report.Addressees.Add(new LiaisonReportAddressee { ReportVersionId = report.Id, AgencyId = agencyId });
        await data.ChangeAsync(db => { db.Add(report); return Task.CompletedTask; });
        return report;
    }
}
