using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Waymark.Access;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Cli;

/// <summary>
/// Configuration and the small service container the commands run in. Same keys as the web app
/// (<c>Database:Provider</c>, <c>ConnectionStrings:Waymark</c>) from the environment, overridden by
/// <c>--provider</c> and <c>--connection</c>.
/// </summary>
public static class CliServices
{
    public const string CliUserName = "cli";

    /// <summary>
    /// The folder a relative SQLite <c>Data Source</c> (the default <c>data/waymark.db</c>) is under: the web app's source
    /// folder <c>src/Waymark.Web</c> when <paramref name="workingDirectory"/> is the repository's root (it holds
    /// src/Waymark.Web/Waymark.Web.csproj), because <c>dotnet run --project src/Waymark.Web</c> runs the app there
    /// (AppFolder), so the README's <c>dotnet run --project src/Waymark.Cli -- ...</c> from the root finds the app's
    /// database; otherwise the working directory itself (a deployed CLI run beside the app).
    /// </summary>
    public static string SqliteBaseDirectory(string workingDirectory)
    {
        var web = Path.Combine(workingDirectory, "src", "Waymark.Web");
        return File.Exists(Path.Combine(web, "Waymark.Web.csproj")) ? web : workingDirectory;
    }

    public static IConfiguration BuildConfiguration(string? provider, string? connection)
    {
        var overrides = new Dictionary<string, string?>();
        if (provider is not null)
        {
            if (!Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var p) || int.TryParse(provider, out _))
                throw new UsageException($"--provider must be Sqlite or Postgres, not '{provider}'.");
            overrides["Database:Provider"] = p.ToString();
        }
        if (connection is not null)
        {
            if (string.IsNullOrWhiteSpace(connection)) throw new UsageException("--connection must not be empty.");
            overrides["ConnectionStrings:Waymark"] = connection;
        }
        var config = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();

        // DatabaseSetup falls back to SQLite for an unknown name; from a command line a typo should stop us instead.
        var configured = config["Database:Provider"];
        if (!string.IsNullOrWhiteSpace(configured)
            && (!Enum.TryParse<DatabaseProvider>(configured, ignoreCase: true, out _) || int.TryParse(configured, out _)))
            throw new UsageException($"Database__Provider must be Sqlite or Postgres, not '{configured}'.");
        return config;
    }

    /// <summary>The commands' services, acting as the CLI's system user, or as <paramref name="actor"/> (one team's directory commands).</summary>
    public static ServiceProvider Build(IConfiguration config, TextWriter log, bool verbose, ICurrentUser? actor = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.ClearProviders();
            b.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
            // Connection and command failures reach the user as one error message; EF's own
            // log of them would repeat it (and the SQL). Parameter values are never logged.
            b.AddFilter("Microsoft.EntityFrameworkCore.Database", verbose ? LogLevel.Information : LogLevel.None);
            b.AddFilter("Microsoft.EntityFrameworkCore.Query", verbose ? LogLevel.Information : LogLevel.None);
            b.AddFilter("Microsoft.EntityFrameworkCore.Migrations", verbose ? LogLevel.Information : LogLevel.Warning);
            b.AddProvider(new TextWriterLoggerProvider(log));
        });
        services.AddSingleton(actor ?? new SystemUser(CliUserName));
        // The same capabilities as the web app (WaymarkServices); relative folders are read from the working directory,
        // except that a relative SQLite file is the web app's own when run from the repository's root.
        var cwd = Directory.GetCurrentDirectory();
        if (DatabaseSetup.ProviderFrom(config) == DatabaseProvider.Sqlite)
            config = new ConfigurationBuilder().AddConfiguration(config).AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Waymark"] = DatabaseSetup.SqliteFileUnder(
                    config.GetConnectionString("Waymark") is { Length: > 0 } cs ? cs : DatabaseSetup.DefaultSqlite, SqliteBaseDirectory(cwd)),
            }).Build();
        services.AddSingleton(config);
        services.AddWaymarkCore(config, cwd);
        services.AddIdentityCore<WaymarkUser>()
            .AddRoles<IdentityRole>()
            .AddPasswordValidator<CommonPasswordValidator>() // the same block-list as the web app
            .AddEntityFrameworkStores<WaymarkDbContext>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}

/// <summary>Writes log lines to a text writer (stderr for the CLI). Messages are templates filled with counts and names of things, never people's data.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TextWriterLogger(writer, categoryName);

    public void Dispose() { }

    private sealed class TextWriterLogger(TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var level = logLevel switch
            {
                LogLevel.Trace => "trace", LogLevel.Debug => "debug", LogLevel.Information => "info",
                LogLevel.Warning => "warn", LogLevel.Error => "error", _ => "crit",
            };
            var shortCategory = category[(category.LastIndexOf('.') + 1)..];
            lock (writer) writer.WriteLine($"{level}: {shortCategory}: {formatter(state, exception)}");
        }
    }
}
