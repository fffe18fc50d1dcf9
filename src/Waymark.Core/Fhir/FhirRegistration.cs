using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Fhir;

/// <summary>The FHIR API's services.</summary>
public static class FhirRegistration
{
    /// <summary>Adds <see cref="FhirStore"/> (scoped: one per request, acting for the request's team).</summary>
    public static IServiceCollection AddFhir(this IServiceCollection services)
    {
        services.AddScoped<FhirStore>();
        return services;
    }
}
