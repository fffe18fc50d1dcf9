using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Waymark.Retention;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Destroys the records that are due (<see cref="RecordsDestruction"/>) once a day while the app runs, when
/// <c>Retention:ScheduleEnabled</c> is true (off by default: destruction cannot be undone, so an organisation turns it on
/// after checking a dry run). Follows <see cref="ProactiveRetentionSchedule"/>. Logs counts only, never who.
/// </summary>
public sealed class RetentionSchedule(IServiceScopeFactory scopes, RetentionOptions options, TimeProvider clock, ILogger<RetentionSchedule> log) : BackgroundService
{
    /// <summary>How often it runs: every 24 hours from start-up.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.ScheduleEnabled) return;
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
                var result = await scope.ServiceProvider.GetRequiredService<RecordsDestruction>().RunAsync("schedule", ct: stoppingToken);
                log.LogInformation("Retention: the records of {People} people destroyed in {Batches} batches (run {RunId})", result.People, result.Batches, result.RunId);
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                // Tried again tomorrow; the exception's type only (its message could quote the statement).
                log.LogError("Retention run failed: {Error}", e.GetType().Name);
            }
        }
    }
}
