using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Assessment;
using Waymark.Demo;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.ServiceDirectory;
using Waymark.Teams;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Tests.Support;

/// <summary>The seeded users, by email (see DemoSeeder).</summary>
public static class Users
{
    public const string Practitioner = "practitioner@demo.invalid";
    public const string Practitioner2 = "practitioner2@demo.invalid";
    public const string SupportWorker = "supportworker@demo.invalid";
    public const string Volunteer = "volunteer@demo.invalid";
    public const string TeamManager = "teammanager@demo.invalid";
    public const string Commissioner = "commissioner@demo.invalid";
    public const string Administrator = "administrator@demo.invalid";
    public const string SouthshirePractitioner = "practitioner.southshire@demo.invalid";

    public static string ForRole(string role) => DemoSeeder.EmailFor(role);
}

/// <summary>
/// Reads and arranges data directly in the app's database, acting as the system (all teams visible),
/// through the app's own services and a fresh scope each time.
/// </summary>
public sealed class TestData
{
    private readonly WaymarkFactory _factory;
    private Dictionary<string, string> _userIds = [];

    private TestData(WaymarkFactory factory) => _factory = factory;

    public Guid Northshire { get; private set; }
    public Guid Southshire { get; private set; }

    public static async Task<TestData> LoadAsync(WaymarkFactory factory)
    {
        var data = new TestData(factory);
        await data.QueryAsync(async db =>
        {
            data.Northshire = await db.Teams.Where(t => t.Name == DemoSeeder.DemoTeamName).Select(t => t.Id).SingleAsync();
            data.Southshire = await db.Teams.Where(t => t.Name == DemoSeeder.OtherTeamName).Select(t => t.Id).SingleAsync();
            data._userIds = await db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id);
            return 0;
        });
        return data;
    }

    public string UserId(string email) => _userIds.TryGetValue(email, out var id) ? id : throw new ArgumentException($"No seeded user {email}");

    public async Task<T> QueryAsync<T>(Func<WaymarkDbContext, Task<T>> query)
    {
        using var scope = _factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
        return await query(scope.ServiceProvider.GetRequiredService<WaymarkDbContext>());
    }

    public Task ChangeAsync(Func<WaymarkDbContext, Task> change) => QueryAsync(async db =>
    {
        await change(db);
        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>A person known to <paramref name="teamId"/>, with a unique family name unless one is given.</summary>
    public async Task<Person> AddPersonAsync(Guid teamId, string? given = null, string? family = null, DateOnly? dob = null, Action<Person>? with = null)
    {
        var person = PersonBuilder.APerson()
            .Named(given ?? "Testy", family ?? UniqueName("Fixture"))
            .BornOn(dob ?? new DateOnly(1980, 1, 15))
            .WithSex(Sex.NotKnown)
            .KnownTo(teamId)
            .CreatedAt(DateTimeOffset.UtcNow)
            .CreatedBy("test")
            .Build();
        with?.Invoke(person);
        person.RefreshKeys(); // again: the tweak may have changed a name
        await ChangeAsync(db =>
        {
            db.People.Add(person);
            return Task.CompletedTask;
        });
        return person;
    }

    /// <summary>An open episode for the person in <paramref name="teamId"/>, identified an hour ago unless changed.</summary>
    public async Task<Episode> AddEpisodeAsync(Guid personId, Guid teamId, Action<Episode>? with = null)
    {
        var episode = EpisodeBuilder.AnEpisode()
            .For(personId)
            .InTeam(teamId)
            .In(Setting.PoliceCustody)
            .IdentifiedAt(DateTimeOffset.UtcNow.AddHours(-1))
            .IdentifiedBy(UserId(Users.Practitioner))
            .Because("Test episode")
            .AgedAtIdentification(40)
            .Build();
        with?.Invoke(episode);
        await ChangeAsync(db =>
        {
            db.Episodes.Add(episode);
            return Task.CompletedTask;
        });
        return episode;
    }

    /// <summary>A directory entry of <paramref name="teamId"/> with an organisation, a location in NS1, a Monday drop-in and a contact with private notes.</summary>
    public async Task<Waymark.ServiceDirectory.LocalService> AddServiceAsync(Guid teamId, string? name = null, Action<Waymark.ServiceDirectory.LocalService>? with = null)
    {
        var org = new Waymark.ServiceDirectory.Organisation { TeamId = teamId, Name = UniqueName("Test Org") };
        var service = new Waymark.ServiceDirectory.LocalService
        {
            TeamId = teamId, OrganisationId = org.Id, Name = name ?? UniqueName("Test Housing Service"), Description = "Housing advice",
            UpdatedAt = DateTimeOffset.UtcNow, MinimumAge = 18,
        };
        service.Needs.Add(new Waymark.ServiceDirectory.ServiceNeed { ServiceId = service.Id, Domain = "housing" });
        service.Locations.Add(new Waymark.ServiceDirectory.ServiceLocation { ServiceId = service.Id, Address = "1 Test Street", Postcode = "NS1 4AB", PostcodeDistrict = "NS1" });
        service.OpeningTimes.Add(new Waymark.ServiceDirectory.OpeningTime { ServiceId = service.Id, Day = DayOfWeek.Monday, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(17, 0), DropIn = true });
        service.Contacts.Add(new Waymark.ServiceDirectory.ServiceContact { ServiceId = service.Id, Name = "Pat Example", Role = "Duty worker", Phone = "01632 960555", RelationshipNotes = "PRIVATE-NOTE: text first, she rings back" });
        with?.Invoke(service);
        await ChangeAsync(db =>
        {
            db.Organisations.Add(org);
            db.Services.Add(service);
            return Task.CompletedTask;
        });
        return service;
    }

    /// <summary>A live partner API key for the team; returns the key itself.</summary>
    public async Task<string> AddApiKeyAsync(Guid teamId, bool revoked = false)
    {
        var key = Waymark.ServiceDirectory.DirectoryApiKey.NewKey();
        await ChangeAsync(db =>
        {
            db.DirectoryApiKeys.Add(new Waymark.ServiceDirectory.DirectoryApiKey
            {
                TeamId = teamId, Name = UniqueName("Partner"), KeyHash = Waymark.ServiceDirectory.DirectoryApiKey.Hash(key), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
                RevokedAt = revoked ? DateTimeOffset.UtcNow : null, RevokedBy = revoked ? "test" : null,
            });
            return Task.CompletedTask;
        });
        return key;
    }

    public async Task<(Person Person, Episode Episode)> AddPersonWithEpisodeAsync(Guid teamId, Action<Episode>? with = null)
    {
        var person = await AddPersonAsync(teamId);
        return (person, await AddEpisodeAsync(person.Id, teamId, with));
    }

    /// <summary>An assessed episode whose person puts housing first, and a housing service in the team's directory.</summary>
    public async Task<(Person Person, Episode Episode, LocalService Service)> AddAssessedEpisodeWithHousingServiceAsync(Guid teamId)
    {
        var me = UserId(Users.Practitioner);
        var (person, episode) = await AddPersonWithEpisodeAsync(teamId, e =>
        {
            e.RecordScreened(me, e.IdentifiedAt.AddMinutes(5));
            e.RecordAssessed(me, e.IdentifiedAt.AddMinutes(30));
        });
        // Verified just now, so it is among the first suggestions (newest verified first) whatever other tests added before.
        var service = new LocalService { TeamId = teamId, OrganisationId = Guid.Empty, Name = UniqueName("Housing Options "), Phone = "01632 960001", LastVerifiedAt = DateTimeOffset.UtcNow };
        await ChangeAsync(db =>
        {
            var org = new Organisation { TeamId = teamId, Name = "Northshire Council (test)" };
            service.OrganisationId = org.Id;
            service.Needs.Add(new ServiceNeed { ServiceId = service.Id, Domain = "housing" });
            var a = new PsychosocialAssessment { TeamId = teamId, EpisodeId = episode.Id, PersonId = person.Id, StartedByUserId = me, UpdatedByUserId = me, RiskSummary = "Low" };
            a.Needs.Add(new AssessedNeed { AssessmentId = a.Id, Domain = "housing", Finding = NeedFinding.Need, Severity = Severity.High, PersonPriority = 1, InTheirWords = "A room of my own" });
            a.Needs.Add(new AssessedNeed { AssessmentId = a.Id, Domain = "mental-health", Finding = NeedFinding.Need, Severity = Severity.Low });
            db.AddRange(org, service, a);
            return Task.CompletedTask;
        });
        return (person, episode, service);
    }

    /// <summary>A new user in one team, with the test password and an optional own caseload limit; returns their id.</summary>
    public async Task<string> AddUserAsync(Guid teamId, string displayName, string role, int? caseloadCapacity = null)
    {
        using var scope = _factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WaymarkUser>>();
        var email = $"{UniqueName("user")}@test.invalid";
        var user = new WaymarkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, LockoutEnabled = true };
        var created = await users.CreateAsync(user, AppSettings.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        db.TeamMemberships.Add(new TeamMembership { TeamId = teamId, UserId = user.Id, CaseloadCapacity = caseloadCapacity });
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>A new team with one team manager (demo-mode sign-in); returns the team and the manager's email.</summary>
    public async Task<(Guid TeamId, string Email)> AddTeamWithManagerAsync()
    {
        var team = new Team { Name = UniqueName("Team ") };
        await ChangeAsync(db =>
        {
            db.Teams.Add(team);
            return Task.CompletedTask;
        });
        return (team.Id, await AddManagerAsync(team.Id));
    }

    /// <summary>A new team manager in <paramref name="teamId"/>; returns their email.</summary>
    public async Task<string> AddManagerAsync(Guid teamId)
    {
        var id = await AddUserAsync(teamId, UniqueName("Manager "), Roles.TeamManager);
        var email = await QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Email!).SingleAsync());
        _userIds[email] = id;
        return email;
    }

    /// <summary>Letters only (names are searched by letter keys), unique per call.</summary>
    public static string UniqueName(string stem)
    {
        var n = Guid.NewGuid().ToByteArray();
        return stem + new string(n.Take(8).Select(b => (char)('a' + b % 26)).ToArray());
    }
}
