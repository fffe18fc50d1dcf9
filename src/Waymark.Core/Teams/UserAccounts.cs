using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Teams;

/// <summary>What an administrator types to create an account (the web form and the command line alike).</summary>
/// <param name="Name">The person's name as colleagues know it; 1 to 200 characters.</param>
/// <param name="Email">Their work email address, also their user name; at most 256 characters, unique.</param>
/// <param name="Role">One of <see cref="Roles.All"/> (case-insensitive).</param>
/// <param name="TeamId">The first team they work in.</param>
public sealed record NewAccount(string? Name, string? Email, string? Role, Guid? TeamId);

/// <summary>A new account and its one-time password (shown once to whoever created it, never stored in clear).</summary>
public sealed record CreatedAccount(string UserId, string OneTimePassword);

/// <summary>Whether an account may sign in, for filtering the list of users.</summary>
public enum AccountStatus
{
    /// <summary>Not deactivated.</summary>
    Active,
    /// <summary>Deactivated by an administrator (<see cref="WaymarkUser.DeactivatedAt"/>).</summary>
    Deactivated,
}

/// <summary>One account as the administration list shows it.</summary>
/// <param name="UserId">The Identity user id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Email address (the user name).</param>
/// <param name="Role">The Identity role's name, or null if none.</param>
/// <param name="Teams">The names of the teams they belong to, sorted.</param>
/// <param name="TwoFactor">Whether two-factor authentication is on.</param>
/// <param name="DeactivatedAt">When it was deactivated (UTC), or null while active.</param>
/// <param name="LastSignIn">When their latest session started (UTC), or null if they never signed in.</param>
/// <param name="PasswordChangeRequired">Whether they must set a new password at their next sign-in.</param>
public sealed record AccountRow(string UserId, string Name, string Email, string? Role, IReadOnlyList<string> Teams, bool TwoFactor,
    DateTimeOffset? DeactivatedAt, DateTimeOffset? LastSignIn, bool PasswordChangeRequired);

/// <summary>One page of <see cref="AccountRow"/>s and whether another page follows.</summary>
public sealed record AccountPage(IReadOnlyList<AccountRow> Rows, bool HasNext);

/// <summary>A change to an account that the rules refuse (the message says why and what to do instead). Nothing was changed.</summary>
public sealed class AccountRuleException(string message) : DomainRuleException(message);

/// <summary>
/// Users and their memberships, for administrators in the browser and for the command line alike (issue 16 item 4), so
/// both apply the same rules: create an account with a one-time password, deactivate and reactivate it, set its one
/// role, add it to a team, reset a forgotten password, require a new password at the next sign-in. Every change is
/// audited with the account's id as the record ("User"; never a password) and ends the sessions it must
/// (<see cref="UserSessions"/>). Withdrawal from a team and two-factor resets are <see cref="TeamMembers"/>'.
/// </summary>
/// <remarks>
/// Guard rails: nobody deactivates themselves or changes their own role, and the last active administrator cannot be
/// deactivated nor given another role (there would be no one left to administer users). Two administrators changing one
/// account: each change names the <see cref="IdentityUser.ConcurrencyStamp"/> it was based on and is refused with a
/// <see cref="ConcurrencyConflictException"/> when the account changed since (ADR 7, with Identity's own token).
/// </remarks>
public class UserAccounts(WaymarkDbContext db, UserManager<WaymarkUser> users, TeamMembers members, UserSessions sessions,
    Auditor audit, ICurrentUser actor, TimeProvider clock)
{
    /// <summary>What a user is told when another administrator changed the account first.</summary>
    public const string ConflictMessage = "Someone else changed this account while you were looking at it. Check its details below and try again.";

    /// <summary>The longest display name, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest email address, in characters (Identity's column).</summary>
    public const int MaxEmailLength = 256;

    /// <summary>
    /// A one-time password: 23 characters "Wm-xxxxxxxx-Xxxxxxx-NN" from 23 unambiguous lower-case letters, one capital and a
    /// two-digit number (about 75 bits from <see cref="RandomNumberGenerator"/>), easy to read out over the phone and
    /// meeting Identity's rules (length 12, upper, lower, digit, symbol).
    /// </summary>
    public static string GeneratePassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyz";
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++) chars[i] = letters[RandomNumberGenerator.GetInt32(letters.Length)];
        return $"Wm-{new string(chars[..8])}-{char.ToUpperInvariant(chars[8])}{new string(chars[9..])}-{RandomNumberGenerator.GetInt32(10, 100)}";
    }

    /// <summary>
    /// Lists accounts by name, a page at a time: those whose name or email contains <paramref name="search"/> (any case),
    /// of <paramref name="status"/> when given.
    /// </summary>
    /// <param name="search">Part of a name or email address; null or blank lists everyone.</param>
    /// <param name="status">Only active or only deactivated accounts; null for both.</param>
    /// <param name="page">1-based page number (clamped to 1..100000).</param>
    /// <param name="pageSize">Accounts per page, 1 or more.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<AccountPage> ListAsync(string? search, AccountStatus? status, int page, int pageSize, CancellationToken ct = default)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var upper = search.Trim().ToUpperInvariant();
            query = query.Where(u => u.DisplayName.ToUpper().Contains(upper) || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(upper)));
        }
        if (status == AccountStatus.Active) query = query.Where(u => u.DeactivatedAt == null);
        else if (status == AccountStatus.Deactivated) query = query.Where(u => u.DeactivatedAt != null);
        page = Math.Clamp(page, 1, 100_000);
        var found = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Skip((page - 1) * pageSize).Take(pageSize + 1)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.TwoFactorEnabled, u.DeactivatedAt, u.PasswordChangeRequiredAt,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).OrderBy(n => n).FirstOrDefault(),
                LastSignIn = db.UserSessions.Where(s => s.UserId == u.Id).OrderByDescending(s => s.StartedAt).Select(s => (DateTimeOffset?)s.StartedAt).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = found.Select(f => f.Id).ToList();
        var teams = (await db.TeamMemberships.AsNoTracking().Where(m => ids.Contains(m.UserId))
                .Select(m => new { m.UserId, m.Team!.Name }).ToListAsync(ct))
            .ToLookup(m => m.UserId, m => m.Name);
        var rows = found.Take(pageSize).Select(f => new AccountRow(f.Id, f.DisplayName, f.Email ?? "", f.Role,
            teams[f.Id].Order(StringComparer.Ordinal).ToList(), f.TwoFactorEnabled, f.DeactivatedAt, f.LastSignIn, f.PasswordChangeRequiredAt is not null)).ToList();
        return new AccountPage(rows, found.Count > pageSize);
    }

    /// <summary>The role of <paramref name="userId"/> (the Identity role's name), or null if none.</summary>
    public Task<string?> RoleOfAsync(string userId, CancellationToken ct = default) =>
        db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).OrderBy(n => n).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Creates an account with a generated one-time password that must be changed at the first sign-in, in one role and
    /// one team; audited (<see cref="AuditAction.UserCreated"/>). The roles must exist (the web app and the CLI create them).
    /// </summary>
    /// <exception cref="ValidationFailedException">Every problem with <paramref name="input"/> (fields Name, Email, Role, TeamId), including an email already in use or a team that does not exist.</exception>
    public async Task<CreatedAccount> CreateAsync(NewAccount input, CancellationToken ct = default)
    {
        var problems = new List<(string, string)>();
        var name = input.Name?.Trim();
        var email = input.Email?.Trim();
        if (string.IsNullOrEmpty(name)) problems.Add((nameof(input.Name), "Enter their name"));
        else if (name.Length > MaxNameLength) problems.Add((nameof(input.Name), $"Name must be {MaxNameLength} characters or fewer"));
        if (string.IsNullOrEmpty(email)) problems.Add((nameof(input.Email), "Enter their email address"));
        else if (email.Length > MaxEmailLength) problems.Add((nameof(input.Email), $"Email address must be {MaxEmailLength} characters or fewer"));
        else if (!IsEmail(email)) problems.Add((nameof(input.Email), "Enter an email address in the correct format, like name@example.nhs.uk"));
        else if (await users.FindByEmailAsync(email) is not null) problems.Add((nameof(input.Email), "An account with this email address already exists"));
        var role = Roles.All.FirstOrDefault(r => string.Equals(r, input.Role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (role is null) problems.Add((nameof(input.Role), "Select their role"));
        Team? team = null;
        if (input.TeamId is not { } teamId) problems.Add((nameof(input.TeamId), "Select their first team"));
        else if ((team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, ct)) is null) problems.Add((nameof(input.TeamId), "Select a team from the list"));
        ValidationFailedException.ThrowIfAny(problems);

        var password = GeneratePassword();
        var now = clock.GetUtcNow();
        var user = new WaymarkUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name!, LockoutEnabled = true,
            PasswordChangeRequiredAt = now, PasswordChangeRequiredBy = actor.UserId ?? "system",
        };
        await InTransactionAsync(async () =>
        {
            Check(await users.CreateAsync(user, password), nameof(input.Email));
            Check(await users.AddToRoleAsync(user, role!), nameof(input.Role));
            db.TeamMemberships.Add(new TeamMembership { TeamId = team!.Id, UserId = user.Id });
            audit.Add(AuditAction.UserCreated, "User", user.Id, detail: $"Role {Roles.Display(role!)}; team {team.Name}");
            await db.SaveChangesAsync(ct);
        }, ct);
        return new CreatedAccount(user.Id, password);
    }

    /// <summary>
    /// Deactivates <paramref name="userId"/>: they cannot sign in, every session ends; who and when are recorded and audited.
    /// Already deactivated: nothing changes.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="expectedStamp">The <see cref="IdentityUser.ConcurrencyStamp"/> the administrator saw.</param>
    /// <param name="ct">Cancels the change.</param>
    /// <exception cref="AccountRuleException">It is the administrator's own account, or the last active administrator's.</exception>
    /// <exception cref="ConcurrencyConflictException">The account changed since <paramref name="expectedStamp"/>.</exception>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public async Task DeactivateAsync(string userId, string? expectedStamp, CancellationToken ct = default)
    {
        var user = await ForChangeAsync(userId, expectedStamp);
        if (user.DeactivatedAt is not null) return;
        if (userId == actor.UserId) throw new AccountRuleException("You cannot deactivate your own account. Ask another administrator.");
        if (await RoleOfAsync(userId, ct) == Roles.Administrator && await ActiveAdministratorsAsync(ct) <= 1)
            throw new AccountRuleException("This is the last active administrator: make someone else an administrator first.");
        user.DeactivatedAt = clock.GetUtcNow();
        user.DeactivatedBy = actor.UserId ?? "system";
        audit.Add(AuditAction.UserDeactivated, "User", userId);
        await UpdateAsync(user);
        await sessions.EndAllAsync(userId, SessionEndReason.Deactivated, ct);
    }

    /// <summary>Reactivates a deactivated account (they can sign in again with their password); audited. Active already: nothing changes.</summary>
    /// <exception cref="ConcurrencyConflictException">The account changed since <paramref name="expectedStamp"/>.</exception>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public async Task ReactivateAsync(string userId, string? expectedStamp, CancellationToken ct = default)
    {
        var user = await ForChangeAsync(userId, expectedStamp);
        if (user.DeactivatedAt is null) return;
        user.DeactivatedAt = null;
        user.DeactivatedBy = null;
        audit.Add(AuditAction.UserReactivated, "User", userId);
        await UpdateAsync(user);
    }

    /// <summary>
    /// Gives <paramref name="userId"/> the one role <paramref name="role"/> (replacing any other) and ends every session, so
    /// the new permissions apply from their next sign-in; audited with the old and new role. The same role: nothing changes.
    /// </summary>
    /// <exception cref="ValidationFailedException">Field "Role": not one of <see cref="Roles.All"/>.</exception>
    /// <exception cref="AccountRuleException">It is the administrator's own account, or it would leave no active administrator.</exception>
    /// <exception cref="ConcurrencyConflictException">The account changed since <paramref name="expectedStamp"/>.</exception>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public async Task SetRoleAsync(string userId, string? role, string? expectedStamp, CancellationToken ct = default)
    {
        var chosen = Roles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw ValidationFailedException.For("Role", "Select a role");
        var user = await ForChangeAsync(userId, expectedStamp);
        var old = await RoleOfAsync(userId, ct);
        if (old == chosen) return;
        if (userId == actor.UserId) throw new AccountRuleException("You cannot change your own role. Ask another administrator.");
        if (old == Roles.Administrator && user.DeactivatedAt is null && await ActiveAdministratorsAsync(ct) <= 1)
            throw new AccountRuleException("This is the last active administrator: make someone else an administrator first.");
        await InTransactionAsync(async () =>
        {
            var current = await users.GetRolesAsync(user);
            if (current.Count > 0) Check(await users.RemoveFromRolesAsync(user, current), "Role");
            Check(await users.AddToRoleAsync(user, chosen), "Role");
            audit.Add(AuditAction.RoleChanged, "User", userId, detail: $"From {(old is null ? "none" : Roles.Display(old))} to {Roles.Display(chosen)}");
            await db.SaveChangesAsync(ct);
        }, ct);
        await sessions.EndAllAsync(userId, SessionEndReason.RoleChanged, ct);
    }

    /// <summary>Adds <paramref name="userId"/> to <paramref name="teamId"/>; audited. They choose the team they work in when they sign in.</summary>
    /// <exception cref="ValidationFailedException">Field "TeamId": no team chosen, no such team, or already a member.</exception>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public async Task AddToTeamAsync(string userId, Guid? teamId, CancellationToken ct = default)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw new KeyNotFoundException("No such account.");
        if (teamId is not { } id) throw ValidationFailedException.For("TeamId", "Select a team");
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw ValidationFailedException.For("TeamId", "Select a team from the list");
        if (await db.TeamMemberships.AnyAsync(m => m.TeamId == id && m.UserId == userId, ct))
            throw ValidationFailedException.For("TeamId", $"They are already a member of {team.Name}");
        db.TeamMemberships.Add(new TeamMembership { TeamId = id, UserId = userId });
        audit.Add(AuditAction.MembershipAdded, "User", userId, detail: $"Added to {team.Name}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw ValidationFailedException.For("TeamId", $"They are already a member of {team.Name}");
        }
    }

    /// <summary>
    /// Requires <paramref name="userId"/> to set a new password at their next sign-in (their current one still opens the
    /// door to that page) and ends every session; audited.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The account changed since <paramref name="expectedStamp"/>.</exception>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public async Task RequirePasswordChangeAsync(string userId, string? expectedStamp, CancellationToken ct = default)
    {
        var user = await ForChangeAsync(userId, expectedStamp);
        user.PasswordChangeRequiredAt = clock.GetUtcNow();
        user.PasswordChangeRequiredBy = actor.UserId ?? "system";
        audit.Add(AuditAction.PasswordChangeRequired, "User", userId);
        await UpdateAsync(user);
        await sessions.EndAllAsync(userId, SessionEndReason.PasswordChanged, ct);
    }

    /// <summary>
    /// Resets a forgotten password: a new one-time password (returned, to be passed on by phone; not stored in clear nor
    /// audited) that must be changed at the next sign-in; the lockout after failed sign-ins ends; every session ends;
    /// audited (<see cref="AuditAction.PasswordReset"/>).
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="managersTeam">
    /// Null for an administrator (anyone's password). A team manager's current team: the account must be a member of it
    /// and must not be an administrator's (source: issue 16 item 4; a manager looks after their own team's members).
    /// </param>
    /// <param name="ct">Cancels the change.</param>
    /// <exception cref="KeyNotFoundException">No such account, or (for a manager) not a member of their team.</exception>
    /// <exception cref="AccountRuleException">A manager asked for an administrator's account, or the account is deactivated.</exception>
    public async Task<string> ResetPasswordAsync(string userId, Guid? managersTeam, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new KeyNotFoundException("No such account.");
        if (managersTeam is { } teamId)
        {
            if (!await db.TeamMemberships.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, ct)) throw new KeyNotFoundException("Not a member of the team.");
            if (await RoleOfAsync(userId, ct) == Roles.Administrator)
                throw new AccountRuleException("An administrator's password can only be reset by another administrator.");
        }
        if (user.DeactivatedAt is not null) throw new AccountRuleException("This account is deactivated: an administrator must reactivate it first.");
        var password = GeneratePassword();
        await SetPasswordAsync(user, password, requireChange: true, ct);
        return password;
    }

    /// <summary>
    /// Sets <paramref name="password"/> for <paramref name="user"/> on their behalf (the CLI's <c>users password</c>, a reset):
    /// checked against Identity's password rules, the lockout ended, every session ended; audited as a reset.
    /// </summary>
    /// <param name="user">The account (tracked by this unit of work).</param>
    /// <param name="password">The new password; never logged or audited.</param>
    /// <param name="requireChange">True for a one-time password: they must set their own at the next sign-in.</param>
    /// <param name="ct">Cancels the change.</param>
    /// <exception cref="ValidationFailedException">Field "Password": it breaks a password rule (every broken rule listed).</exception>
    public async Task SetPasswordAsync(WaymarkUser user, string password, bool requireChange, CancellationToken ct = default)
    {
        var problems = new List<(string, string)>();
        foreach (var v in users.PasswordValidators)
            problems.AddRange((await v.ValidateAsync(users, user, password)).Errors.Select(e => ("Password", e.Description.TrimEnd('.'))));
        ValidationFailedException.ThrowIfAny(problems);
        user.PasswordChangeRequiredAt = requireChange ? clock.GetUtcNow() : null;
        user.PasswordChangeRequiredBy = requireChange ? actor.UserId ?? "system" : null;
        await InTransactionAsync(async () =>
        {
            if (await users.HasPasswordAsync(user)) Check(await users.RemovePasswordAsync(user), "Password");
            Check(await users.AddPasswordAsync(user, password), "Password");
            Check(await users.SetLockoutEndDateAsync(user, null), "Password");
            Check(await users.ResetAccessFailedCountAsync(user), "Password");
        }, ct);
        await members.PasswordChangedAsync(user.Id, ct);
    }

    /// <summary>
    /// The user changes their own password: <paramref name="currentPassword"/> must be right and <paramref name="newPassword"/>
    /// meet the password rules. Any required change is then met; every session ends (the caller signs this browser in
    /// again); audited (<see cref="AuditAction.PasswordChanged"/>). Returns false when the current password is wrong
    /// (nothing changes).
    /// </summary>
    /// <exception cref="ValidationFailedException">Field "NewPassword": Identity refused the new password (every reason).</exception>
    public async Task<bool> ChangeOwnPasswordAsync(WaymarkUser user, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        if (!await users.CheckPasswordAsync(user, currentPassword)) return false;
        user.PasswordChangeRequiredAt = null;
        user.PasswordChangeRequiredBy = null;
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            await db.Entry(user).ReloadAsync(ct);
            throw new ValidationFailedException(changed.Errors.Select(e => new ValidationProblem("NewPassword", e.Description.TrimEnd('.'))));
        }
        await audit.RecordNowAsync(AuditAction.PasswordChanged, "User", user.Id, ct: ct);
        await members.SignOutEverywhereAsync(user.Id, SessionEndReason.PasswordChanged, ct);
        return true;
    }

    /// <summary>How many accounts hold the Administrator role and are not deactivated.</summary>
    public Task<int> ActiveAdministratorsAsync(CancellationToken ct = default) =>
        db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => x.Name == Roles.Administrator)
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => u)
            .CountAsync(u => u.DeactivatedAt == null, ct);

    /// <summary>Whether <paramref name="email"/> is one address (System.Net.Mail's reading, without a display name).</summary>
    private static bool IsEmail(string email) =>
        System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && !email.Any(char.IsWhiteSpace);

    /// <summary>The account, tracked, with its concurrency check set to <paramref name="expectedStamp"/>.</summary>
    private async Task<WaymarkUser> ForChangeAsync(string userId, string? expectedStamp)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new KeyNotFoundException("No such account.");
        if (expectedStamp is null || user.ConcurrencyStamp != expectedStamp) throw new ConcurrencyConflictException(ConflictMessage);
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = expectedStamp;
        return user;
    }

    /// <summary>Saves the account (and anything added to the unit of work, e.g. its audit event) through Identity, whose save checks the concurrency stamp.</summary>
    private async Task UpdateAsync(WaymarkUser user)
    {
        var result = await users.UpdateAsync(user);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))) throw new ConcurrencyConflictException(ConflictMessage);
        Check(result, "");
    }

    /// <summary>Runs <paramref name="work"/> (several Identity saves) in one transaction, under the provider's execution strategy.</summary>
    private async Task InTransactionAsync(Func<Task> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await work();
            return;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await work();
            await tx.CommitAsync(ct);
        });
    }

    private static void Check(IdentityResult r, string field)
    {
        if (r.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))) throw new ConcurrencyConflictException(ConflictMessage);
        if (!r.Succeeded) throw new ValidationFailedException(r.Errors.Select(e => new ValidationProblem(field, e.Description.TrimEnd('.'))));
    }
}
