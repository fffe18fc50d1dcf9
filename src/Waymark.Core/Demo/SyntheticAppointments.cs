using Waymark.Appointments;
using Waymark.Episodes;

namespace Waymark.Demo;

/// <summary>
/// A few appointments in the demo practitioner's diary, so the diary, the week, the person and episode pages and the
/// calendar feed have something to show on first run: two today (one already past, its outcome to record), one
/// tomorrow going with the person to the housing office ("Housing officer", "Newtown Housing Options"), and one later
/// this week. Synthetic data only; no reminders are asked for (consent is the person's to give).
/// </summary>
public static class SyntheticAppointments
{
    /// <summary>The appointments to add on <paramref name="episodes"/> (open episodes of the demo team; up to four are used).</summary>
    /// <param name="episodes">Open episodes of the demo team, in a stable order.</param>
    /// <param name="userId">The demo practitioner, whose diary they are in and who booked them.</param>
    /// <param name="now">The seeding instant.</param>
    public static IEnumerable<Appointment> Demo(IReadOnlyList<Episode> episodes, string userId, DateTimeOffset now)
    {
        var today = UkTime.DateOf(now);
        (int Days, int Hour, int Minutes, string Location, string Purpose, string? WithWhom)[] plan =
        [
            (0, 9, 30, "Newtown Library, interview room 2", "Check in after release from custody", null),
            (0, 15, 0, "Newtown Community Hub", "Go through the benefits claim form together", null),
            (1, 10, 0, "Newtown Housing Options, 1 High Street", "Homelessness assessment", "Housing officer, Newtown Housing Options"),
            (3, 11, 0, "Newtown Library, interview room 2", "Review the support plan", null),
        ];
        for (var i = 0; i < plan.Length && i < episodes.Count; i++)
        {
            var p = plan[i];
            var e = episodes[i];
            yield return new Appointment
            {
                TeamId = e.TeamId, PersonId = e.PersonId, EpisodeId = e.Id,
                StartsAt = UkTime.FromLocal(today.AddDays(p.Days), new TimeOnly(p.Hour, p.Minutes)), DurationMinutes = p.WithWhom is null ? 45 : 90,
                Location = p.Location, Purpose = p.Purpose, Accompanied = p.WithWhom is not null, WithWhom = p.WithWhom,
                WorkerUserId = userId, BookedByUserId = userId, BookedAt = now.AddDays(-2),
            };
        }
    }
}
