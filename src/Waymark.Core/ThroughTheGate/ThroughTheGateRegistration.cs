using Microsoft.Extensions.DependencyInjection;

namespace Waymark.ThroughTheGate;

/// <summary>The ThroughTheGate capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class ThroughTheGateRegistration
{
    /// <summary>Registers <see cref="ReleasePlanService"/> (scoped).</summary>
    public static IServiceCollection AddThroughTheGate(this IServiceCollection services)
    {
        services.AddScoped<ReleasePlanService>();
        return services;
    }
}
