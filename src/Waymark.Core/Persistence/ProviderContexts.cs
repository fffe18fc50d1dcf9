using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Waymark.Access;

namespace Waymark.Persistence;

/// <summary>The embedded default. Each provider has its own migrations (see ADR 0002).</summary>
public sealed class SqliteWaymarkDbContext(DbContextOptions<SqliteWaymarkDbContext> options)
    : WaymarkDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; all times are UTC, so
        // the binary form orders correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The production database.</summary>
public sealed class PostgresWaymarkDbContext(DbContextOptions<PostgresWaymarkDbContext> options)
    : WaymarkDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // Byte-order collation on the search keys lets a btree index serve prefix ranges.
        foreach (var entity in new[] { typeof(Waymark.People.Person), typeof(Waymark.People.PersonAlias), typeof(Waymark.People.PersonTeamLink) })
        {
            b.Entity(entity).Property("GivenNameKey").UseCollation("C");
            b.Entity(entity).Property("FamilyNameKey").UseCollation("C");
        }
        // Find a person reads name words as prefix ranges of PersonMatchKeys.Key (PersonSearch).
        b.Entity<Waymark.People.PersonMatchKey>().Property(k => k.Key).UseCollation("C");
        // The caseload page, its counts, groupings and status filters read only these columns, so with them in
        // the index they are index-only scans rather than a heap visit per episode.
        b.Entity<Waymark.Episodes.Episode>()
            .HasIndex(e => new { e.TeamId, e.ClosedAt, e.IdentifiedAt })
            .IncludeProperties(e => new { e.Id, e.PersonId, e.KeyWorkerId, e.ScreenedAt, e.AssessedAt, e.SupportStartedAt, e.PlannedEndDate, e.IsYouth, e.Setting, e.AssessmentDueAt });
    }
}

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWaymarkDbContext>
{
    public SqliteWaymarkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWaymarkDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWaymarkDbContext>
{
    public PostgresWaymarkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWaymarkDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
