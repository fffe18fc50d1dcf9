using Waymark.Appointments;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Appointments;

/// <summary>Appointments planted straight into the database for page tests.</summary>
internal static class AppointmentData
{
    /// <summary>An appointment on the episode in <paramref name="workerId"/>'s diary, starting at <paramref name="startsAt"/> (tomorrow at 10:00 UTC unless said).</summary>
    public static async Task<Appointment> AddAppointmentAsync(this TestData data, Waymark.Episodes.Episode episode, string workerId,
        DateTimeOffset? startsAt = null, Action<Appointment>? with = null)
    {
        var a = new Appointment
        {
            TeamId = episode.TeamId, PersonId = episode.PersonId, EpisodeId = episode.Id,
            StartsAt = startsAt ?? new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(10), TimeSpan.Zero),
            DurationMinutes = 60, Location = "Newtown Library, room 2", Purpose = "Plan the housing application",
            WorkerUserId = workerId, BookedByUserId = workerId, BookedAt = DateTimeOffset.UtcNow,
        };
        with?.Invoke(a);
        await data.ChangeAsync(db => { db.Add(a); return Task.CompletedTask; });
        return a;
    }
}
