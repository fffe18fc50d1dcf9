using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Episodes;

/// <summary>The episodes capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class EpisodesRegistration
{
    /// <summary>Registers the episodes capability's services (scoped unless said otherwise).</summary>
    public static IServiceCollection AddEpisodes(this IServiceCollection services)
    {
        services.AddScoped<EpisodeActions>();
        return services;
    }
}
