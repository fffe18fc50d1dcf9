using Microsoft.Extensions.DependencyInjection;

namespace Waymark.SupportNetworks;

/// <summary>The SupportNetworks capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class SupportNetworksRegistration
{
    /// <summary>Registers the capability's services (scoped).</summary>
    public static IServiceCollection AddSupportNetworks(this IServiceCollection services)
    {
        services.AddScoped<SupportNetworkService>();
        return services;
    }
}
