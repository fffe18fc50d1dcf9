using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Reminders;

/// <summary>The Reminders capability's services, registered once for the web app, the CLI and the benchmarks.</summary>
public static class RemindersRegistration
{
    /// <summary>Registers the planner and sender (scoped), the <c>Notify:*</c> settings from <paramref name="config"/> and the HTTP gateway (singletons; docs/support.md, "Reminders").</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(NotifySettings.From(config));
        services.AddSingleton<INotifyGateway>(sp => new NotifyHttpGateway(sp.GetRequiredService<NotifySettings>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<ReminderPlanner>();
        services.AddScoped<ReminderSender>();
        services.AddScoped<ReminderQueries>();
        return services;
    }
}
