using Microsoft.Extensions.DependencyInjection;

namespace Waymark.CrisisPlans;

/// <summary>The CrisisPlans capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class CrisisPlansRegistration
{
    /// <summary>Registers the capability's services (scoped).</summary>
    public static IServiceCollection AddCrisisPlans(this IServiceCollection services)
    {
        services.AddScoped<CrisisPlanService>();
        return services;
    }
}
