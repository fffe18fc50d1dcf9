using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Appointments;

/// <summary>The Appointments capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class AppointmentsRegistration
{
    /// <summary>Registers <see cref="AppointmentService"/> and <see cref="CalendarFeedService"/> (scoped).</summary>
    public static IServiceCollection AddAppointments(this IServiceCollection services)
    {
        services.AddScoped<AppointmentService>();
        services.AddScoped<CalendarFeedService>();
        return services;
    }
}
