using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Waymark.ServiceDirectory;

/// <summary>The local services directory and its Open Referral UK exchange.</summary>
public static class ServiceDirectoryRegistration
{
    /// <summary>Registers the directory's services; its settings (<c>Directory:*</c>) are read once from <paramref name="config"/>.</summary>
    public static IServiceCollection AddServiceDirectory(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(DirectorySettings.From(config));
        services.AddScoped<DirectorySearch>();
        services.AddScoped<DirectoryEditor>();
        services.AddScoped<OpenReferralExporter>();
        services.AddScoped<OpenReferralImporter>();
        services.AddScoped<DirectoryApiKeys>();
        return services;
    }
}
