using Microsoft.AspNetCore.Identity;
using Waymark.Persistence;

namespace Waymark.Teams;

[NotTeamScoped("Sign-in accounts; a user reaches teams through TeamMembership.")]
public class WaymarkUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>
    /// The RFC 6238 time step (Unix seconds / 30) of the last authenticator code accepted for this user; a code of this
    /// step or an earlier one is refused, so each code works once (see the web app's OnceOnlyAuthenticatorTokenProvider).
    /// </summary>
    public long? LastTotpStep { get; set; }
    /// <summary>
    /// When every session of this user was last ended at once (sign out everywhere, password changed or reset, two-factor
    /// reset; UTC). A sign-in still waiting for its second factor that began before this is refused: it is an earlier
    /// sign-in too. Null when it never happened.
    /// </summary>
    public DateTimeOffset? SessionsEndedAt { get; set; }
    /// <summary>
    /// When an administrator deactivated this account (UTC); null while it is active. A deactivated user cannot sign in
    /// (the web app's sign-in manager refuses them) and every session of theirs was ended when it was set. The account and
    /// its work stay in the records and the audit trail.
    /// </summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
    /// <summary>The user id of the administrator who deactivated the account; null while it is active.</summary>
    public string? DeactivatedBy { get; set; }
    /// <summary>
    /// When someone required this user to set a new password at their next sign-in (UTC): a one-time password was issued
    /// (a new account, a forgotten password) or an administrator forced a change. Until they change it, every page but the
    /// account pages sends them to change it. Null when no change is required.
    /// </summary>
    public DateTimeOffset? PasswordChangeRequiredAt { get; set; }
    /// <summary>The user id of whoever required the change ("system" or a command-line name for the CLI); null with <see cref="PasswordChangeRequiredAt"/>.</summary>
    public string? PasswordChangeRequiredBy { get; set; }
    public List<TeamMembership> Memberships { get; set; } = [];
}
