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
    public List<TeamMembership> Memberships { get; set; } = [];
}
