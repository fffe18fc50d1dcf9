using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Commissioning;

/// <summary>The Commissioning capability's services: the monthly dataset (the commissioner view uses the figures).</summary>
public static class CommissioningRegistration
{
    /// <summary>Registers <see cref="MonthlyDataset"/> (scoped, on the request's context).</summary>
    public static IServiceCollection AddCommissioning(this IServiceCollection services) => services.AddScoped<MonthlyDataset>();
}
