using Microsoft.Extensions.DependencyInjection;

namespace Waymark.CriminalJustice;

/// <summary>The criminal justice events and clocks capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class CriminalJusticeRegistration
{
    /// <summary>Registers the capability's services (scoped).</summary>
    public static IServiceCollection AddCriminalJustice(this IServiceCollection services)
    {
        services.AddScoped<CriminalJusticeService>();
        return services;
    }
}
