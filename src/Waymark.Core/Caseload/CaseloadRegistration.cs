using Microsoft.Extensions.DependencyInjection;
using Waymark.Figures;

namespace Waymark.Caseload;

/// <summary>The caseload capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class CaseloadRegistration
{
    /// <summary>Registers the caseload capability's services (scoped unless said otherwise).</summary>
    public static IServiceCollection AddCaseload(this IServiceCollection services)
    {
        services.AddScoped<CaseloadQuery>();
        services.AddScoped<EndingsQuery>();
        services.AddScoped<Capacity>();
        services.AddScoped<CapacitySettings>();
        services.AddFigureSource<CaseloadFigureSource>();
        return services;
    }
}
