using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Waymark.Browser.Tests;

/// <summary>
/// The real app (Program) on a real Kestrel port on 127.0.0.1, with a throwaway SQLite file
/// (<see cref="SqliteTestDatabase"/>) seeded with the synthetic demo data. Development environment,
/// so the sign-in cookie works over plain http.
/// </summary>
public sealed class WaymarkApp : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Browser-Tests-Demo-2026!";

    private readonly SqliteTestDatabase _database = new();
    private readonly TimeProvider? _clock;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <summary>The app on the system clock.</summary>
    public WaymarkApp() : this(null) { }

    /// <summary>
    /// The app on <paramref name="clock"/> (every rule, page and the demo seeder read it), or the system clock when null,
    /// with <paramref name="settings"/> (configuration keys and values) over the test defaults.
    /// </summary>
    public WaymarkApp(TimeProvider? clock, IReadOnlyDictionary<string, string>? settings = null)
    {
        _clock = clock;
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public string DatabasePath => _database.FilePath;

    /// <summary>http://127.0.0.1:PORT with no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting, not ConfigureAppConfiguration: the app reads these while it is being built.
        // No pooling: nothing holds the file open once the app stops, so it can be deleted.
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Waymark", new SqliteConnectionStringBuilder(_database.ConnectionString) { Pooling = false }.ToString());
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("OpenTelemetry:OtlpEndpoint", "");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        // Every test signs in from 127.0.0.1, the demo users many times: no sign-in rate limits here (Web tests check them).
        builder.UseSetting("Security:RateLimits:PerAddressPermits", "100000");
        builder.UseSetting("Security:RateLimits:PerAccountPermits", "100000");
        // The fake GOV.UK Notify on any free port with its outbox in memory (a developer's `dotnet run` may hold 5081 and
        // its file), and no background sending unless a test asks for it: tests run the sender themselves.
        builder.UseSetting("Notify:FakePort", "0");
        builder.UseSetting("Notify:FakeOutboxFile", "");
        builder.UseSetting("Notify:SendIntervalSeconds", "0");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        // After the app's own registrations, so this clock is the one resolved.
        if (_clock is { } clock) builder.ConfigureTestServices(s => s.AddSingleton(clock));
    }

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/');
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        // Synchronous work behind an async signature (clear the pool, delete the folder), so waiting is safe.
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
