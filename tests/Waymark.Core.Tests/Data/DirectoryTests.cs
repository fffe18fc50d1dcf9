using Microsoft.EntityFrameworkCore;
using Waymark.Audit;
using Waymark.Core.Tests.Support;
using Waymark.Persistence;
using Waymark.ServiceDirectory;
using Waymark.Teams;

namespace Waymark.Core.Tests.Data;

/// <summary>The directory: search relevance, filters, team scoping, editing with validation, concurrency and audit.</summary>
public abstract class DirectoryTests<TDb>(TDb database) : DataTest<TDb>(database) where TDb : TestDatabase
{
    // Monday 2 March 2026, 10:00 in London (GMT).
    protected readonly FakeClock Clock = new();

    protected DirectorySearch Search(WaymarkDbContext db) => new(db, Clock, DirectorySettings.Default);

    protected DirectoryEditor Editor(WaymarkDbContext db) => new(db, new Auditor(db, db.CurrentUser, Clock), db.CurrentUser, Clock);

    internal static ServiceInput Input(string name, string[] needs, string? postcode = "NS1 4AB", string[]? areas = null) => new()
    {
        NewOrganisation = new OrganisationInput(null, "Northshire Test Org"),
        Name = name, Needs = needs,
        Locations = postcode is null ? [] : [new LocationInput(null, null, "1 High Street", "Northtown", postcode)],
        Areas = areas ?? [],
    };

    protected async Task<Guid> AddAsync(Team team, ServiceInput input, DateTimeOffset? verified = null)
    {
        await using var db = As(PractitionerIn(team));
        var s = await Editor(db).CreateAsync(input);
        if (verified is { } v)
        {
            s.LastVerifiedAt = v;
            await db.SaveChangesAsync();
        }
        return s.Id;
    }

    protected async Task<List<string>> NamesAsync(Team team, DirectoryQuery q)
    {
        await using var db = As(PractitionerIn(team));
        return (await Search(db).SearchAsync(q, pageSize: 100)).Items.Select(h => h.Name).ToList();
    }

    [Fact]
    public async Task Services_meeting_more_of_the_needs_come_first_then_basic_needs_then_exact_district_then_verified()
    {
        var team = await NewTeamAsync();
        var fresh = Clock.Now.AddDays(-10);
        var old = Clock.Now.AddDays(-400);
        await AddAsync(team, Input("E mental health only, NS1", ["mental-health"]), fresh);
        await AddAsync(team, Input("A housing and mental health", ["housing", "mental-health"], "NS9 1AA", ["NS"]), old);
        await AddAsync(team, Input("C housing, covers area NS", ["housing"], "NS9 1AA", ["NS"]), fresh);
        await AddAsync(team, Input("B housing at NS1, stale", ["housing"]), old);
        await AddAsync(team, Input("D housing at NS1, verified", ["housing"]), fresh);
        await AddAsync(team, Input("Elsewhere housing", ["housing"], "EB4 2CD"), fresh);
        await AddAsync(team, Input("Food only", ["food"]), fresh);

        var names = await NamesAsync(team, new DirectoryQuery { Needs = ["housing", "mental-health"], Place = Place.Parse("NS1 4ST") });

        Assert.Equal(
        [
            "A housing and mental health",     // meets both needs (area cover, stale: still first)
            "D housing at NS1, verified",      // basic need, exact district, verified
            "B housing at NS1, stale",         // basic need, exact district, stale
            "C housing, covers area NS",       // basic need, only the area
            "E mental health only, NS1",       // not a basic need
        ], names);
    }

    [Fact]
    public async Task Place_matches_locations_districts_covered_and_whole_areas_but_not_a_longer_area_code()
    {
        var team = await NewTeamAsync();
        await AddAsync(team, Input("At NS1", ["housing"], "NS1 4AB"));
        await AddAsync(team, Input("Covers NS12", ["housing"], null, ["NS12"]));
        await AddAsync(team, Input("Covers N", ["housing"], null, ["N"]));
        await AddAsync(team, Input("At N1", ["housing"], "N1 9GU"));

        Assert.Equal(["At NS1"], await NamesAsync(team, new DirectoryQuery { Place = Place.Parse("ns1") }));
        Assert.Equal(["At NS1", "Covers NS12"], await NamesAsync(team, new DirectoryQuery { Place = Place.Parse("NS") }));
        Assert.Equal(["At N1", "Covers N"], await NamesAsync(team, new DirectoryQuery { Place = Place.Parse("N1 2AB") }));
        Assert.Equal(["At N1", "Covers N"], await NamesAsync(team, new DirectoryQuery { Place = Place.Parse("N") }));
    }

    [Fact]
    public async Task Age_open_now_text_and_status_filter_the_results()
    {
        var team = await NewTeamAsync();
        await AddAsync(team, Input("Youth service", ["housing"]) with { MinimumAge = 10, MaximumAge = 17 });
        await AddAsync(team, Input("Adults 18 plus", ["housing"]) with { MinimumAge = 18 });
        await AddAsync(team, Input("Monday morning drop-in", ["food"]) with
        {
            OpeningTimes = [new OpeningInput(null, DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0), true)],
            Description = "Hot breakfast and a food parcel",
        });
        await AddAsync(team, Input("Monday afternoon", ["food"]) with
        {
            OpeningTimes = [new OpeningInput(null, DayOfWeek.Monday, new TimeOnly(13, 0), new TimeOnly(17, 0), false)],
        });
        await AddAsync(team, Input("Closed down", ["food"]) with { Status = ServiceStatus.Defunct });

        Assert.Equal(["Adults 18 plus", "Closed down", "Monday afternoon", "Monday morning drop-in"], await NamesAsync(team, new DirectoryQuery { Age = 40, IncludeInactive = true }));
        Assert.Equal(["Monday afternoon", "Monday morning drop-in", "Youth service"], await NamesAsync(team, new DirectoryQuery { Age = 15 }));
        Assert.Equal(["Monday morning drop-in"], await NamesAsync(team, new DirectoryQuery { OpenAt = Clock.Now }));
        // 13:30 in summer time (BST) is 12:30 UTC: open in the afternoon, not the morning.
        var summerMonday = new DateTimeOffset(2026, 6, 1, 12, 30, 0, TimeSpan.Zero);
        Assert.Equal(["Monday afternoon"], await NamesAsync(team, new DirectoryQuery { OpenAt = summerMonday }));
        Assert.Equal(["Monday morning drop-in"], await NamesAsync(team, new DirectoryQuery { Text = "BREAKFAST" }));

        await using var db = As(PractitionerIn(team));
        var hit = (await Search(db).SearchAsync(new DirectoryQuery { Text = "drop-in" })).Items.Single();
        Assert.True(hit.DropIn);
        Assert.Equal([new OpeningSession(new TimeOnly(9, 0), new TimeOnly(12, 0), true)], hit.OpenToday);
        Assert.True(hit.Stale); // never verified
    }

    /// <summary>Issue 11, item 11: "open now" across midnight in UK local time, in the search's own query.</summary>
    [Fact]
    public async Task Open_now_finds_an_overnight_service_after_midnight_and_lists_its_morning_end_today()
    {
        var team = await NewTeamAsync();
        await AddAsync(team, Input("Night shelter", ["housing"]) with
        {
            OpeningTimes = [new OpeningInput(null, DayOfWeek.Monday, new TimeOnly(20, 0), new TimeOnly(8, 0), true)],
        });
        await AddAsync(team, Input("Sunday night café", ["food"]) with
        {
            OpeningTimes = [new OpeningInput(null, DayOfWeek.Sunday, new TimeOnly(22, 0), new TimeOnly(3, 0), false)],
        });
        await AddAsync(team, Input("Round the clock line", ["mental-health"]) with
        {
            OpeningTimes = [new OpeningInput(null, DayOfWeek.Tuesday, TimeOnly.MinValue, TimeOnly.MinValue, false)],
        });
        await AddAsync(team, Input("Evening until midnight", ["food"]) with
        {
            OpeningTimes = [new OpeningInput(null, DayOfWeek.Monday, new TimeOnly(18, 0), TimeOnly.MinValue, false)],
        });

        static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => UkTime.FromLocal(new DateOnly(2026, month, day), new TimeOnly(hour, minute));
        // Monday 2 March 2026 (GMT) and Monday 1 June 2026 (BST).
        Assert.Equal(["Evening until midnight", "Night shelter"], await NamesAsync(team, new DirectoryQuery { OpenAt = Local(3, 2, 21) }));
        Assert.Equal(["Night shelter", "Round the clock line"], await NamesAsync(team, new DirectoryQuery { OpenAt = Local(3, 3, 2) }));
        Assert.Equal(["Round the clock line"], await NamesAsync(team, new DirectoryQuery { OpenAt = Local(3, 3, 8) }));
        Assert.Equal(["Night shelter", "Round the clock line"], await NamesAsync(team, new DirectoryQuery { OpenAt = Local(6, 2, 2, 30) }));
        Assert.Equal(["Sunday night café"], await NamesAsync(team, new DirectoryQuery { OpenAt = Local(3, 2, 1) }));
        Assert.Empty(await NamesAsync(team, new DirectoryQuery { OpenAt = Local(3, 2, 17) }));

        // On Tuesday the list shows the night shelter's morning end, from the night before.
        var tuesday = new FakeClock(Local(3, 3, 6));
        await using var db = As(PractitionerIn(team));
        var hit = (await new DirectorySearch(db, tuesday, DirectorySettings.Default).SearchAsync(new DirectoryQuery { Text = "Night shelter" })).Items.Single();
        Assert.Equal([new OpeningSession(new TimeOnly(20, 0), new TimeOnly(8, 0), true, FromDayBefore: true)], hit.OpenToday);
    }

    [Fact]
    public async Task A_page_of_results_is_two_queries_however_many_services_and_pages_are_stable()
    {
        var team = await NewTeamAsync();
        for (var i = 0; i < 45; i++) await AddAsync(team, Input($"Service {i:D2}", ["housing", "food"]));
        var counter = new CommandCounter();
        await using var db = As(PractitionerIn(team), counter);
        var first = await Search(db).SearchAsync(new DirectoryQuery { Needs = ["housing"] }, 1, 20);
        Assert.Equal(2, counter.Commands);
        var third = await Search(db).SearchAsync(new DirectoryQuery { Needs = ["housing"] }, 3, 20);
        Assert.Equal(20, first.Items.Count);
        Assert.True(first.HasNext);
        Assert.Equal(5, third.Items.Count);
        Assert.False(third.HasNext);
        Assert.Equal("Service 40", third.Items[0].Name);
    }

    [Fact]
    public async Task Another_teams_services_are_never_found_or_changed()
    {
        var mine = await NewTeamAsync();
        var theirs = await NewTeamAsync();
        var id = await AddAsync(theirs, Input("Their housing service", ["housing"]));

        Assert.Empty(await NamesAsync(mine, new DirectoryQuery { Needs = ["housing"] }));
        await using var db = As(PractitionerIn(mine));
        Assert.Null(await Editor(db).FindAsync(id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Editor(db).UpdateAsync(id, Guid.NewGuid(), Input("Hijacked", ["food"])));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Editor(db).VerifyAsync(id, Guid.NewGuid()));
    }

    [Fact]
    public async Task Editing_keeps_row_ids_audits_what_changed_and_refuses_a_stale_version()
    {
        var team = await NewTeamAsync();
        var id = await AddAsync(team, Input("Housing advice", ["housing"]) with
        {
            Contacts = [new ContactInput(null, "Jan Example", "Duty worker", "01632 960001", null, "Ring before 10; ask for Jan")],
        });
        LocalService loaded;
        await using (var db = As(PractitionerIn(team))) loaded = (await Editor(db).FindAsync(id))!;
        var contact = loaded.Contacts.Single();
        var location = loaded.Locations.Single();

        await using (var db = As(PractitionerIn(team, "first")))
            await Editor(db).UpdateAsync(id, loaded.Version, Input("Housing advice", ["housing", "money"]) with
            {
                Locations = [new LocationInput(location.Id, null, "1 High Street", "Northtown", "NS1 4AB")],
                Contacts = [new ContactInput(contact.Id, "Jan Example", "Team leader", "01632 960001", null, contact.RelationshipNotes)],
                Areas = ["ns2", "NS3"],
            });
        await using (var db = As(PractitionerIn(team, "second")))
        {
            var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
                Editor(db).UpdateAsync(id, loaded.Version, Input("Someone else's edit", ["food"])));
            Assert.Contains("Someone else changed this service", e.Message);
        }

        await using var check = AsSystem();
        var stored = await check.Services.Include(s => s.Needs).Include(s => s.Contacts).Include(s => s.Locations).Include(s => s.Areas).SingleAsync(s => s.Id == id);
        Assert.Equal("Housing advice", stored.Name);
        Assert.Equal(["housing", "money"], stored.Needs.Select(n => n.Domain).Order());
        Assert.Equal(["NS2", "NS3"], stored.Areas.Select(a => a.District).Order());
        Assert.Equal((contact.Id, "Team leader"), (stored.Contacts.Single().Id, stored.Contacts.Single().Role));
        Assert.Equal(location.Id, stored.Locations.Single().Id);
        Assert.Equal("NS1", stored.Locations.Single().PostcodeDistrict);
        var events = await check.AuditEvents.Where(a => a.RecordId == id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Updated], events.Select(e => e.Action));
        Assert.Contains("needs", events[1].Detail);
        Assert.Contains("contacts", events[1].Detail);
        Assert.Equal("first", events[1].UserId);
    }

    [Fact]
    public async Task Verifying_records_who_and_when_and_is_refused_after_someone_changed_the_entry()
    {
        var team = await NewTeamAsync();
        var id = await AddAsync(team, Input("Food bank", ["food"]));
        Guid version;
        await using (var db = As(PractitionerIn(team))) version = (await Editor(db).FindAsync(id))!.Version;

        await using (var db = As(PractitionerIn(team, "checker"))) await Editor(db).VerifyAsync(id, version);
        await using (var db = As(PractitionerIn(team, "late")))
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Editor(db).VerifyAsync(id, version));

        await using var check = AsSystem();
        var s = await check.Services.SingleAsync(x => x.Id == id);
        Assert.Equal(("checker", Clock.Now), (s.LastVerifiedBy, s.LastVerifiedAt));
        Assert.False(s.IsStale(Clock.Now.AddDays(179), DirectorySettings.Default.StaleAfter));
        Assert.True(s.IsStale(Clock.Now.AddDays(181), DirectorySettings.Default.StaleAfter));
        Assert.Contains(await check.AuditEvents.Where(a => a.RecordId == id.ToString()).Select(a => a.Detail).ToListAsync(), d => d!.StartsWith("Verified", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Name", "")]
    [InlineData("Needs", "none")]
    [InlineData("Needs", "astrology")]
    [InlineData("MaximumAge", "min>max")]
    [InlineData("Locations[0].Postcode", "NOT A POSTCODE")]
    [InlineData("Areas", "Northshire")]
    [InlineData("Url", "javascript:alert(1)")]
    [InlineData("Contacts[0].Email", "not-an-email")]
    [InlineData("OpeningTimes[0].Closes", "same-times")]
    public void Bad_input_is_refused_with_a_message_for_the_field(string field, string bad)
    {
        var input = Input("Valid", ["housing"]);
        input = field switch
        {
            "Name" => input with { Name = bad },
            "Needs" => input with { Needs = bad == "none" ? [] : [bad] },
            "MaximumAge" => input with { MinimumAge = 30, MaximumAge = 20 },
            "Locations[0].Postcode" => input with { Locations = [new LocationInput(null, null, "1 Road", null, bad)] },
            "Areas" => input with { Areas = [bad] },
            "Url" => input with { Url = bad },
            "Contacts[0].Email" => input with { Contacts = [new ContactInput(null, "Someone", null, null, bad, null)] },
            _ => input with { OpeningTimes = [new OpeningInput(null, DayOfWeek.Monday, new TimeOnly(17, 0), new TimeOnly(17, 0), false)] },
        };
        Assert.Contains(input.Validate(), e => e.Field == field && e.Message.Length > 0);
        Assert.Empty(Input("Valid", ["housing"]).Validate());
    }

    [Fact]
    public void Places_read_postcodes_districts_and_areas()
    {
        Assert.Equal(new Place("NE", "NE1"), Place.Parse("NE1 4ST"));
        Assert.Equal(new Place("NE", "NE1"), Place.Parse(" ne1 "));
        Assert.Equal(new Place("SW", "SW1A"), Place.Parse("SW1A 1AA"));
        Assert.Equal(new Place("NE", null), Place.Parse("ne"));
        Assert.Null(Place.Parse("Newcastle"));
        Assert.Equal(new Place("NE", "NE1"), Place.Parse("NE1 4"));
        Assert.Null(Place.Parse("12345"));
    }
}

public sealed class DirectoryTestsOnSqlite(SqliteTestDatabase db) : DirectoryTests<SqliteTestDatabase>(db);

public sealed class DirectoryTestsOnPostgres(PostgresTestDatabase db) : DirectoryTests<PostgresTestDatabase>(db);
