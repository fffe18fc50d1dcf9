using Microsoft.Extensions.DependencyInjection;

namespace Waymark.LiaisonReports;

/// <summary>The liaison report capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class LiaisonReportsRegistration
{
    /// <summary>Registers the liaison report capability's services (scoped).</summary>
    public static IServiceCollection AddLiaisonReports(this IServiceCollection services)
    {
        services.AddScoped<LiaisonReportService>();
        return services;
    }
}
