using Waymark.Episodes;
using Waymark.People;
using Waymark.Retention;

namespace Waymark.Demo;

/// <summary>
/// People for the retention walk-through (issue 16 item 2): two whose records are due for destruction (episodes closed
/// over 20 years ago, so past even the mental health rule), one as old but under a legal hold (kept), and one closed
/// five years ago (not due). <c>waymark retention run --dry-run</c> on the demo lists the first two. Invented names only.
/// </summary>
public static class SyntheticRetention
{
    /// <summary>The people, their team links, closed episodes and the legal hold.</summary>
    /// <param name="teamId">The demo team.</param>
    /// <param name="practitionerId">Who identified and closed the episodes.</param>
    /// <param name="managerId">The team manager, who placed the hold.</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<object> Demo(Guid teamId, string practitionerId, string managerId, DateTimeOffset now)
    {
        foreach (var row in Closed("Marlowe", "Quenbury", new DateOnly(1961, 4, 12), now.AddYears(-23), now.AddYears(-22).AddDays(-30))) yield return row;
        foreach (var row in Closed("Tamsin", "Harrowgate", new DateOnly(1975, 9, 3), now.AddYears(-21).AddDays(-90), now.AddYears(-21))) yield return row;
        var held = Closed("Ellison", "Brackenridge", new DateOnly(1958, 1, 20), now.AddYears(-24), now.AddYears(-23)).ToList();
        foreach (var row in held) yield return row;
        yield return new LegalHold
        {
            PersonId = ((Person)held[0]).Id, TeamId = teamId, PlacedAt = now.AddDays(-14), PlacedByUserId = managerId,
            Reason = "Civil claim against the trust (synthetic): keep until the solicitors confirm it has ended.",
        };
        foreach (var row in Closed("Odessa", "Fairweather", new DateOnly(1990, 6, 30), now.AddYears(-5).AddDays(-60), now.AddYears(-5))) yield return row;

        IEnumerable<object> Closed(string given, string family, DateOnly dob, DateTimeOffset identified, DateTimeOffset closed)
        {
            var person = new Person
            {
                GivenName = given, FamilyName = family, DateOfBirth = dob, Sex = Sex.NotKnown, CreatedAt = identified, CreatedBy = practitionerId,
            };
            person.TeamLinks.Add(PersonTeamLink.For(person, teamId, identified));
            yield return person;
            yield return new Episode
            {
                PersonId = person.Id, TeamId = teamId, Setting = Setting.PoliceCustody, IdentifiedBySource = "Custody sergeant",
                IdentificationReason = "Low mood disclosed at booking-in", IdentifiedAt = identified, IdentifiedByUserId = practitionerId,
                RecordedAt = identified, AgeAtIdentification = Age.On(dob, UkTime.DateOf(identified)),
                ClosedAt = closed, ClosedByUserId = practitionerId, ClosureReason = ClosureReason.SupportCompleted,
            };
        }
    }
}
