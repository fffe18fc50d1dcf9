using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Mentoring;

/// <summary>The Mentoring capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class MentoringRegistration
{
    /// <summary>Registers the capability's services (scoped).</summary>
    public static IServiceCollection AddMentoring(this IServiceCollection services)
    {
        services.AddScoped<MentoringService>();
        return services;
    }
}
