using Waymark.CrisisPlans;
using Waymark.Episodes;

namespace Waymark.Demo;

/// <summary>
/// Crisis plans for two of the demo team's people with an open, allocated episode, so the banner, the person page's
/// summary, the plan with two versions and the printed and easy-read copies can be seen on first run. Invented words
/// and drama numbers (01632 96xxxx, 07700 900xxx) only.
/// </summary>
public static class SyntheticCrisisPlans
{
    /// <summary>A plan (two versions for the first person, one for the second) for the first two of <paramref name="episodes"/>.</summary>
    /// <param name="episodes">Open, allocated episodes of the demo team, in a stable order.</param>
    /// <param name="userId">The practitioner who wrote them.</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<object> Demo(IReadOnlyList<Episode> episodes, string userId, DateTimeOffset now)
    {
        for (var i = 0; i < Math.Min(2, episodes.Count); i++)
        {
            var e = episodes[i];
            var versions = i == 0 ? 2 : 1;
            var started = e.IdentifiedAt > now.AddDays(-10) ? e.IdentifiedAt : now.AddDays(-10);
            var plan = new CrisisPlan { TeamId = e.TeamId, PersonId = e.PersonId, LatestNumber = versions, CreatedAt = started, CreatedByUserId = userId };
            for (var n = 1; n <= versions; n++)
            {
                var at = n == 1 ? started : started.AddDays(5) < now ? started.AddDays(5) : now;
                plan.LatestAt = at;
                yield return new CrisisPlanVersion
                {
                    CrisisPlanId = plan.Id, TeamId = e.TeamId, PersonId = e.PersonId, Number = n, RecordedAt = at, RecordedByUserId = userId,
                    WarningSigns = n == 1 ? "Not sleeping\nStaying in my room all day" : "Not sleeping\nStaying in my room all day\nNot answering my phone",
                    SelfHelp = "Go for a walk by the river\nListen to music\nRing my sister",
                    HelpfulPeopleAndPlaces = "My sister's house\nThe library\nThe drop-in on Thursdays",
                    CrisisContacts = CrisisContact.Encode(i == 0
                        ? [new("Jo Example", "sister", "07700 900 481"), new("Pat Example", "neighbour", "01632 960 482")]
                        : [new("Sam Example", "friend", "07700 900 483")]),
                    OwnServices = "My GP surgery, 01632 960 484",
                    SafeSurroundings = "Give my spare tablets to my sister to keep",
                    PracticalThings = "My sister feeds the cat\nTell my landlord if I am in hospital",
                    WhoWasThere = i == 0 ? "The person, their sister and their key worker" : "The person and their key worker",
                    AgreedWithPerson = true, AgreedOn = UkTime.DateOf(at),
                };
            }
            yield return plan;
        }
    }
}
