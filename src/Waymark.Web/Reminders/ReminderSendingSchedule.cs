using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Waymark.Reminders;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Reminders;

/// <summary>
/// Starts the fake Notify (<see cref="FakeNotifyServer"/>) when no <c>Notify:ApiKey</c> is set, and points the app's
/// Notify client at it (its address, key and template ids). In Production without a key no fake is started and
/// reminders are not sent (one warning). Logs one line with the fake's address; never a key or a person.
/// </summary>
public sealed class FakeNotifyHost(NotifySettings settings, IHostEnvironment env, ILogger<FakeNotifyHost> log) : IHostedService, IAsyncDisposable
{
    private FakeNotifyServer? _fake;

    /// <summary>The running fake, or null when a key is set (or in Production without one).</summary>
    public FakeNotifyServer? Fake => _fake;

    /// <summary>Whether reminders can be sent: a key is set, or the fake is running.</summary>
    public bool CanSend => settings.HasKey || _fake is not null;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.HasKey) return;
        if (env.IsProduction())
        {
            log.LogWarning("Notify:ApiKey is not set: reminders will not be sent (no fake Notify in Production)");
            return;
        }
        var file = string.IsNullOrWhiteSpace(settings.FakeOutboxFile) ? null : Path.GetFullPath(settings.FakeOutboxFile, env.ContentRootPath);
        _fake = await FakeNotifyServer.StartAsync(new FakeNotifyOptions(settings.FakePort, file, TimeSpan.FromSeconds(Math.Max(0, settings.FakeDeliverySeconds))), cancellationToken);
        settings.BaseUrl = _fake.BaseUrl.ToString();
        settings.ApiKey = _fake.ApiKey;
        if (string.IsNullOrWhiteSpace(settings.SmsTemplateId)) settings.SmsTemplateId = FakeNotifyServer.SmsTemplateId;
        if (string.IsNullOrWhiteSpace(settings.EmailTemplateId)) settings.EmailTemplateId = FakeNotifyServer.EmailTemplateId;
        log.LogInformation("No Notify:ApiKey is set: reminders go to the fake GOV.UK Notify at {Address} (open it to see the outbox)", _fake.BaseUrl);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        var fake = Interlocked.Exchange(ref _fake, null);
        if (fake is not null) await fake.DisposeAsync();
    }
}

/// <summary>
/// Runs the <see cref="ReminderSender"/> every <c>Notify:SendIntervalSeconds</c> (default 30; 0 = never) while the app
/// runs, acting as the system (every team's reminders). Logs counts only, never a person.
/// </summary>
public sealed class ReminderSendingSchedule(IServiceScopeFactory scopes, NotifySettings settings, FakeNotifyHost fake, TimeProvider clock, ILogger<ReminderSendingSchedule> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.SendIntervalSeconds <= 0 || !fake.CanSend) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.SendIntervalSeconds), clock);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
                var run = await scope.ServiceProvider.GetRequiredService<ReminderSender>().RunOnceAsync(ct: stoppingToken);
                if (run != new SendRun(0, 0, 0, 0, 0, 0, 0, 0))
                    log.LogInformation("Reminders: {Sent} sent, {Recovered} recovered, {Cancelled} cancelled, {Refused} refused, {Unavailable} left for Notify to come back, {Delivered} delivered, {Failed} failed",
                        run.Sent, run.Recovered, run.Cancelled, run.Refused, run.Unavailable, run.Delivered, run.Failed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException or NotifyUnavailableException or HttpRequestException or ArgumentException)
            {
                // Tried again at the next tick; the exception's type only (its message could quote a statement).
                log.LogError("Sending reminders failed: {Error}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Registers the fake Notify host and the sending schedule.</summary>
public static class ReminderHosting
{
    /// <summary>Adds <see cref="FakeNotifyHost"/> (started first) and <see cref="ReminderSendingSchedule"/>.</summary>
    public static IServiceCollection AddReminderSending(this IServiceCollection services)
    {
        services.AddSingleton<FakeNotifyHost>();
        services.AddHostedService(sp => sp.GetRequiredService<FakeNotifyHost>());
        services.AddHostedService<ReminderSendingSchedule>();
        return services;
    }
}
