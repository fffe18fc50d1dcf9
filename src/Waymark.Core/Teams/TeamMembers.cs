using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Teams;

/// <summary>
/// What a team manager, an administrator or the command line does to a user's access: withdraw them from a team,
/// sign them out everywhere, reset their two-factor authentication, or record a new password. Each ends the
/// sessions it must (<see cref="UserSessions"/>) and is audited with the user's id as the record.
/// </summary>
public class TeamMembers(WaymarkDbContext db, UserSessions sessions, Auditor audit)
{
    /// <summary>The Identity token name under which recovery codes are kept ("[AspNetUserStore]" provider).</summary>
    public const string RecoveryCodesTokenProvider = "[AspNetUserStore]", RecoveryCodesTokenName = "RecoveryCodes";

    /// <summary>
    /// Withdraws <paramref name="userId"/> from <paramref name="teamId"/> and ends their sessions working in that team.
    /// False when they were not a member (nothing changes). The caller forgets any cached membership (web: TeamMembershipCache).
    /// </summary>
    public async Task<bool> WithdrawAsync(Guid teamId, string userId, CancellationToken ct = default)
    {
        var membership = await db.TeamMemberships.Include(m => m.Team)
            .FirstOrDefaultAsync(m => m.TeamId == teamId && m.UserId == userId, ct);
        if (membership is null) return false;
        db.TeamMemberships.Remove(membership);
        audit.Add(AuditAction.MembershipWithdrawn, "User", userId, detail: $"Withdrawn from {membership.Team!.Name}");
        await db.SaveChangesAsync(ct);
        await sessions.EndForTeamAsync(userId, teamId, SessionEndReason.MembershipWithdrawn, ct);
        return true;
    }

    /// <summary>Ends every session of <paramref name="userId"/> ("sign out everywhere") and audits it; returns how many were live.</summary>
    public async Task<int> SignOutEverywhereAsync(string userId, SessionEndReason reason = SessionEndReason.SignedOutEverywhere, CancellationToken ct = default)
    {
        var ended = await sessions.EndAllAsync(userId, reason, ct);
        await audit.RecordNowAsync(AuditAction.SessionsEnded, "User", userId, detail: $"{ended} session{(ended == 1 ? "" : "s")} ended ({reason})", ct: ct);
        return ended;
    }

    /// <summary>
    /// Turns off <paramref name="user"/>'s two-factor authentication: a new authenticator key (the old app's codes stop
    /// working), recovery codes removed, every session ended; audited. They enrol again at their next sign-in when their role requires it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Identity refused a step (the message lists its errors).</exception>
    public async Task ResetTwoFactorAsync(UserManager<WaymarkUser> users, WaymarkUser user, CancellationToken ct = default)
    {
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        Check(await users.RemoveAuthenticationTokenAsync(user, RecoveryCodesTokenProvider, RecoveryCodesTokenName));
        await audit.RecordNowAsync(AuditAction.TwoFactorReset, "User", user.Id, ct: ct);
        await SignOutEverywhereAsync(user.Id, SessionEndReason.TwoFactorReset, ct);
    }

    /// <summary>
    /// Ends the lockout of <paramref name="user"/> (after too many failed sign-ins) and clears their count of failures, so
    /// they can sign in now; audited. Their password and sessions are unchanged.
    /// </summary>
    /// <exception cref="InvalidOperationException">Identity refused the change.</exception>
    public async Task UnlockAsync(UserManager<WaymarkUser> users, WaymarkUser user, CancellationToken ct = default)
    {
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        await audit.RecordNowAsync(AuditAction.Unlocked, "User", user.Id, ct: ct);
    }

    /// <summary>After a password was changed or reset: ends every session of <paramref name="userId"/> and audits both.</summary>
    public async Task PasswordChangedAsync(string userId, CancellationToken ct = default)
    {
        await audit.RecordNowAsync(AuditAction.PasswordReset, "User", userId, ct: ct);
        await SignOutEverywhereAsync(userId, SessionEndReason.PasswordChanged, ct);
    }

    private static void Check(IdentityResult r)
    {
        if (!r.Succeeded) throw new InvalidOperationException(string.Join(" ", r.Errors.Select(e => e.Description)));
    }
}

/// <summary>The Teams capability's services (sessions, membership and account security).</summary>
public static class TeamsRegistration
{
    /// <summary>Registers <see cref="UserSessions"/>, <see cref="TeamMembers"/> and <see cref="UserAccounts"/> (scoped).</summary>
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddScoped<UserSessions>();
        services.AddScoped<TeamMembers>();
        services.AddScoped<UserAccounts>();
        return services;
    }
}
