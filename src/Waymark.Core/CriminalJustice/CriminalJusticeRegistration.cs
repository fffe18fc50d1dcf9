using Microsoft.Extensions.DependencyInjection;
using Waymark.Figures;

namespace Waymark.CriminalJustice;

/// <summary>The criminal justice events and clocks capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class CriminalJusticeRegistration
{
    /// <summary>Registers the capability's services (scoped).</summary>
    public static IServiceCollection AddCriminalJustice(this IServiceCollection services)
    {
        services.AddScoped<CriminalJusticeService>();
        services.AddFigureSource<CriminalJusticeFigureSource>();
        return services;
    }
}
