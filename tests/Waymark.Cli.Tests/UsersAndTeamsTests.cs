using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Access;
using Waymark.Teams;

namespace Waymark.Cli.Tests;

/// <summary>A service sets up its teams and users from the command line.</summary>
public sealed class UsersAndTeamsTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();
    private static readonly ICurrentUser System = new SystemUser("cli-tests");

    public Task InitializeAsync() => _db.CreateAsync();

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task Adds_a_team_then_a_user_in_it_with_a_role_and_a_password_that_works()
    {
        var team = await CliRun.RunAsync(_db, "teams", "add", "--name", "Westford L&D", "--covers", "Westford custody suite; Westford Magistrates' Court");
        Assert.True(team.ExitCode == 0, team.ToString());

        var add = await CliRun.RunAsync(_db, "users", "add", "--email", "sam.khan@westford.invalid", "--name", "Sam Khan",
            "--role", "practitioner", "--team", "Westford L&D");
        Assert.True(add.ExitCode == 0, add.ToString());
        var password = add.Out.Split("Password (shown once, not stored in clear): ")[1].Trim();

        await using var ctx = _db.CreateContext(System);
        var user = await ctx.Users.SingleAsync(u => u.Email == "sam.khan@westford.invalid");
        Assert.Equal("Sam Khan", user.DisplayName);
        var westford = await ctx.Teams.SingleAsync(t => t.Name == "Westford L&D");
        Assert.Equal("Westford custody suite\nWestford Magistrates' Court", westford.Covers);
        Assert.True(await ctx.TeamMemberships.AnyAsync(m => m.TeamId == westford.Id && m.UserId == user.Id));
        var roleId = await ctx.Roles.Where(r => r.Name == Roles.Practitioner).Select(r => r.Id).SingleAsync();
        Assert.True(await ctx.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == roleId));
        var hasher = new PasswordHasher<WaymarkUser>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, password));

        var list = await CliRun.RunAsync(_db, "teams", "list");
        Assert.Contains("Westford L&D  (1 member)", list.Out);
    }

    [Fact]
    public async Task A_new_password_replaces_the_old_one_and_unlocks()
    {
        await CliRun.RunAsync(_db, "teams", "add", "--name", "Eastbrook L&D");
        var add = await CliRun.RunAsync(_db, "users", "add", "--email", "jo@eastbrook.invalid", "--name", "Jo", "--role", "TeamManager", "--team", "Eastbrook L&D");
        var first = add.Out.Split("Password (shown once, not stored in clear): ")[1].Trim();
        await using (var ctx = _db.CreateContext(System))
        {
            var u = await ctx.Users.SingleAsync(x => x.Email == "jo@eastbrook.invalid");
            u.LockoutEnd = DateTimeOffset.UtcNow.AddHours(1);
            u.AccessFailedCount = 5;
            await ctx.SaveChangesAsync();
        }

        var reset = await CliRun.RunAsync(_db, "users", "password", "--email", "jo@eastbrook.invalid");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        var second = reset.Out.Split("Password (shown once, not stored in clear): ")[1].Trim();

        await using var check = _db.CreateContext(System);
        var user = await check.Users.SingleAsync(x => x.Email == "jo@eastbrook.invalid");
        var hasher = new PasswordHasher<WaymarkUser>();
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, first));
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, second));
        Assert.Null(user.LockoutEnd);
        Assert.Equal(0, user.AccessFailedCount);
    }

    /// <summary>Adds a team and a user in it; returns the user's id and a live session of theirs (as signing in to the web app starts).</summary>
    private async Task<(string UserId, Guid Session)> UserWithSessionAsync(string email, string team)
    {
        await CliRun.RunAsync(_db, "teams", "add", "--name", team);
        var add = await CliRun.RunAsync(_db, "users", "add", "--email", email, "--name", "Kim", "--role", "Practitioner", "--team", team);
        Assert.True(add.ExitCode == 0, add.ToString());
        await using var ctx = _db.CreateContext(System);
        var userId = await ctx.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var teamId = await ctx.Teams.Where(t => t.Name == team).Select(t => t.Id).SingleAsync();
        var session = new UserSession { UserId = userId, TeamId = teamId, StartedAt = DateTimeOffset.UtcNow };
        ctx.UserSessions.Add(session);
        await ctx.SaveChangesAsync();
        return (userId, session.Id);
    }

    private async Task<UserSession> SessionAsync(Guid id)
    {
        await using var ctx = _db.CreateContext(System);
        return await ctx.UserSessions.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    [Fact]
    public async Task A_new_password_ends_every_session_of_the_user()
    {
        var (userId, session) = await UserWithSessionAsync("kim@northam.invalid", "Northam L&D");
        var reset = await CliRun.RunAsync(_db, "users", "password", "--email", "kim@northam.invalid");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        var ended = await SessionAsync(session);
        Assert.NotNull(ended.EndedAt);
        Assert.Equal((SessionEndReason?)SessionEndReason.PasswordChanged, ended.EndReason);
        await using var ctx = _db.CreateContext(System);
        Assert.True(await ctx.AuditEvents.AnyAsync(a => a.Action == Waymark.Audit.AuditAction.PasswordReset && a.RecordId == userId));
    }

    [Fact]
    public async Task Remove_from_team_withdraws_the_membership_and_ends_the_sessions_in_that_team()
    {
        var (userId, session) = await UserWithSessionAsync("kim@weston.invalid", "Weston L&D");
        var run = await CliRun.RunAsync(_db, "users", "remove-from-team", "--email", "kim@weston.invalid", "--team", "Weston L&D");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Withdrew kim@weston.invalid from 'Weston L&D'", run.Out);
        await using (var ctx = _db.CreateContext(System))
        {
            Assert.False(await ctx.TeamMemberships.AnyAsync(m => m.UserId == userId));
            Assert.True(await ctx.AuditEvents.AnyAsync(a => a.Action == Waymark.Audit.AuditAction.MembershipWithdrawn && a.RecordId == userId));
        }
        Assert.Equal((SessionEndReason?)SessionEndReason.MembershipWithdrawn, (await SessionAsync(session)).EndReason);

        var again = await CliRun.RunAsync(_db, "users", "remove-from-team", "--email", "kim@weston.invalid", "--team", "Weston L&D");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("is not in 'Weston L&D'; nothing changed", again.Out);
    }

    [Fact]
    public async Task Reset_two_factor_turns_it_off_and_ends_every_session()
    {
        var (userId, session) = await UserWithSessionAsync("kim@easton.invalid", "Easton L&D");
        await using (var ctx = _db.CreateContext(System))
        {
            var u = await ctx.Users.SingleAsync(x => x.Id == userId);
            u.TwoFactorEnabled = true;
            await ctx.SaveChangesAsync();
        }
        var run = await CliRun.RunAsync(_db, "users", "reset-two-factor", "--email", "kim@easton.invalid");
        Assert.True(run.ExitCode == 0, run.ToString());
        await using (var ctx = _db.CreateContext(System))
        {
            Assert.False(await ctx.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync());
            Assert.True(await ctx.AuditEvents.AnyAsync(a => a.Action == Waymark.Audit.AuditAction.TwoFactorReset && a.RecordId == userId));
        }
        Assert.Equal((SessionEndReason?)SessionEndReason.TwoFactorReset, (await SessionAsync(session)).EndReason);
    }

    [Fact]
    public async Task Sign_out_ends_every_session_of_the_user()
    {
        var (_, session) = await UserWithSessionAsync("kim@southam.invalid", "Southam Vale L&D");
        var run = await CliRun.RunAsync(_db, "users", "sign-out", "--email", "kim@southam.invalid");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Ended 1 session of kim@southam.invalid", run.Out);
        Assert.Equal((SessionEndReason?)SessionEndReason.SignedOutEverywhere, (await SessionAsync(session)).EndReason);
    }

    [Theory]
    [InlineData("--role must be one of", "users", "add", "--email", "a@b.invalid", "--name", "A", "--role", "Wizard", "--team", "X")]
    [InlineData("--email is required", "users", "add", "--name", "A", "--role", "Practitioner", "--team", "X")]
    [InlineData("No team called 'Nowhere'", "users", "add", "--email", "a@b.invalid", "--name", "A", "--role", "Practitioner", "--team", "Nowhere")]
    [InlineData("--name is required", "teams", "add")]
    [InlineData("No user with the email nobody@x.invalid", "users", "password", "--email", "nobody@x.invalid")]
    [InlineData("Unknown command 'users delete'", "users", "delete")]
    [InlineData("No user with the email a@b.invalid", "users", "remove-from-team", "--email", "a@b.invalid", "--team", "Nowhere")]
    [InlineData("--team is required", "users", "remove-from-team", "--email", "a@b.invalid")]
    [InlineData("No user with the email nobody@x.invalid", "users", "reset-two-factor", "--email", "nobody@x.invalid")]
    public async Task Bad_arguments_are_refused_with_a_message(string message, params string[] args)
    {
        await CliRun.RunAsync(_db, "migrate");
        var run = await CliRun.RunAsync(_db, args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Err);
    }

    [Fact]
    public async Task A_team_name_is_unique()
    {
        Assert.Equal(0, (await CliRun.RunAsync(_db, "teams", "add", "--name", "Southam L&D")).ExitCode);
        var again = await CliRun.RunAsync(_db, "teams", "add", "--name", "Southam L&D");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.Err);
    }

    /// <summary>The Core service the CLI and the web app share, acting as <paramref name="actorId"/> (an administrator) over this database.</summary>
    private async Task<T> AsAsync<T>(string? actorId, Func<UserAccounts, Task<T>> work)
    {
        var config = Waymark.Cli.CliServices.BuildConfiguration(_db.Provider.ToString(), _db.ConnectionString);
        await using var sp = Waymark.Cli.CliServices.Build(config, TextWriter.Null, verbose: false,
            actor: actorId is null ? System : new FixedUser(actorId, Roles.Administrator, Guid.Empty));
        await using var scope = sp.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserAccounts>());
    }

    private async Task<string> IdOfAsync(string email)
    {
        await using var ctx = _db.CreateContext(System);
        return await ctx.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private async Task<string> StampOfAsync(string id)
    {
        await using var ctx = _db.CreateContext(System);
        return await ctx.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp!).SingleAsync();
    }

    [Fact]
    public async Task A_generated_password_must_be_changed_at_first_sign_in_and_the_creation_is_audited()
    {
        await CliRun.RunAsync(_db, "teams", "add", "--name", "Kirkby L&D");
        var add = await CliRun.RunAsync(_db, "users", "add", "--email", "ali@kirkby.invalid", "--name", "Ali", "--role", "Practitioner", "--team", "Kirkby L&D");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("They must set a new password when they first sign in.", add.Out);
        var id = await IdOfAsync("ali@kirkby.invalid");
        await using (var ctx = _db.CreateContext(System))
        {
            var user = await ctx.Users.AsNoTracking().SingleAsync(u => u.Id == id);
            Assert.NotNull(user.PasswordChangeRequiredAt);
            Assert.True(await ctx.AuditEvents.AnyAsync(a => a.Action == Waymark.Audit.AuditAction.UserCreated && a.RecordId == id));
        }

        // A password the operator chose (WAYMARK_NEW_PASSWORD) is theirs to give: no change required.
        Environment.SetEnvironmentVariable("WAYMARK_NEW_PASSWORD", "Chosen-by-the-0perator!");
        try
        {
            var set = await CliRun.RunAsync(_db, "users", "password", "--email", "ali@kirkby.invalid");
            Assert.True(set.ExitCode == 0, set.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("WAYMARK_NEW_PASSWORD", null);
        }
        await using (var ctx = _db.CreateContext(System)) Assert.Null((await ctx.Users.AsNoTracking().SingleAsync(u => u.Id == id)).PasswordChangeRequiredAt);
        // A common password is refused there too (the same block-list as the web app), and nothing changes.
        Environment.SetEnvironmentVariable("WAYMARK_NEW_PASSWORD", "Password123!");
        try
        {
            var common = await CliRun.RunAsync(_db, "users", "password", "--email", "ali@kirkby.invalid");
            Assert.True(common.ExitCode != 0, common.ToString());
            Assert.Contains("too easy to guess", common.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WAYMARK_NEW_PASSWORD", null);
        }
        var reset = await CliRun.RunAsync(_db, "users", "password", "--email", "ali@kirkby.invalid");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        await using (var ctx = _db.CreateContext(System)) Assert.NotNull((await ctx.Users.AsNoTracking().SingleAsync(u => u.Id == id)).PasswordChangeRequiredAt);
    }

    [Fact]
    public async Task Nobody_deactivates_themselves_nor_the_last_active_administrator_and_a_stale_version_is_refused()
    {
        await CliRun.RunAsync(_db, "teams", "add", "--name", "Ashby L&D");
        foreach (var who in new[] { "one", "two" })
            Assert.Equal(0, (await CliRun.RunAsync(_db, "users", "add", "--email", $"{who}@ashby.invalid", "--name", who, "--role", "Administrator", "--team", "Ashby L&D")).ExitCode);
        var (one, two) = (await IdOfAsync("one@ashby.invalid"), await IdOfAsync("two@ashby.invalid"));

        var self = await Assert.ThrowsAsync<AccountRuleException>(async () => await AsAsync(one, async a => { await a.DeactivateAsync(one, await StampOfAsync(one)); return 0; }));
        Assert.Contains("your own account", self.Message, StringComparison.Ordinal);
        var stale = await StampOfAsync(two);
        await AsAsync(one, async a => { await a.DeactivateAsync(two, stale); return 0; }); // two administrators: one may go
        await Assert.ThrowsAsync<Waymark.Persistence.ConcurrencyConflictException>(async () => await AsAsync(one, async a => { await a.ReactivateAsync(two, stale); return 0; }));

        // "one" is now the last active administrator: neither deactivated nor given another role, by anyone.
        var last = await Assert.ThrowsAsync<AccountRuleException>(async () => await AsAsync(null, async a => { await a.DeactivateAsync(one, await StampOfAsync(one)); return 0; }));
        Assert.Contains("last active administrator", last.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccountRuleException>(async () => await AsAsync(null, async a => { await a.SetRoleAsync(one, Roles.Practitioner, await StampOfAsync(one)); return 0; }));
        Assert.Equal(1, await AsAsync(null, a => a.ActiveAdministratorsAsync()));

        // Reactivating "two" makes two again; then "one" may be given another role.
        await AsAsync(null, async a => { await a.ReactivateAsync(two, await StampOfAsync(two)); return 0; });
        await AsAsync(two, async a => { await a.SetRoleAsync(one, Roles.Practitioner, await StampOfAsync(one)); return 0; });
        Assert.Equal(Roles.Practitioner, await AsAsync(null, a => a.RoleOfAsync(one)));
    }
}
