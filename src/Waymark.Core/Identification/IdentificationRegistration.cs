using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Identification;

/// <summary>The identification capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class IdentificationRegistration
{
    /// <summary>Registers the identification capability's services (scoped unless said otherwise).</summary>
    public static IServiceCollection AddIdentification(this IServiceCollection services)
    {
        // Each team's estimated match model, shared by every request (it holds its own cache).
        services.AddSingleton<TeamMatchModels>();
        services.AddScoped<IPersonLookup, ProbabilisticPersonLookup>();
        services.AddScoped<MatchDecisions>();
        services.AddScoped<IdentificationService>();
        return services;
    }
}
