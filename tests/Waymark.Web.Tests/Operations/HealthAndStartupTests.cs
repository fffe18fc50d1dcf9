using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;
using Waymark.Web.Tests.Support;

namespace Waymark.Web.Tests.Operations;

/// <summary>docs/operations.md: the health endpoints, migrating at start-up or not, the environment rule, the banner's addresses, trusted proxies.</summary>
public sealed class HealthAndStartupTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Ready_fails_when_the_database_is_unreachable_while_liveness_stays_healthy(DatabaseProvider provider)
    {
        var database = TestDatabase.For(provider);
        await database.CreateAsync();
        try
        {
            await using var factory = new WaymarkFactory(database, new AppSettings());
            using var client = NewClient(factory);
            await AssertHealthAsync(client, "/health/ready", HttpStatusCode.OK, "Healthy");

            // The database goes away under the running app: PostgreSQL's is dropped (its connections forced off),
            // SQLite's file deleted with its folder.
            await database.DisposeAsync();

            await AssertHealthAsync(client, "/health/ready", HttpStatusCode.ServiceUnavailable, "Unhealthy");
            await AssertHealthAsync(client, "/health", HttpStatusCode.OK, "Healthy");
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_MigrateOnStart_false_the_app_starts_on_a_database_already_migrated()
    {
        var database = TestDatabase.For(DatabaseProvider.Sqlite);
        await database.CreateAsync();
        try
        {
            await database.MigrateAsync(); // as 'waymark migrate' would, before the app starts
            await using var factory = new WaymarkFactory(database, new AppSettings { Settings = new Dictionary<string, string> { [Startup.MigrateOnStartKey] = "false" } });
            using var client = NewClient(factory);
            await AssertHealthAsync(client, "/health/ready", HttpStatusCode.OK, "Healthy");
            using var signIn = await client.GetAsync("/account/sign-in");
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(new[] { "http://127.0.0.1:5123" }, new[] { "http://127.0.0.1:5123" })]
    [InlineData(new[] { "http://[::]:8080", "http://0.0.0.0:8080" }, new[] { "http://localhost:8080" })]
    [InlineData(new[] { "http://+:80/" }, new[] { "http://localhost:80" })]
    [InlineData(new[] { "https://waymark.example.nhs.uk:8443", "http://[::1]:5080" }, new[] { "https://waymark.example.nhs.uk:8443", "http://[::1]:5080" })]
    public void The_banner_names_the_addresses_the_server_is_bound_to(string[] bound, string[] shown) =>
        Assert.Equal(shown, Startup.SignInAddresses(bound));

    [Fact]
    public void Started_from_the_source_folder_with_no_environment_named_it_is_Development()
    {
        var source = Directory.CreateTempSubdirectory("waymark-src-");
        try
        {
            File.WriteAllText(Path.Combine(source.FullName, AppFolder.ProjectFile), "<Project />");
            Assert.Equal("Development", AppFolder.EnvironmentFor([], _ => null, source.FullName, startedAsApp: true));
            // Whatever the operator names wins: the variables and --environment.
            Assert.Null(AppFolder.EnvironmentFor([], v => v == "ASPNETCORE_ENVIRONMENT" ? "Production" : null, source.FullName, startedAsApp: true));
            Assert.Null(AppFolder.EnvironmentFor([], v => v == "DOTNET_ENVIRONMENT" ? "Staging" : null, source.FullName, startedAsApp: true));
            Assert.Null(AppFolder.EnvironmentFor(["--environment", "Production"], _ => null, source.FullName, startedAsApp: true));
            // Elsewhere (a published folder, a service) ASP.NET Core's own rule: Production.
            Assert.Null(AppFolder.EnvironmentFor([], _ => null, Path.GetTempPath(), startedAsApp: true));
            // Under a test's factory, the factory chooses.
            Assert.Null(AppFolder.EnvironmentFor([], _ => null, source.FullName, startedAsApp: false));
        }
        finally
        {
            source.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_launch_profile_sets_no_environment_and_no_address()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Waymark.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var profile = File.ReadAllText(Path.Combine(root.FullName, "src", "Waymark.Web", "Properties", "launchSettings.json"));
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("applicationUrl", profile, StringComparison.Ordinal);
    }

    [Fact]
    public void Proxies_named_in_settings_are_trusted_and_a_bad_one_stops_the_start()
    {
        var options = Startup.ForwardedHeadersFrom(Config(("ForwardedHeaders:KnownProxies", "10.1.2.3; 10.1.2.4"), ("ForwardedHeaders:KnownNetworks:0", "192.168.10.0/24")));
        Assert.Contains(IPAddress.Parse("10.1.2.3"), options.KnownProxies);
        Assert.Contains(IPAddress.Parse("10.1.2.4"), options.KnownProxies);
        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.Parse("192.168.10.77")));
        // The same-machine proxy stays trusted (ASP.NET Core's defaults: ::1, and 127.0.0.0/8).
        Assert.Contains(IPAddress.IPv6Loopback, options.KnownProxies);
        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.Loopback));

        var bad = Assert.Throws<InvalidOperationException>(() => Startup.ForwardedHeadersFrom(Config(("ForwardedHeaders:KnownProxies", "proxy.example"))));
        Assert.Contains("ForwardedHeaders:KnownProxies", bad.Message);
        Assert.Throws<InvalidOperationException>(() => Startup.ForwardedHeadersFrom(Config(("ForwardedHeaders:KnownNetworks", "10.0.0.0/99"))));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static HttpClient NewClient(WaymarkFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    private static async Task AssertHealthAsync(HttpClient client, string path, HttpStatusCode status, string body)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status && text == body, $"{path}: {(int)response.StatusCode} {text}");
    }
}
