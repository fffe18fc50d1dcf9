using Waymark.Appointments;
using Waymark.Contacts;
using Waymark.Episodes;
using Waymark.Mentoring;

namespace Waymark.Demo;

/// <summary>
/// The demo volunteer (Chris Dale, volunteer@demo.invalid) mentors one demo person, so "Your mentees" has something to show
/// on first run: the person of the FIRST episode given (DemoSeeder passes the demo team's open, supported episodes whose key
/// worker is the demo practitioner, oldest first — the same person the action and crisis plan demos are most likely to
/// use), paired a fortnight ago by the demo team manager, sharing both plans, with one mentoring contact last week and one
/// meeting booked for later this week. Synthetic data only.
/// </summary>
public static class SyntheticMentoring
{
    /// <summary>The pairing, contact and meeting to add; nothing when <paramref name="episodes"/> is empty.</summary>
    /// <param name="episodes">Candidate episodes in a stable order; the first one's person is mentored.</param>
    /// <param name="volunteerId">The demo volunteer (the mentor).</param>
    /// <param name="managerId">The demo team manager (who paired them).</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<object> Demo(IReadOnlyList<Episode> episodes, string volunteerId, string managerId, DateTimeOffset now)
    {
        if (episodes.Count == 0) yield break;
        var e = episodes[0];
        var today = UkTime.DateOf(now);
        yield return new MentoringPairing
        {
            TeamId = e.TeamId, PersonId = e.PersonId, MentorUserId = volunteerId, AgreedOn = today.AddDays(-15),
            StartedAt = now.AddDays(-14), StartedByUserId = managerId,
        };
        yield return new Contact
        {
            TeamId = e.TeamId, PersonId = e.PersonId, EpisodeId = e.Id, Kind = ContactKind.Mentoring, Reached = true,
            OccurredAt = UkTime.FromLocal(today.AddDays(-7), new TimeOnly(11, 0)), DurationMinutes = 60, WorkerUserId = volunteerId,
            Note = "Met for a coffee at the library café. Talked about the allotment group; they would like to try it.",
            RecordedAt = now.AddDays(-7), RecordedByUserId = volunteerId,
        };
        yield return new Appointment
        {
            TeamId = e.TeamId, PersonId = e.PersonId, EpisodeId = e.Id,
            StartsAt = UkTime.FromLocal(today.AddDays(2), new TimeOnly(14, 0)), DurationMinutes = 60,
            Location = "Newtown Library café", Purpose = MentoringRules.AppointmentPurpose,
            WorkerUserId = volunteerId, BookedByUserId = volunteerId, BookedAt = now.AddDays(-7),
        };
    }
}
