using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Retention;

/// <summary>Retention and destruction, and legal holds: registered once for the web app and the CLI.</summary>
public static class RetentionRegistration
{
    /// <summary>Registers the services (scoped) and the options read once from <c>Retention:*</c>.</summary>
    /// <exception cref="InvalidOperationException">A setting is out of range (<see cref="RetentionOptions.From"/>).</exception>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(RetentionOptions.From(config));
        services.AddScoped<RecordsDestruction>();
        services.AddScoped<LegalHolds>();
        return services;
    }
}
