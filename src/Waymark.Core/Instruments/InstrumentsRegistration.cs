using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Instruments;

/// <summary>The screening instruments: the built-in definitions plus a service's own definition files.</summary>
public static class InstrumentsRegistration
{
    /// <summary>
    /// Registers the <see cref="InstrumentCatalogue"/> as a singleton, loaded once on first use and immutable.
    /// The folder is the <c>Instruments:Folder</c> setting, relative to <paramref name="contentRoot"/>; empty means built-in only.
    /// </summary>
    public static IServiceCollection AddInstruments(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var folder = config[InstrumentCatalogue.ConfigKey];
        var resolved = string.IsNullOrWhiteSpace(folder) ? null : Path.GetFullPath(folder, contentRoot);
        services.AddSingleton(_ => InstrumentCatalogue.Load(resolved));
        return services;
    }
}
