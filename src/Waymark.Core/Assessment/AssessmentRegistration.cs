using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Assessment;

/// <summary>The assessment capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class AssessmentRegistration
{
    /// <summary>Registers the assessment capability's services (scoped unless said otherwise).</summary>
    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddScoped<AssessmentService>();
        services.AddScoped<Formulations>();
        return services;
    }
}
