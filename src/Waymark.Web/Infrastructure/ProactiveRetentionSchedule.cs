using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Waymark.ProactiveIdentification;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Applies the custody and court lists' retention rule (<see cref="ProactiveRetention"/>) once a day while the app runs;
/// it also runs at start-up (<c>PrepareDatabaseAsync</c>). Acts as the system, so every team's rows are covered.
/// Logs counts only, never a person.
/// </summary>
public sealed class ProactiveRetentionSchedule(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ProactiveRetentionSchedule> log) : BackgroundService
{
    /// <summary>How often the rule is applied: every 24 hours from start-up.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
                var (rows, previews) = await scope.ServiceProvider.GetRequiredService<ProactiveRetention>().RunAsync(stoppingToken);
                log.LogInformation("Custody and court lists retention: {Rows} rows' details cleared, {Previews} previews deleted", rows, previews);
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                // Tried again tomorrow; the exception's type only (its message could quote the statement).
                log.LogError("Custody and court lists retention failed: {Error}", e.GetType().Name);
            }
        }
    }
}
