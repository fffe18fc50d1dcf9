using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Waymark.ProactiveIdentification;

/// <summary>Proactive identification's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class ProactiveRegistration
{
    /// <summary>Registers the capability's services (scoped); its settings (<c>ProactiveIdentification:*</c>) are read once from <paramref name="config"/>.</summary>
    /// <exception cref="InvalidOperationException">A setting is out of range (<see cref="ProactiveOptions.From"/>).</exception>
    public static IServiceCollection AddProactiveIdentification(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(ProactiveOptions.From(config));
        services.AddScoped<ProactiveMatcher>();
        services.AddScoped<ProactiveLists>();
        services.AddScoped<ProactiveQueue>();
        services.AddScoped<ProactiveRetention>();
        return services;
    }
}
