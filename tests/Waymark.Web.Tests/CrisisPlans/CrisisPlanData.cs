using Waymark.CrisisPlans;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.CrisisPlans;

/// <summary>Crisis plans added straight to the database for page tests.</summary>
internal static class CrisisPlanData
{
    /// <summary>A crisis plan (version 1, agreed 3 October 2026) of the person with the team, recorded by <paramref name="userId"/>.</summary>
    public static async Task<CrisisPlanVersion> AddCrisisPlanAsync(this TestData data, Guid teamId, Guid personId, string userId, string warningSigns = "Not sleeping\nStaying in my room")
    {
        var now = DateTimeOffset.UtcNow;
        var plan = new CrisisPlan { TeamId = teamId, PersonId = personId, LatestNumber = 1, LatestAt = now, CreatedAt = now, CreatedByUserId = userId };
        var version = new CrisisPlanVersion
        {
            CrisisPlanId = plan.Id, TeamId = teamId, PersonId = personId, Number = 1, WarningSigns = warningSigns,
            SelfHelp = "Go for a walk\nListen to music", HelpfulPeopleAndPlaces = "The library",
            CrisisContacts = CrisisContact.Encode([new("Jo Test", "sister", "07700 900 123")]), OwnServices = "My GP, 01632 960 222",
            SafeSurroundings = "Give my tablets to Jo", PracticalThings = "Jo feeds the cat", WhoWasThere = "The person and their worker",
            AgreedWithPerson = true, AgreedOn = new DateOnly(2026, 10, 3), RecordedAt = now, RecordedByUserId = userId,
        };
        await data.ChangeAsync(db => { db.Add(plan); db.Add(version); return Task.CompletedTask; });
        return version;
    }
}
