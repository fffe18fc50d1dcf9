using Waymark.Mentoring;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Mentoring;

/// <summary>Mentoring pairings planted straight into the database for page tests.</summary>
internal static class MentoringData
{
    /// <summary>An active pairing of <paramref name="mentorId"/> with the person, in <paramref name="teamId"/>, agreed a week ago, sharing both plans.</summary>
    public static async Task<MentoringPairing> AddPairingAsync(this TestData data, Guid teamId, Guid personId, string mentorId, Action<MentoringPairing>? with = null)
    {
        var pairing = new MentoringPairing
        {
            TeamId = teamId, PersonId = personId, MentorUserId = mentorId, AgreedOn = UkTime.Today(TimeProvider.System).AddDays(-7),
            StartedAt = DateTimeOffset.UtcNow.AddDays(-7), StartedByUserId = data.UserId(Users.TeamManager),
        };
        with?.Invoke(pairing);
        await data.ChangeAsync(db => { db.Add(pairing); return Task.CompletedTask; });
        return pairing;
    }
}
