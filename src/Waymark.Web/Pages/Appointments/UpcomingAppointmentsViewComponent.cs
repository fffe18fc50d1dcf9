using Microsoft.AspNetCore.Mvc;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages.Appointments;

/// <summary>What the appointments section shows.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="EpisodeId">The episode, on an episode's page.</param>
/// <param name="Appointments">The next and latest appointments.</param>
/// <param name="CanBook">Whether to offer "Book an appointment" (<see cref="Permission.RecordContacts"/>, and for an episode, an open one of the user's team).</param>
public sealed record UpcomingAppointmentsView(Guid PersonId, Guid? EpisodeId, PersonAppointments Appointments, bool CanBook);

/// <summary>
/// On a person's page and an episode's page: the person's (or the episode's) next 5 and latest 3 appointments (one query), with Book an appointment. Shown inside pages that already audit the view of the record.
/// </summary>
public class UpcomingAppointmentsViewComponent(AppointmentService service) : ViewComponent
{
    /// <summary>Renders the section for <paramref name="personId"/>, narrowed to <paramref name="episodeId"/> on an episode's page.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid personId, Guid? episodeId = null)
    {
        var list = await service.ForPersonAsync(personId, episodeId, HttpContext.RequestAborted);
        var canBook = UserClaimsPrincipal.Can(Permission.RecordContacts);
        return View("/Pages/Appointments/_Upcoming.cshtml", new UpcomingAppointmentsView(personId, episodeId, list, canBook));
    }
}
