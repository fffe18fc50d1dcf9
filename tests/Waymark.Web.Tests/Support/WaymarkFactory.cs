using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Waymark.Web.Tests.Support;

/// <summary>How the app under test is configured, beyond its database.</summary>
public sealed record AppSettings(bool DemoEnabled = true, params string[] RequireTwoFactorForRoles)
{
    /// <summary>The password every seeded user gets (Demo:Password).</summary>
    public const string Password = "Waymark-Test-Pa55word!";

    /// <summary>The hosting environment: "Test" (production cookie rules, not Production's HSTS) unless a test needs "Production".</summary>
    public string Environment { get; init; } = "Test";

    /// <summary>Further settings (key → value), e.g. AllowedHosts.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Security:RateLimits:PerAddressPermits. High by default: every test request comes from the same address.</summary>
    public int PerAddressPermits { get; init; } = 100_000;

    /// <summary>Security:RateLimits:PerAccountPermits. High by default: tests sign the same demo users in many times.</summary>
    public int PerAccountPermits { get; init; } = 100_000;
}

/// <summary>
/// The real app in memory (Program, Startup, middleware, Identity), on a test database. Settings go in
/// as host settings, so they are read by start-up code that runs before the host is built.
/// </summary>
public sealed class WaymarkFactory(TestDatabase database, AppSettings settings) : WebApplicationFactory<Program>
{
    public TestDatabase Database => database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not "Development": the tests run with production cookie rules (Secure cookies, so an https base address).
        builder.UseEnvironment(settings.Environment);
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Waymark", database.ConnectionString);
        builder.UseSetting("Demo:Enabled", settings.DemoEnabled ? "true" : "false");
        builder.UseSetting("Demo:Password", AppSettings.Password);
        for (var i = 0; i < settings.RequireTwoFactorForRoles.Length; i++)
            builder.UseSetting($"Security:RequireTwoFactorForRoles:{i}", settings.RequireTwoFactorForRoles[i]);
        builder.UseSetting("Security:RateLimits:PerAddressPermits", settings.PerAddressPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:RateLimits:PerAccountPermits", settings.PerAccountPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // A service's own instrument files: one good, one refused (see tests/Waymark.Web.Tests/Instruments).
        builder.UseSetting("Instruments:Folder", Path.Combine(AppContext.BaseDirectory, "Instruments"));
        // Reminders are sent when a test runs the sender itself, not every 30 seconds behind its back; the fake Notify on any free port.
        builder.UseSetting("Notify:SendIntervalSeconds", "0");
        builder.UseSetting("Notify:FakePort", "0");
        builder.UseSetting("Notify:FakeDeliverySeconds", "1");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        foreach (var (key, value) in settings.Settings) builder.UseSetting(key, value);
    }
}
