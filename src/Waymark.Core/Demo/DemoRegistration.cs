using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Demo;

/// <summary>The demo data capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class DemoRegistration
{
    /// <summary>Registers the demo data capability's services (scoped unless said otherwise).</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddScoped<DemoSeeder>();
        return services;
    }
}
