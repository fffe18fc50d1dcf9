using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Liaison;

/// <summary>The criminal justice liaison capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class LiaisonRegistration
{
    /// <summary>Registers the liaison capability's services (scoped unless said otherwise).</summary>
    public static IServiceCollection AddLiaison(this IServiceCollection services)
    {
        services.AddScoped<CriminalJusticeAgencies>();
        services.AddScoped<CriminalJusticeSharing>();
        return services;
    }
}
