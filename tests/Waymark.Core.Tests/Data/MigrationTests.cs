using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Waymark.Core.Tests.Support;
using Waymark.People;
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

    [Fact]
    public async Task Postcodes_stored_as_typed_by_older_versions_are_rewritten_in_the_one_normal_form()
    {
        var team = await NewTeamAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var typed = new Dictionary<string, string>
        {
            ["Ann"] = "ns14ab", ["Bob"] = " NS1  4AB ", ["Cat"] = "bfpo1234", ["Dan"] = "SW1A1AA", ["Eve"] = "NS1 4AB", ["Fay"] = "abcdefg",
        };
        foreach (var (given, _) in typed) await SaveAsync(PersonBuilder.APerson().Named(given, "Pc" + tag).KnownTo(team).Build());
        await using (var db = AsSystem())
            foreach (var (given, postcode) in typed) // as an older version stored them (saving now would normalise)
                await db.Database.ExecuteSqlAsync($"UPDATE \"People\" SET \"Postcode\" = {postcode} WHERE \"GivenName\" = {given} AND \"FamilyName\" = {"Pc" + tag}");

        await using (var db = AsSystem())
            foreach (var sql in Waymark.Persistence.Migrations.NormalisePostcodesSql.Up()) await db.Database.ExecuteSqlRawAsync(sql);

        await using (var check = AsSystem())
        {
            var stored = await check.People.IgnoreQueryFilters().Where(p => p.FamilyName == "Pc" + tag).ToDictionaryAsync(p => p.GivenName, p => p.Postcode);
            Assert.Equal("NS1 4AB", stored["Ann"]);
            Assert.Equal("NS1 4AB", stored["Bob"]);
            Assert.Equal("BFPO 1234", stored["Cat"]);
            Assert.Equal("SW1A 1AA", stored["Dan"]);
            Assert.Equal("NS1 4AB", stored["Eve"]);
            Assert.Equal("abcdefg", stored["Fay"]); // never a postcode: left alone
            Assert.All(stored.Values.Where(v => v != "abcdefg"), v => Assert.Equal(UkPostcode.Normalise(v), v));
        }
    }
}

public sealed class MigrationTestsOnSqlite(SqliteTestDatabase db) : MigrationTests<SqliteTestDatabase>(db);

public sealed class MigrationTestsOnPostgres(PostgresTestDatabase db) : MigrationTests<PostgresTestDatabase>(db);

/// <summary>
/// The UnknownIsNotNone migration (ADR 18) keeps what the data said: "no fixed abode" becomes address reason "has none",
/// every other empty detail "not asked", recorded values stay; undone, "has none" becomes the flag again. Its own class,
/// so its own database: it migrates down and up again.
/// </summary>
public abstract class UnknownIsNotNoneMigrationTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    private async Task MigrateToAsync(string target)
    {
        await using var db = AsSystem();
        await db.GetService<IMigrator>().MigrateAsync(target);
    }

    /// <summary>How many people of <paramref name="family"/> (and <paramref name="given"/>, if given) are flagged no fixed abode.</summary>
    private async Task<int> FlaggedAsync(string family, string? given = null)
    {
        await using var db = AsSystem();
        var pattern = given ?? "%";
        return await db.Database.SqlQuery<int>(
            $"SELECT COUNT(*) AS \"Value\" FROM \"People\" WHERE \"NoFixedAbode\" AND \"FamilyName\" = {family} AND \"GivenName\" LIKE {pattern}").SingleAsync();
    }

    [Fact]
    public async Task No_fixed_abode_becomes_has_no_address_and_an_address_simply_not_recorded_becomes_not_asked()
    {
        var team = await NewTeamAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        Person Named(string given) => PersonBuilder.APerson().Named(given, "Migr" + tag).BornOn(1980, 1, 1).KnownTo(team).Build();
        var homeless = Named("Amy");
        homeless.SetAbsence(PersonField.Address, Absence.None);
        var unrecorded = Named("Ben");
        var housed = Named("Cai");
        (housed.Address, housed.Postcode, housed.Phone, housed.GpPractice) = ("1 High Street, Northshire", "NS1 4AB", "07700 900123", "Northshire Medical Centre");
        var flaggedLater = Named("Dee");
        await SaveAsync(homeless, unrecorded, housed, flaggedLater);

        string previous;
        await using (var db = AsSystem())
        {
            var all = db.Database.GetMigrations().ToList();
            previous = all[all.FindIndex(m => m.EndsWith("_UnknownIsNotNone", StringComparison.Ordinal)) - 1];
        }
        await MigrateToAsync(previous);

        // Undone: "has none" is the flag again, and nothing else is flagged.
        var family = "Migr" + tag;
        Assert.Equal(1, await FlaggedAsync(family));
        Assert.Equal(1, await FlaggedAsync(family, "Amy"));
        await using (var db = AsSystem())
            await db.Database.ExecuteSqlAsync($"UPDATE \"People\" SET \"NoFixedAbode\" = TRUE WHERE \"GivenName\" = 'Dee' AND \"FamilyName\" = {family}");

        await using (var db = AsSystem()) await DatabaseSetup.MigrateAsync(db);

        await using (var db = AsSystem())
        {
            var people = await db.People.IgnoreQueryFilters().Where(p => p.FamilyName == "Migr" + tag).ToDictionaryAsync(p => p.GivenName);
            Assert.Equal(Absence.None, people["Amy"].AddressAbsence);
            Assert.Equal("No fixed abode", people["Amy"].Show(PersonField.Address));
            Assert.Equal(Absence.None, people["Dee"].AddressAbsence);
            Assert.Equal(Absence.NotAsked, people["Ben"].AddressAbsence);
            Assert.Equal("Not asked", people["Ben"].Show(PersonField.Address));
            Assert.Equal(Absence.NotAsked, people["Ben"].PhoneAbsence);
            Assert.Equal(Absence.NotAsked, people["Ben"].GpPracticeAbsence);
            Assert.Equal(Absence.NotAsked, people["Ben"].NhsNumberAbsence);
            Assert.Null(people["Ben"].DateOfBirthAbsence);
            Assert.Null(people["Cai"].AddressAbsence);
            Assert.Equal("1 High Street, Northshire, NS1 4AB", people["Cai"].Show(PersonField.Address));
            Assert.Equal("07700 900123", people["Cai"].Phone);
            Assert.Null(people["Cai"].PhoneAbsence);
            Assert.Null(people["Cai"].GpPracticeAbsence);
            Assert.Equal(Absence.NotAsked, people["Cai"].EmailAbsence);
        }
    }
}

public sealed class UnknownIsNotNoneMigrationTestsOnSqlite(SqliteTestDatabase db) : UnknownIsNotNoneMigrationTests<SqliteTestDatabase>(db);

public sealed class UnknownIsNotNoneMigrationTestsOnPostgres(PostgresTestDatabase db) : UnknownIsNotNoneMigrationTests<PostgresTestDatabase>(db);
