using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Access;

namespace Waymark.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Contexts for work outside any request's scope (singletons such as <see cref="Audit.AuditTrailWriter"/>), from the same pool.
/// </summary>
public interface IWaymarkContexts
{
    /// <summary>A context acting for <paramref name="user"/>; the caller disposes it (which returns it to the pool).</summary>
    WaymarkDbContext Create(ICurrentUser user);
}

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/waymark.db";

    public static DatabaseProvider ProviderFrom(IConfiguration config) =>
        Enum.TryParse<DatabaseProvider>(config["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    /// <summary>
    /// Registers <see cref="WaymarkDbContext"/> for the configured provider (Database:Provider, ConnectionStrings:Waymark):
    /// a scoped context rented from a pool and set to act for the scope's <see cref="ICurrentUser"/> (ADR 0003).
    /// Throws <see cref="InvalidOperationException"/> when PostgreSQL is chosen without a connection string.
    /// A relative SQLite <c>Data Source</c> is a file under <paramref name="baseDirectory"/> (the web app's content root),
    /// or under the working directory when that is null.
    /// </summary>
    public static IServiceCollection AddWaymarkDatabase(this IServiceCollection services, IConfiguration config, string? baseDirectory = null)
    {
        var provider = ProviderFrom(config);
        var cs = config.GetConnectionString("Waymark");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(cs))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Waymark is not set.");
            AddPooled<PostgresWaymarkDbContext>(services, o => o.UseNpgsql(cs));
        }
        else
        {
            cs = SqliteFileUnder(string.IsNullOrWhiteSpace(cs) ? DefaultSqlite : cs, baseDirectory ?? Directory.GetCurrentDirectory());
            EnsureSqliteFolder(cs);
            AddPooled<SqliteWaymarkDbContext>(services, o => o.UseSqlite(cs));
        }
        return services;
    }

    // Pooling saves building a context (and its internal services) on every request. Safe because a context's only
    // state of ours is whom it acts for: set on every rent, and forgotten when it goes back (WaymarkDbContext.Dispose).
    private static void AddPooled<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> options) where TContext : WaymarkDbContext
    {
        services.AddPooledDbContextFactory<TContext>(options);
        services.AddSingleton<IWaymarkContexts>(sp => new PooledContexts<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        services.AddScoped<WaymarkDbContext>(sp => sp.GetRequiredService<IWaymarkContexts>().Create(sp.GetRequiredService<ICurrentUser>()));
    }

    private sealed class PooledContexts<TContext>(IDbContextFactory<TContext> factory) : IWaymarkContexts where TContext : WaymarkDbContext
    {
        public WaymarkDbContext Create(ICurrentUser user) => factory.CreateDbContext().ActingFor(user);
    }

    /// <summary>
    /// The SQLite connection string with a relative <c>Data Source</c> made absolute under <paramref name="baseDirectory"/>;
    /// an absolute path, an in-memory database or a <c>file:</c> URI is left as it is.
    /// </summary>
    public static string SqliteFileUnder(string connectionString, string baseDirectory)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(source))
            return connectionString;
        builder.DataSource = Path.GetFullPath(source, baseDirectory);
        return builder.ToString();
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
        await KeyPeopleFromBeforeMatchKeysAsync(db, ct);
        await FoldDirectoryFromBeforeSearchTextAsync(db, ct);
    }

    /// <summary>
    /// Services and organisations saved before their folded search text was stored have it empty (the migration
    /// cannot fold accents in SQL): it is worked out once here, in batches; afterwards SaveChanges keeps it.
    /// </summary>
    private static async Task FoldDirectoryFromBeforeSearchTextAsync(WaymarkDbContext db, CancellationToken ct)
    {
        const int Batch = 500;
        while (true)
        {
            var services = await db.Services.IgnoreQueryFilters().Where(s => s.SearchText == "").OrderBy(s => s.Id).Take(Batch).ToListAsync(ct);
            var organisations = await db.Organisations.IgnoreQueryFilters().Where(o => o.SearchText == "").OrderBy(o => o.Id).Take(Batch).ToListAsync(ct);
            if (services.Count == 0 && organisations.Count == 0) break;
            // Never empty once worked out (each starts with or holds '|'), so no row is read twice.
            foreach (var s in services) s.RefreshSearchText();
            foreach (var o in organisations) o.RefreshSearchText();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// A database made before some kind of key was stored (all blocking keys, or the name words and sounds
    /// Find a person uses) has people without those keys: they are worked out once at start-up, in batches,
    /// for every rule of <see cref="Identification.PersonMatching.KeptRules"/> with no rows at all, so searches
    /// and the look-up find everyone. Afterwards SaveChanges keeps them (ADR 11).
    /// </summary>
    private static async Task KeyPeopleFromBeforeMatchKeysAsync(WaymarkDbContext db, CancellationToken ct)
    {
        if (!await db.PersonTeamLinks.AnyAsync(ct)) return;
        var missing = new List<Matching.BlockingRule>();
        foreach (var rule in Identification.PersonMatching.KeptRules)
            if (!await db.PersonMatchKeys.IgnoreQueryFilters().AnyAsync(k => k.Rule == rule, ct)) missing.Add(rule);
        if (missing.Count == 0) return;
        const int Batch = 2_000;
        for (var skip = 0; ; skip += Batch)
        {
            var people = await db.People.IgnoreQueryFilters().AsNoTracking().OrderBy(p => p.Id).Skip(skip).Take(Batch)
                .Include(p => p.Aliases).Include(p => p.OtherDatesOfBirth).Include(p => p.TeamLinks).AsSplitQuery().ToListAsync(ct);
            if (people.Count == 0) break;
            foreach (var p in people)
                db.PersonMatchKeys.AddRange(Identification.PersonMatching.KeyRows(p.Id, p.TeamLinks.Select(l => l.TeamId), Identification.PersonMatching.ToMatchRecord(p), missing));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
