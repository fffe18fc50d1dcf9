using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Support;

/// <summary>The Support capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class SupportRegistration
{
    /// <summary>Registers the capability's services (scoped).</summary>
    public static IServiceCollection AddSupport(this IServiceCollection services)
    {
        services.AddScoped<SupportSettingsService>();
        return services;
    }
}
