using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Screening;

/// <summary>The screening capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class ScreeningRegistration
{
    /// <summary>Registers the screening capability's services (scoped unless said otherwise).</summary>
    public static IServiceCollection AddScreening(this IServiceCollection services)
    {
        services.AddScoped<ScreeningService>();
        services.AddScoped<AssessmentTargetSettings>();
        return services;
    }
}
