using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Duplicates;

/// <summary>The duplicates capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class DuplicatesRegistration
{
    /// <summary>Registers the duplicates capability's services (scoped unless said otherwise).</summary>
    public static IServiceCollection AddDuplicates(this IServiceCollection services)
    {
        services.AddScoped<DuplicateScan>();
        services.AddScoped<DuplicateQueue>();
        services.AddScoped<PersonMerging>();
        return services;
    }
}
