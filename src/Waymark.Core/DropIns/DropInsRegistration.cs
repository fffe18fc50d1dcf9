using Microsoft.Extensions.DependencyInjection;
using Waymark.Figures;

namespace Waymark.DropIns;

/// <summary>The DropIns capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class DropInsRegistration
{
    /// <summary>Registers the capability's services (scoped).</summary>
    public static IServiceCollection AddDropIns(this IServiceCollection services)
    {
        services.AddScoped<DropInService>();
        services.AddFigureSource<DropInFigureSource>();
        return services;
    }
}
