using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Waymark.Browser.Tests;

/// <summary>
/// The real app (Program) on a real Kestrel port on 127.0.0.1, with a throwaway SQLite file seeded
/// with the synthetic demo data. Development environment, so the sign-in cookie works over plain http.
/// </summary>
public sealed class WaymarkApp : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Browser-Tests-Demo-2026!";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "waymark-browser-" + Guid.NewGuid().ToString("N"));

    public WaymarkApp()
    {
        Directory.CreateDirectory(_dataDir);
        UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public string DatabasePath => Path.Combine(_dataDir, "waymark.db");

    /// <summary>http://127.0.0.1:PORT with no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting, not ConfigureAppConfiguration: the app reads these while it is being built.
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Waymark", $"Data Source={DatabasePath};Pooling=False");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("OpenTelemetry:OtlpEndpoint", "");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { /* best effort: the temp folder is cleaned by the OS otherwise */ }
    }
}
