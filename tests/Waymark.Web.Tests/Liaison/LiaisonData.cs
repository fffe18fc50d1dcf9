using Waymark.Liaison;
using Waymark.Referrals;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Liaison;

/// <summary>Criminal justice agencies and consents planted straight into the database for page tests.</summary>
internal static class LiaisonData
{
    /// <summary>A custody suite of <paramref name="teamId"/> with a unique name.</summary>
    public static async Task<CriminalJusticeAgency> AddAgencyAsync(this TestData data, Guid teamId, string? name = null, AgencyKind kind = AgencyKind.CustodySuite, bool retired = false)
    {
        var agency = new CriminalJusticeAgency
        {
            TeamId = teamId, Kind = kind, Name = name ?? TestData.UniqueName("Test custody suite"), SecureEmail = "custody@test.cjsm.invalid",
            Telephone = "01632 960200", CreatedAt = DateTimeOffset.UtcNow, CreatedByUserId = "test",
            RetiredAt = retired ? DateTimeOffset.UtcNow : null, RetiredByUserId = retired ? "test" : null,
        };
        await data.ChangeAsync(db => { db.Add(agency); return Task.CompletedTask; });
        return agency;
    }

    /// <summary>A standing consent on the episode naming the agency, given a minute ago.</summary>
    public static async Task<CriminalJusticeConsent> AddConsentAsync(this TestData data, Waymark.Episodes.Episode episode, Guid agencyId)
    {
        var consent = new CriminalJusticeConsent
        {
            TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = episode.PersonId, Information = "vulnerabilities", Purposes = "charging",
            Form = ConsentForm.Verbal, CapacityNote = "Understood and weighed it", GivenAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            RecordedAt = DateTimeOffset.UtcNow, RecordedByUserId = "test",
        };
        consent.Agencies.Add(new CriminalJusticeConsentAgency { ConsentId = consent.Id, AgencyId = agencyId });
        await data.ChangeAsync(db => { db.Add(consent); return Task.CompletedTask; });
        return consent;
    }
}
