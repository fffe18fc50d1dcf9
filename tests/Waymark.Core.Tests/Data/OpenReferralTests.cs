using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Persistence;
using Waymark.ServiceDirectory;
using Waymark.Teams;

namespace Waymark.Core.Tests.Data;

/// <summary>Open Referral UK: the export validates against the profile's schemas, round trips exactly, and imports are all or nothing.</summary>
public abstract class OpenReferralTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase, new()
{
    private readonly FakeClock _clock = new();

    private DirectoryEditor Editor(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    private OpenReferralExporter Exporter(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, _clock));

    private OpenReferralImporter Importer(WaymarkDbContext db) => new(db, Editor(db), new Auditor(db, db.CurrentUser, _clock), db.CurrentUser, _clock);

    /// <summary>A rich directory: every field, rows of every kind, and a contact with the team's private notes.</summary>
    private async Task<Team> RichTeamAsync(WaymarkDbContext? into = null)
    {
        var team = await NewTeamAsync();
        await using var db = As(PractitionerIn(team));
        var editor = Editor(db);
        var full = new ServiceInput
        {
            NewOrganisation = new OrganisationInput(null, "Northshire Housing Trust", "A housing charity", "https://housing.example.org", "info@example.invalid", "01632 960100"),
            Name = "Northshire Housing Options", Description = "Advice for people who are homeless or at risk", Url = "https://housing.example.org/options",
            Email = "options@example.invalid", Phone = "01632 960101", Needs = ["mental-health", "housing", "money"],
            MinimumAge = 16, MaximumAge = 99, Eligibility = "Northshire residents", AcceptsOffendingHistory = true, AcceptsCoOccurringSubstanceUse = false,
            HowToRefer = "Phone the duty line", ReferralRequirements = "Date of release and licence conditions", DropIn = true, DropInDetails = "Tuesday mornings",
            Locations = [new LocationInput(null, "Civic Centre", "1 Civic Way\nNorthtown", "Northtown", "NS1 4AB", 54.97, -1.61), new LocationInput(null, null, "2 Side Street", null, "ns2 5cd")],
            Areas = ["NS1", "NS2", "EB"],
            OpeningTimes =
            [
                new OpeningInput(null, DayOfWeek.Tuesday, new TimeOnly(9, 30), new TimeOnly(12, 0), true),
                new OpeningInput(null, DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0), false),
            ],
            Contacts = [new ContactInput(null, "Jan Example", "Duty worker", "01632 960102", "jan@example.invalid", "SECRET-NOTE: ring before 10, she will call back")],
        };
        var s = await editor.CreateAsync(full);
        await editor.VerifyAsync(s.Id, s.Version);
        await editor.CreateAsync(new ServiceInput { OrganisationId = s.OrganisationId, Name = "Minimal food service", Needs = ["food"] });
        return team;
    }

    private async Task<string> ExportAsync(Team team)
    {
        await using var db = As(PractitionerIn(team));
        return await Exporter(db).ExportJsonAsync();
    }

    [Fact]
    public async Task The_export_validates_against_the_profiles_compiled_schemas_and_never_contains_relationship_notes()
    {
        var team = await RichTeamAsync();
        var json = await ExportAsync(team);

        var errors = await OrukFiles.ValidatePageAsync(json, "compiled/service.json");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        errors = await OrukFiles.ValidatePageAsync(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.DoesNotContain("SECRET-NOTE", json);
        var service = JsonNode.Parse(json)!["contents"]!.AsArray().Single(s => (string?)s!["name"] == "Northshire Housing Options")!;
        Assert.Equal("Northshire Housing Options", (string?)service["name"]);
        Assert.Equal("2026-03-02", (string?)service["assured_date"]); // verified by a user without an email here
        Assert.Equal(["housing", "money", "mental-health"], service["attributes"]!.AsArray().Where(a => (string?)a!["link_type"] == "need").Select(a => (string?)a!["taxonomy_term"]!["term"]));
        Assert.Equal(["MO", "TU"], service["schedules"]!.AsArray().Select(s => (string?)s!["byday"]));
        Assert.Equal("drop-in", (string?)service["schedules"]![1]!["attending_type"]);
        Assert.Equal(["EB", "NS1", "NS2"], service["service_areas"]!.AsArray().Select(a => (string?)a!["name"]));
        Assert.Equal("NS2 5CD", (string?)service["service_at_locations"]![1]!["location"]!["addresses"]![0]!["postal_code"]);
        Assert.Equal("01632 960102", (string?)service["contacts"]![0]!["phones"]![0]!["number"]);
    }

    [Fact]
    public async Task The_schema_check_is_real_a_broken_service_fails_it()
    {
        var json = await ExportAsync(await RichTeamAsync());
        var service = JsonNode.Parse(json)!["contents"]![0]!.AsObject();
        service["id"] = "not-a-uuid";
        service["status"] = "open";
        service.Remove("name");
        service["url"] = "not a url";
        var errors = await OrukFiles.ValidateAsync(service.ToJsonString(), "compiled/service.json");
        Assert.Contains(errors, e => e.Contains("id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("status", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_team_then_export_again_is_identical()
    {
        var first = await ExportAsync(await RichTeamAsync());

        // The partner's Waymark: another database, an empty team.
        var other = new TDb();
        await other.CreateAsync();
        await other.MigrateAsync();
        try
        {
            var team = new Team { Name = "Partner team" };
            await using (var db = other.CreateContext(new SystemUser("setup"))) { db.Teams.Add(team); await db.SaveChangesAsync(); }
            await using (var db = other.CreateContext(PractitionerIn(team)))
            {
                var result = await Importer(db).ImportJsonAsync(first, "export.json");
                Assert.True(result.Succeeded, string.Join("\n", result.Rejected));
                Assert.Empty(result.Warnings);
                Assert.Equal((2, 0), (result.Created, result.Updated));
            }
            string second;
            await using (var db = other.CreateContext(PractitionerIn(team))) second = await Exporter(db).ExportJsonAsync();
            Assert.Equal(first, second);
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task Postcodes_in_an_import_are_read_as_typed_and_stored_in_the_one_normal_form()
    {
        var source = await RichTeamAsync();
        var json = (await ExportAsync(source))
            .Replace("\"NS1 4AB\"", "\"bfpo1234\"", StringComparison.Ordinal)
            .Replace("\"NS2 5CD\"", "\" ns2  5cd \"", StringComparison.Ordinal);
        var target = await NewTeamAsync();

        await using (var db = As(PractitionerIn(target)))
        {
            var result = await Importer(db).ImportJsonAsync(json, "typed.json");
            Assert.True(result.Succeeded, string.Join("; ", result.Rejected));
            Assert.DoesNotContain(result.Warnings, w => w.Reason.Contains("not a UK postcode", StringComparison.Ordinal));
        }

        await using var check = AsSystem();
        var stored = await check.Services.Where(s => s.TeamId == target.Id).SelectMany(s => s.Locations)
            .Select(l => new { l.Postcode, l.PostcodeDistrict }).OrderBy(l => l.Postcode).ToListAsync();
        Assert.Equal([("BFPO 1234", "BFPO"), ("NS2 5CD", "NS2")], stored.Select(l => (l.Postcode, l.PostcodeDistrict)));
    }

    [Fact]
    public async Task Importing_into_another_team_of_the_same_database_maps_ids_and_importing_again_updates_rather_than_duplicates()
    {
        var source = await RichTeamAsync();
        var json = await ExportAsync(source);
        var target = await NewTeamAsync();

        await using (var db = As(PractitionerIn(target))) Assert.True((await Importer(db).ImportJsonAsync(json, "a.json")).Succeeded);
        ImportResult again;
        await using (var db = As(PractitionerIn(target))) again = await Importer(db).ImportJsonAsync(json.Replace("Minimal food service", "Renamed food service", StringComparison.Ordinal), "a.json");

        Assert.Equal((0, 2), (again.Created, again.Updated));
        await using var check = AsSystem();
        Assert.Equal(["Minimal food service", "Northshire Housing Options"], await check.Services.Where(s => s.TeamId == source.Id).Select(s => s.Name).OrderBy(n => n).ToListAsync());
        Assert.Equal(["Northshire Housing Options", "Renamed food service"], await check.Services.Where(s => s.TeamId == target.Id).Select(s => s.Name).OrderBy(n => n).ToListAsync());
        Assert.Equal(1, await check.Organisations.CountAsync(o => o.TeamId == target.Id));
        // The source team's private notes did not travel.
        Assert.Null(await check.ServiceContacts.Where(c => check.Services.Any(s => s.Id == c.ServiceId && s.TeamId == target.Id)).Select(c => c.RelationshipNotes).SingleAsync());
    }

    [Fact]
    public async Task An_import_updating_the_teams_own_service_keeps_its_relationship_notes()
    {
        var team = await RichTeamAsync();
        var json = await ExportAsync(team);
        await using (var db = As(PractitionerIn(team)))
        {
            var result = await Importer(db).ImportJsonAsync(json.Replace("Duty worker", "Senior duty worker", StringComparison.Ordinal), "back.json");
            Assert.Equal((0, 2), (result.Created, result.Updated));
        }
        await using var check = AsSystem();
        var contact = await check.ServiceContacts.SingleAsync(c => c.Name == "Jan Example" && check.Services.Any(s => s.Id == c.ServiceId && s.TeamId == team.Id));
        Assert.Equal(("Senior duty worker", "SECRET-NOTE: ring before 10, she will call back"), (contact.Role, contact.RelationshipNotes));
    }

    [Theory]
    [InlineData("service_full.json")]
    [InlineData("service_list.json")]
    public async Task The_profiles_examples_import_with_warnings_for_what_Waymark_cannot_keep(string example)
    {
        var team = await NewTeamAsync();
        await using var db = As(PractitionerIn(team));
        var result = await Importer(db).ImportJsonAsync(await File.ReadAllTextAsync(OrukFiles.Example(example)), example);

        Assert.True(result.Succeeded, string.Join("\n", result.Rejected));
        Assert.Equal(1, result.Created);
        Assert.Contains(result.Warnings, w => w.Reason.Contains("no Waymark needs", StringComparison.Ordinal));
        if (example == "service_full.json")
            Assert.Contains(result.Warnings, w => w.Reason.Contains("'ABC 1234' is not a UK postcode", StringComparison.Ordinal));
        await using var check = As(PractitionerIn(team));
        var s = await check.Services.Include(x => x.Organisation).Include(x => x.OpeningTimes).Include(x => x.Contacts).SingleAsync();
        Assert.Equal(("Community Counselling", "Example Organization Inc.", 12, 100), (s.Name, s.Organisation!.Name, s.MinimumAge, s.MaximumAge));
        // The example's id, unless another test's team in this database imported it first (then a stable id of this team's).
        var fileId = Guid.Parse("ac148810-d857-441c-9679-408f346de14b");
        Assert.Contains(s.Id, new[] { fileId, Oruk.StableId(team.Id.ToString("D"), "service", Oruk.Id(fileId)) });
        if (example == "service_full.json")
        {
            Assert.Equal([DayOfWeek.Thursday, DayOfWeek.Friday], s.OpeningTimes.Select(o => o.Day).Order());
            Assert.Equal(("Ann Persona", "Reception Manager"), (s.Contacts.Single().Name, s.Contacts.Single().Role));
        }
    }

    [Fact]
    public async Task Bad_records_are_all_reported_with_reasons_and_nothing_changes()
    {
        var team = await RichTeamAsync();
        var json = await ExportAsync(team);
        var page = JsonNode.Parse(json)!.AsObject();
        var contents = page["contents"]!.AsArray();
        contents[0]!["name"] = "Changed, but must not be saved";
        var bad = (JsonObject)contents[1]!.DeepClone();
        bad["id"] = "12";
        bad["status"] = "open";
        var bad2 = (JsonObject)contents[1]!.DeepClone();
        bad2["id"] = Guid.NewGuid().ToString();
        bad2["minimum_age"] = 40;
        bad2["maximum_age"] = 20;
        bad2["email"] = "nope";
        contents.Add(bad);
        contents.Add(bad2);
        contents.Add(contents[0]!.DeepClone()); // the same id twice
        var before = await ExportAsync(team);

        await using (var db = As(PractitionerIn(team)))
        {
            var result = await Importer(db).ImportJsonAsync(page.ToJsonString(), "bad.json");
            Assert.False(result.Succeeded);
            var reasons = result.Rejected.Select(r => r.ToString()).ToList();
            Assert.Contains(reasons, r => r.StartsWith("record 3", StringComparison.Ordinal) && r.Contains("id '12' is not a UUID", StringComparison.Ordinal));
            Assert.Contains(reasons, r => r.StartsWith("record 3", StringComparison.Ordinal) && r.Contains("status 'open'", StringComparison.Ordinal));
            Assert.Contains(reasons, r => r.StartsWith("record 4", StringComparison.Ordinal) && r.Contains("Oldest age", StringComparison.Ordinal));
            Assert.Contains(reasons, r => r.StartsWith("record 4", StringComparison.Ordinal) && r.Contains("email address", StringComparison.Ordinal));
            Assert.Contains(reasons, r => r.StartsWith("record 5", StringComparison.Ordinal) && r.Contains("same id", StringComparison.Ordinal));
        }
        Assert.Equal(before, await ExportAsync(team));
        Assert.Equal(0, await CountAsync(db => db.AuditEvents.Where(a => a.RecordType == "DirectoryImport" && a.TeamId == team.Id)));
    }

    [Fact]
    public async Task A_failure_while_saving_leaves_the_directory_exactly_as_it_was()
    {
        var team = await RichTeamAsync();
        var json = await ExportAsync(team);
        var before = await ExportAsync(team);
        var changed = json.Replace("Northshire Housing Options", "Half-imported", StringComparison.Ordinal)
            .Replace("Minimal food service", "Also half-imported", StringComparison.Ordinal);

        await using (var db = As(PractitionerIn(team), new FailOnSecondSave()))
            await Assert.ThrowsAsync<InvalidOperationException>(() => Importer(db).ImportJsonAsync(changed, "x.json"));

        Assert.Equal(before, await ExportAsync(team));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("42")]
    [InlineData("{\"contents\": 3}")]
    public async Task A_file_that_is_not_Open_Referral_JSON_is_refused_with_a_reason(string text)
    {
        var team = await NewTeamAsync();
        await using var db = As(PractitionerIn(team));
        var result = await Importer(db).ImportJsonAsync(text, "junk.json");
        Assert.False(result.Succeeded);
        Assert.Contains("not Open Referral UK JSON", result.Rejected.Single().Reason);
    }

    /// <summary>Lets the import's first save (the services) through and fails the second (its audit event), inside the transaction.</summary>
    private sealed class FailOnSecondSave : SaveChangesInterceptor
    {
        private int _saves;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ++_saves == 2 ? throw new InvalidOperationException("Simulated database failure") : ValueTask.FromResult(result);
    }
}

public sealed class OpenReferralTestsOnSqlite(SqliteTestDatabase db) : OpenReferralTests<SqliteTestDatabase>(db);

public sealed class OpenReferralTestsOnPostgres(PostgresTestDatabase db) : OpenReferralTests<PostgresTestDatabase>(db);
