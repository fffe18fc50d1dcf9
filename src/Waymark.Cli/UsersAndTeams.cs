using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Demo;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Cli;

/// <summary>Administration of teams and users for a real service (the web app has no self-registration).</summary>
public static partial class Cli
{
    private static async Task<int> TeamsListAsync(CliContext c)
    {
        await using var sp = c.Services();
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var teams = await db.Teams.OrderBy(t => t.Name).Select(t => new { t.Name, Members = t.Members.Count }).ToListAsync(c.Ct);
        foreach (var t in teams) c.Out.WriteLine($"{t.Name}  ({t.Members} member{(t.Members == 1 ? "" : "s")})");
        if (teams.Count == 0) c.Out.WriteLine("No teams yet. Add one with 'waymark teams add --name \"<name>\"'.");
        return Ok;
    }

    private static async Task<int> TeamsAddAsync(CliContext c)
    {
        var name = Required(c, "name", 200);
        var covers = c.Args.Option("covers");
        c.Args.EnsureAllUsed();
        await using var sp = c.Services(migrates: true);
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        await DatabaseSetup.MigrateAsync(db, c.Ct);
        if (await db.Teams.AnyAsync(t => t.Name == name, c.Ct)) throw new UsageException($"A team called '{name}' already exists.");
        db.Teams.Add(new Team
        {
            Name = name,
            Covers = string.Join('\n', (covers ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        });
        await db.SaveChangesAsync(c.Ct);
        c.Out.WriteLine($"Added team '{name}'.");
        return Ok;
    }

    private static async Task<int> UsersAddAsync(CliContext c)
    {
        var email = Required(c, "email", 256);
        var name = Required(c, "name", 200);
        var role = Roles.All.FirstOrDefault(r => string.Equals(r, Required(c, "role", 50), StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--role must be one of: {string.Join(", ", Roles.All)}.");
        var teamName = Required(c, "team", 200);
        c.Args.EnsureAllUsed();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _)) throw new UsageException("--email must be an email address.");

        await using var sp = c.Services(migrates: true);
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        await DatabaseSetup.MigrateAsync(db, c.Ct);
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().EnsureRolesAsync();
        var team = await TeamAsync(db, teamName, c.Ct);
        // The same rules as an administrator's "Add a user" page (Teams/UserAccounts): a one-time password, changed at first sign-in.
        CreatedAccount created;
        try
        {
            created = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(new NewAccount(name, email, role, team.Id), c.Ct);
        }
        catch (ValidationFailedException e)
        {
            throw new UsageException(string.Join(" ", e.Problems.Select(p => p.Message + ".")));
        }
        c.Out.WriteLine($"Added {email} ({Roles.Display(role)}) to '{team.Name}'. They must set a new password when they first sign in.");
        c.Out.WriteLine($"Password (shown once, not stored in clear): {created.OneTimePassword}");
        return Ok;
    }

    private static async Task<int> UsersAddToTeamAsync(CliContext c)
    {
        var email = Required(c, "email", 256);
        var teamName = Required(c, "team", 200);
        c.Args.EnsureAllUsed();
        await using var sp = c.Services();
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WaymarkUser>>();
        var user = await UserAsync(users, email);
        var team = await TeamAsync(db, teamName, c.Ct);
        if (await db.TeamMemberships.AnyAsync(m => m.TeamId == team.Id && m.UserId == user.Id, c.Ct))
        {
            c.Out.WriteLine($"{email} is already in '{team.Name}'.");
            return Ok;
        }
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().AddToTeamAsync(user.Id, team.Id, c.Ct); // audited, as in the browser
        c.Out.WriteLine($"Added {email} to '{team.Name}'. They choose the team they work in when they sign in.");
        return Ok;
    }

    private static async Task<int> UsersPasswordAsync(CliContext c)
    {
        var email = Required(c, "email", 256);
        var given = Environment.GetEnvironmentVariable("WAYMARK_NEW_PASSWORD");
        c.Args.EnsureAllUsed();
        await using var sp = c.Services();
        await using var scope = sp.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WaymarkUser>>();
        var user = await UserAsync(users, email);
        var password = string.IsNullOrEmpty(given) ? UserAccounts.GeneratePassword() : given;
        try
        {
            // A generated password is a one-time password (changed at the next sign-in); one the operator chose is not.
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().SetPasswordAsync(user, password, requireChange: string.IsNullOrEmpty(given), c.Ct);
        }
        catch (ValidationFailedException e)
        {
            throw new InvalidOperationException(string.Join(" ", e.Problems.Select(p => p.Message + ".")));
        }
        c.Out.WriteLine($"Set a new password for {email}, unlocked the account and ended every session.");
        if (string.IsNullOrEmpty(given)) c.Out.WriteLine($"Password (shown once, not stored in clear): {password}");
        return Ok;
    }

    private static async Task<int> UsersRemoveFromTeamAsync(CliContext c)
    {
        var email = Required(c, "email", 256);
        var teamName = Required(c, "team", 200);
        c.Args.EnsureAllUsed();
        await using var sp = c.Services();
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WaymarkUser>>();
        var user = await UserAsync(users, email);
        var team = await TeamAsync(db, teamName, c.Ct);
        if (!await scope.ServiceProvider.GetRequiredService<TeamMembers>().WithdrawAsync(team.Id, user.Id, c.Ct))
        {
            c.Out.WriteLine($"{email} is not in '{team.Name}'; nothing changed.");
            return Ok;
        }
        // A web server remembers memberships for Security:MembershipRecheckSeconds at most; the sessions in the team end now.
        c.Out.WriteLine($"Withdrew {email} from '{team.Name}' and ended their sessions in it.");
        return Ok;
    }

    private static async Task<int> UsersResetTwoFactorAsync(CliContext c)
    {
        var email = Required(c, "email", 256);
        c.Args.EnsureAllUsed();
        await using var sp = c.Services();
        await using var scope = sp.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WaymarkUser>>();
        var user = await UserAsync(users, email);
        await scope.ServiceProvider.GetRequiredService<TeamMembers>().ResetTwoFactorAsync(users, user, c.Ct);
        c.Out.WriteLine($"Reset two-factor authentication for {email} and ended every session. They set it up again when they next sign in.");
        return Ok;
    }

    private static async Task<int> UsersSignOutAsync(CliContext c)
    {
        var email = Required(c, "email", 256);
        c.Args.EnsureAllUsed();
        await using var sp = c.Services();
        await using var scope = sp.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WaymarkUser>>();
        var user = await UserAsync(users, email);
        var ended = await scope.ServiceProvider.GetRequiredService<TeamMembers>().SignOutEverywhereAsync(user.Id, ct: c.Ct);
        c.Out.WriteLine($"Ended {ended} session{(ended == 1 ? "" : "s")} of {email}.");
        return Ok;
    }

    /// <exception cref="UsageException">No user has <paramref name="email"/>.</exception>
    private static async Task<WaymarkUser> UserAsync(UserManager<WaymarkUser> users, string email) =>
        await users.FindByEmailAsync(email) ?? throw new UsageException($"No user with the email {email}.");

    /// <exception cref="UsageException">No team is called <paramref name="name"/>.</exception>
    private static async Task<Team> TeamAsync(WaymarkDbContext db, string name, CancellationToken ct) =>
        await db.Teams.FirstOrDefaultAsync(t => t.Name == name, ct)
            ?? throw new UsageException($"No team called '{name}'. See 'waymark teams list'.");

    private static string Required(CliContext c, string option, int maxLength)
    {
        var value = c.Args.Option(option)?.Trim();
        if (string.IsNullOrEmpty(value)) throw new UsageException($"--{option} is required.");
        if (value.Length > maxLength) throw new UsageException($"--{option} must be {maxLength} characters or fewer.");
        return value;
    }

    private static void Check(IdentityResult r)
    {
        if (!r.Succeeded) throw new InvalidOperationException(string.Join(" ", r.Errors.Select(e => e.Description)));
    }
}
