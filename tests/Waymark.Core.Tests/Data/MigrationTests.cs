using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Waymark.Core.Tests.Support;
using Waymark.Persistence;

namespace Waymark.Core.Tests.Data;

public abstract class MigrationTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    [Fact]
    public async Task Every_migration_applies_cleanly_to_an_empty_database()
    {
        // The fixture migrated a brand-new database; nothing may be left pending.
        await using var db = AsSystem();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task The_model_has_no_changes_that_a_migration_is_missing()
    {
        await using var db = AsSystem();
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {Database.Provider} model differs from its migrations snapshot: run scripts/migrations-add <Name>.");
    }

    [Fact]
    public async Task Migrating_again_is_harmless()
    {
        await using var db = AsSystem();
        await DatabaseSetup.MigrateAsync(db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Each_provider_runs_only_its_own_migrations()
    {
        await using var db = AsSystem();
        var migrations = db.GetService<IMigrationsAssembly>().Migrations.Values;
        Assert.NotEmpty(migrations);
        Assert.All(migrations, m => Assert.Equal($"Waymark.Persistence.Migrations.{Database.Provider}", m.Namespace));
    }

    [Fact]
    public async Task The_context_is_on_the_intended_provider()
    {
        await using var db = AsSystem();
        Assert.Equal(Database.Provider == DatabaseProvider.Sqlite, db.Database.IsSqlite());
        Assert.Equal(Database.Provider == DatabaseProvider.Postgres, db.Database.IsNpgsql());
    }

    [Fact]
    public async Task Migrating_a_database_with_people_but_no_blocking_keys_keys_them()
    {
        var team = await NewTeamAsync();
        var person = PersonBuilder.APerson().Named("Olu", "Bello").BornOn(1980, 5, 6).AlsoKnownAs("Tunde", "Bello").KnownTo(team).Build();
        await SaveAsync(person);
        await using (var db = AsSystem())
        {
            db.PersonMatchKeys.RemoveRange(await db.PersonMatchKeys.ToListAsync());
            await db.SaveChangesAsync();
        }

        await using (var db = AsSystem()) await DatabaseSetup.MigrateAsync(db);

        await using (var db = AsSystem())
        {
            var keys = await db.PersonMatchKeys.Where(k => k.PersonId == person.Id).ToListAsync();
            Assert.Contains(keys, k => k.TeamId == team.Id && k.Key == "19800506");
            Assert.Contains(keys, k => k.TeamId == team.Id && k.Key.StartsWith(Waymark.Matching.Metaphone.Encode("Tunde"), StringComparison.Ordinal));
        }
    }
}

public sealed class MigrationTestsOnSqlite(SqliteTestDatabase db) : MigrationTests<SqliteTestDatabase>(db);

public sealed class MigrationTestsOnPostgres(PostgresTestDatabase db) : MigrationTests<PostgresTestDatabase>(db);
