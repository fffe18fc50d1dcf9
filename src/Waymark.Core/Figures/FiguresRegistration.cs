using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Figures;

/// <summary>The Figures capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class FiguresRegistration
{
    /// <summary>Registers <see cref="TeamFigures"/> and every figure source (scoped).</summary>
    public static IServiceCollection AddFigures(this IServiceCollection services)
    {
        services.AddScoped<TeamFigures>();
        // One line per source, in any order (IFigureSource.Order sets the page's order).
        services.AddFigureSource<DemandFigures>();
        services.AddFigureSource<TimelinessFigures>();
        services.AddFigureSource<NeedsFigures>();
        return services;
    }

    /// <summary>Registers one figure source.</summary>
    public static IServiceCollection AddFigureSource<T>(this IServiceCollection services) where T : class, IFigureSource =>
        services.AddScoped<IFigureSource, T>();
}
