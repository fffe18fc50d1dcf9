using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Contacts;

/// <summary>The Contacts capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class ContactsRegistration
{
    /// <summary>Registers the capability's services (scoped).</summary>
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddScoped<ContactService>();
        return services;
    }
}
