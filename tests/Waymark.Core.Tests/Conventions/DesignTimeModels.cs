using Waymark.Persistence;

namespace Waymark.Core.Tests.Conventions;

/// <summary>
/// A context on each provider that is never connected: enough to read the EF model (its tables, keys and
/// query filters) and to print a query's SQL, without a database.
/// </summary>
public static class DesignTimeModels
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    public static WaymarkDbContext Context(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDesignTimeFactory().CreateDbContext([]),
        DatabaseProvider.Postgres => new PostgresDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
