using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Audit;

/// <summary>The audit capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class AuditRegistration
{
    /// <summary>Registers the audit capability's services (scoped unless said otherwise).</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<Auditor>();
        // One writer per process: it batches the stand-alone events of concurrent requests (group commit).
        services.AddSingleton<AuditTrailWriter>();
        return services;
    }
}
