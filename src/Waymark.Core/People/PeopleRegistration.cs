using Microsoft.Extensions.DependencyInjection;

namespace Waymark.People;

/// <summary>The people capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class PeopleRegistration
{
    /// <summary>Registers the people capability's services (scoped unless said otherwise).</summary>
    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddScoped<PersonSearch>();
        services.AddScoped<PersonRecords>();
        services.AddScoped<AtAGlance>();
        return services;
    }
}
