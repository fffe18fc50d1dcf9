using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Reminders;

/// <summary>The Reminders capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class RemindersRegistration
{
    /// <summary>Registers the capability's services (scoped); <c>Notify:*</c> settings from <paramref name="config"/> (docs/support.md).</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<ReminderPlanner>();
        return services;
    }
}
