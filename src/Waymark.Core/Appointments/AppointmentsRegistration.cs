using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Appointments;

/// <summary>The Appointments capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class AppointmentsRegistration
{
    /// <summary>Registers the capability's services (scoped).</summary>
    public static IServiceCollection AddAppointments(this IServiceCollection services)
    {
        return services;
    }
}
