using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Access;
using Waymark.Demo;
using Waymark.Persistence;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Tests.Support;

/// <summary>
/// One running app on one database, shared by every test class of an xunit collection. Tests that
/// change data make their own people and episodes, so they do not depend on each other's order.
/// </summary>
public abstract class AppFixture(DatabaseProvider provider, AppSettings settings) : IAsyncLifetime
{
    private TestDatabase? _database;
    private WaymarkFactory? _factory;
    private TestData? _data;

    public DatabaseProvider Provider => provider;
    public WaymarkFactory Factory => _factory ?? throw new InvalidOperationException("The app did not start.");
    public TestData Data => _data ?? throw new InvalidOperationException("The app did not start.");

    public async Task InitializeAsync()
    {
        _database = TestDatabase.For(provider);
        await _database.CreateAsync();
        _factory = new WaymarkFactory(_database, settings);
        _ = _factory.Server; // starts the app: it migrates, and seeds the demo when Demo:Enabled
        if (!settings.DemoEnabled) await SeedDemoDataAsync(_factory);
        _data = await TestData.LoadAsync(_factory);
    }

    /// <summary>With demo mode off the app seeds nothing; the tests seed the same users and people themselves.</summary>
    private static async Task SeedDemoDataAsync(WaymarkFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
        var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(force: true);
        if (!result.Seeded) throw new InvalidOperationException("The demo seeder did not seed the two-factor test app.");
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>A new browser with its own cookies, not signed in.</summary>
    public AppClient NewClient() => new(Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    }));

    /// <summary>A new browser signed in as <paramref name="email"/> with the test password.</summary>
    public async Task<AppClient> SignedInAsync(string email)
    {
        var client = NewClient();
        await client.SignInAsync(email);
        return client;
    }

    public override string ToString() => provider.ToString();
}

public sealed class SqliteApp() : AppFixture(DatabaseProvider.Sqlite, new AppSettings());

public sealed class PostgresApp() : AppFixture(DatabaseProvider.Postgres, new AppSettings());

/// <summary>Demo mode off and two-factor required for team managers.</summary>
public sealed class TwoFactorSqliteApp() : AppFixture(DatabaseProvider.Sqlite, new AppSettings(DemoEnabled: false, "TeamManager"));

public sealed class TwoFactorPostgresApp() : AppFixture(DatabaseProvider.Postgres, new AppSettings(DemoEnabled: false, "TeamManager"));

/// <summary>Low sign-in rate limits (3 attempts per account, 6 per client address, per window of the defaults), on SQLite only: limiting does not touch the database.</summary>
public sealed class RateLimitedSqliteApp() : AppFixture(DatabaseProvider.Sqlite, new AppSettings { PerAccountPermits = 3, PerAddressPermits = 6 });

[CollectionDefinition(Name)]
public sealed class RateLimitedSqliteCollection : ICollectionFixture<RateLimitedSqliteApp>
{
    public const string Name = "Rate-limited app on SQLite";
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "App on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "App on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class TwoFactorSqliteCollection : ICollectionFixture<TwoFactorSqliteApp>
{
    public const string Name = "Two-factor app on SQLite";
}

[CollectionDefinition(Name)]
public sealed class TwoFactorPostgresCollection : ICollectionFixture<TwoFactorPostgresApp>
{
    public const string Name = "Two-factor app on PostgreSQL";
}
