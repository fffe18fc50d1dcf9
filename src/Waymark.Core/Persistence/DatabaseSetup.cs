using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/waymark.db";

    public static DatabaseProvider ProviderFrom(IConfiguration config) =>
        Enum.TryParse<DatabaseProvider>(config["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    /// <summary>Registers <see cref="WaymarkDbContext"/> for the configured provider (Database:Provider, ConnectionStrings:Waymark).</summary>
    public static IServiceCollection AddWaymarkDatabase(this IServiceCollection services, IConfiguration config)
    {
        var provider = ProviderFrom(config);
        var cs = config.GetConnectionString("Waymark");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(cs))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Waymark is not set.");
            services.AddDbContext<WaymarkDbContext, PostgresWaymarkDbContext>(o => o.UseNpgsql(cs));
        }
        else
        {
            cs = string.IsNullOrWhiteSpace(cs) ? DefaultSqlite : cs;
            EnsureSqliteFolder(cs);
            services.AddDbContext<WaymarkDbContext, SqliteWaymarkDbContext>(o => o.UseSqlite(cs));
        }
        return services;
    }

    private static void EnsureSqliteFolder(string cs)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs);
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir) && builder.DataSource != ":memory:") Directory.CreateDirectory(dir);
    }

    /// <summary>Applies pending migrations; SQLite also gets WAL so readers don't block the writer.</summary>
    public static async Task MigrateAsync(WaymarkDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
