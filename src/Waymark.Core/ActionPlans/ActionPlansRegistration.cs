using Microsoft.Extensions.DependencyInjection;

namespace Waymark.ActionPlans;

/// <summary>The Action plans capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class ActionPlansRegistration
{
    /// <summary>Registers <see cref="ActionPlanService"/> (scoped).</summary>
    public static IServiceCollection AddActionPlans(this IServiceCollection services)
    {
        services.AddScoped<ActionPlanService>();
        return services;
    }
}
