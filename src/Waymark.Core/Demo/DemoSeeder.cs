using Waymark.Episodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Demo;

public record DemoLogin(string Email, string Role);

public record DemoSeedResult(bool Seeded, string? Password, bool PasswordGenerated, IReadOnlyList<DemoLogin> Logins);

/// <summary>
/// Seeds a synthetic demo team, one user per role (<c>&lt;role&gt;@demo.invalid</c>), a second team
/// (so cross-team access can be tried) and synthetic people with episodes. Runs once, on an empty database.
/// </summary>
public class DemoSeeder(WaymarkDbContext db, UserManager<WaymarkUser> users, RoleManager<IdentityRole> roles,
    IConfiguration config, TimeProvider clock, ILogger<DemoSeeder> log)
{
    public const string DemoTeamName = "Northshire Liaison and Diversion";
    public const string OtherTeamName = "Southshire Liaison and Diversion";
    public const string EmailDomain = "demo.invalid";

    public static string EmailFor(string role, string? teamSuffix = null) => $"{role.ToLowerInvariant()}{teamSuffix}@{EmailDomain}";

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    /// <summary>Seeds when there are no users yet, or when <paramref name="force"/> (the --demo flag) asks and no demo users exist.</summary>
    public async Task<DemoSeedResult> SeedIfEmptyAsync(bool force = false, int people = 60, CancellationToken ct = default)
    {
        await EnsureRolesAsync();
        var anyUsers = await db.Users.AnyAsync(ct);
        var demoExists = await db.Users.AnyAsync(u => u.Email == EmailFor(Roles.Practitioner), ct);
        if ((anyUsers && !force) || demoExists) return new DemoSeedResult(false, null, false, []);

        var configured = config["Demo:Password"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;

        var now = clock.GetUtcNow();
        var team = new Team
        {
            Name = DemoTeamName,
            Covers = "Northshire Central custody suite\nEastbrook custody suite\nNorthshire Magistrates' Court\nNorthshire Crown Court",
            CaseloadCapacity = 150,
            WorkerCapacity = 25,
        };
        var other = new Team { Name = OtherTeamName, Covers = "Southam custody suite\nSoutham Magistrates' Court", CaseloadCapacity = 150, WorkerCapacity = 25 };
        db.Teams.AddRange(team, other);
        await db.SaveChangesAsync(ct);

        var logins = new List<DemoLogin>();
        var ids = new Dictionary<string, string>();
        foreach (var role in Roles.All)
        {
            var user = await CreateUserAsync(EmailFor(role), DisplayNameFor(role), role, password, team.Id);
            ids[role] = user.Id;
            logins.Add(new DemoLogin(user.Email!, role));
        }
        db.TeamMemberships.Add(new TeamMembership { TeamId = other.Id, UserId = ids[Roles.Commissioner] }); // the commissioner commissions both demo teams
        var second = await CreateUserAsync(EmailFor("practitioner2"), "Sam Okoye", Roles.Practitioner, password, team.Id);
        var otherPractitioner = await CreateUserAsync(EmailFor(Roles.Practitioner, ".southshire"), "Morgan Price", Roles.Practitioner, password, other.Id);
        logins.Add(new DemoLogin(second.Email!, Roles.Practitioner));
        logins.Add(new DemoLogin(otherPractitioner.Email!, $"{Roles.Practitioner} ({OtherTeamName})"));

        var gen = new SyntheticPeople(seed: 20261123);
        var screening = new SyntheticScreening(seed: 20261124);
        var formulations = 0;
        var today = UkTime.DateOf(now);
        var keyWorkers = new[] { ids[Roles.Practitioner], second.Id, ids[Roles.SupportWorker] };
        for (var i = 0; i < people; i++)
        {
            var inOther = i % 10 == 9;
            var teamId = inOther ? other.Id : team.Id;
            var actor = inOther ? otherPractitioner.Id : ids[Roles.Practitioner];
            var person = gen.NextPerson(today, actor, now);
            person.TeamLinks.Add(PersonTeamLink.For(person, teamId, now));
            db.People.Add(person);
            var episode = gen.NextEpisode(person, teamId, actor, now, inOther ? [otherPractitioner.Id] : keyWorkers);
            person.CreatedAt = episode.RecordedAt;
            db.Episodes.Add(episode);
            var (outcome, assessment) = screening.For(episode, actor, now);
            if (outcome is not null) db.ScreeningOutcomes.Add(outcome);
            if (assessment is not null) db.Assessments.Add(assessment);
            if (assessment is not null && formulations++ < 5) db.FormulationRevisions.Add(screening.Formulation(episode, actor));
        }
        // The demo team's local services directory (fictional services covering every need), and referrals
        // to it from assessed episodes at every stage, so tasks, flags and figures have something to show.
        var services = new SyntheticDirectory(seed: 20261125).Demo(team.Id, now);
        foreach (var service in services) db.Services.Add(service);
        var agencies = SyntheticAgencies.Demo(team.Id, ids[Roles.TeamManager], now);
        db.AddRange(agencies);
        // Criminal justice liaison for a few open, screened custody episodes with a key worker (tasks, clocks, the caseload flag).
        var liaisonEpisodes = db.ChangeTracker.Entries<Episode>().Select(x => x.Entity)
            .Where(e => e.TeamId == team.Id && e.IsOpen && e.ScreenedAt != null && e.KeyWorkerId != null && e.Setting == Setting.PoliceCustody)
            .OrderBy(e => e.KeyWorkerId == ids[Roles.Practitioner] ? 0 : 1).ThenBy(e => e.IdentifiedAt).Take(4).ToList();
        db.AddRange(SyntheticCriminalJustice.Demo(liaisonEpisodes, agencies, ids[Roles.Practitioner], now));
        db.AddRange(SyntheticCaseManagement.Demo(db.ChangeTracker.Entries<Episode>().Select(x => x.Entity).Where(e => e.TeamId == team.Id && e.IsOpen && e.SupportStartedAt != null && e.KeyWorkerId != null).OrderBy(e => e.IdentifiedAt).Take(3).ToList(), ids[Roles.Practitioner], now));
        db.AddRange(SyntheticContacts.Demo(db.ChangeTracker.Entries<Episode>().Select(x => x.Entity).Where(e => e.TeamId == team.Id && e.IsOpen && e.KeyWorkerId != null).OrderBy(e => e.IdentifiedAt).ToList(), now));
        db.AddRange(SyntheticAppointments.Demo(db.ChangeTracker.Entries<Episode>().Select(x => x.Entity).Where(e => e.TeamId == team.Id && e.IsOpen && e.KeyWorkerId == ids[Roles.Practitioner]).OrderBy(e => e.IdentifiedAt).Take(4).ToList(), ids[Roles.Practitioner], now));
        db.AddRange(SyntheticCrisisPlans.Demo(db.ChangeTracker.Entries<Episode>().Select(x => x.Entity).Where(e => e.TeamId == team.Id && e.IsOpen && e.KeyWorkerId != null).OrderBy(e => e.IdentifiedAt).ToList(), ids[Roles.Practitioner], now));
        db.AddRange(SyntheticReleases.Demo(db.ChangeTracker.Entries<Episode>().Select(x => x.Entity).Where(e => e.TeamId == team.Id && e.IsOpen && e.KeyWorkerId == ids[Roles.SupportWorker]).OrderBy(e => e.IdentifiedAt).Take(3).ToList(), ids[Roles.Practitioner], now));
        db.AddRange(SyntheticReminders.Demo(db.ChangeTracker.Entries<Waymark.CriminalJustice.CriminalJusticeEvent>().Select(x => x.Entity).ToList(), agencies, ids[Roles.Practitioner], now,
            id => db.ChangeTracker.Entries<Person>().Select(x => x.Entity).Single(p => p.Id == id)));
        db.AddRange(SyntheticDropIns.Demo(db.ChangeTracker.Entries<Episode>().Select(x => x.Entity).Where(e => e.TeamId == team.Id).ToList(), ids[Roles.Practitioner], now));
        db.AddRange(SyntheticMentoring.Demo(db.ChangeTracker.Entries<Episode>().Select(x => x.Entity).Where(e => e.TeamId == team.Id && e.IsOpen && e.SupportStartedAt != null && e.KeyWorkerId == ids[Roles.Practitioner]).OrderBy(e => e.IdentifiedAt).ToList(), ids[Roles.Volunteer], ids[Roles.TeamManager], now));
        db.AddRange(SyntheticActionPlans.Demo(db.ChangeTracker.Entries<Episode>().Select(x => x.Entity).Where(e => e.TeamId == team.Id && e.IsOpen && e.KeyWorkerId == ids[Roles.Practitioner]).OrderBy(e => e.IdentifiedAt).Take(2).ToList(), ids[Roles.Practitioner], now));
        db.AddRange(SyntheticFeedbackAndTraining.Demo(team.Id, ids[Roles.Practitioner], ids[Roles.SupportWorker], ids[Roles.TeamManager], now));
        var referralMaker = new SyntheticReferrals(seed: 20261126);
        foreach (var a in db.ChangeTracker.Entries<Waymark.Assessment.PsychosocialAssessment>().Select(x => x.Entity).Where(a => a.TeamId == team.Id).ToList())
        {
            var episode = db.ChangeTracker.Entries<Episode>().Select(x => x.Entity).First(e => e.Id == a.EpisodeId);
            foreach (var row in referralMaker.For(episode, a, services, ids[Roles.Practitioner], now)) db.Add(row);
        }
        db.AddRange(SyntheticUnmetNeeds.Demo(db.ChangeTracker.Entries<Episode>().Select(x => x.Entity).Where(e => e.TeamId == team.Id).ToList(), ids[Roles.Practitioner], now));
        db.AddRange(SyntheticRetention.Demo(team.Id, ids[Roles.Practitioner], ids[Roles.TeamManager], now));
        await db.SaveChangesAsync(ct);
        log.LogInformation("Seeded demo teams, {Users} users and {People} synthetic people", logins.Count, people);
        return new DemoSeedResult(true, password, string.IsNullOrEmpty(configured), logins);
    }

    private async Task<WaymarkUser> CreateUserAsync(string email, string name, string role, string password, Guid teamId)
    {
        var user = new WaymarkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, LockoutEnabled = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("Could not create demo user: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        db.TeamMemberships.Add(new TeamMembership { TeamId = teamId, UserId = user.Id });
        await db.SaveChangesAsync();
        return user;
    }

    private static string DisplayNameFor(string role) => role switch
    {
        Roles.Practitioner => "Alex Morgan",
        Roles.SupportWorker => "Jo Baker",
        Roles.Volunteer => "Chris Dale",
        Roles.TeamManager => "Pat Hughes",
        Roles.Commissioner => "Robin Shaw",
        Roles.Administrator => "Sam Lee",
        _ => role,
    };

    /// <summary>A random password meeting Identity's rules (<see cref="UserAccounts.GeneratePassword"/>, the one generator); printed once, never stored in clear.</summary>
    public static string GeneratePassword() => UserAccounts.GeneratePassword();
}
