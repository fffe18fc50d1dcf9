using Waymark.Persistence;

namespace Waymark.Teams;

/// <summary>
/// One sign-in: who, for which team, when it started, and when, by whom and why it ended (ADR 4: who-and-when,
/// not flags). Its <see cref="Id"/> travels in the sign-in cookie; a cookie whose session has ended, or started
/// more than <c>Security:AbsoluteSessionHours</c> ago, is refused on its next request (docs/security.md, "Sessions").
/// </summary>
[NotTeamScoped("Read before any team is known (on every request, to accept or refuse the cookie).")]
public class UserSession
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string UserId { get; set; }
    /// <summary>The team the user works in for this sign-in; null until they choose one.</summary>
    public Guid? TeamId { get; set; }
    /// <summary>When the password (and second factor, if any) was accepted, UTC.</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>When the session was ended; null while it is live (it may still have expired: see <see cref="UserSessions"/>).</summary>
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>The user id of whoever ended it (the user themselves, a manager, an administrator, or "system").</summary>
    public string? EndedBy { get; set; }
    public SessionEndReason? EndReason { get; set; }
}

/// <summary>Why a session ended. Stored by name, so never rename a member.</summary>
public enum SessionEndReason
{
    /// <summary>The user signed out of this session.</summary>
    SignedOut,
    /// <summary>"Sign out everywhere", by the user or by their team manager.</summary>
    SignedOutEverywhere,
    /// <summary>The password was changed or reset.</summary>
    PasswordChanged,
    /// <summary>An administrator reset the user's two-factor authentication.</summary>
    TwoFactorReset,
    /// <summary>The user's membership of the session's team was withdrawn.</summary>
    MembershipWithdrawn,
    /// <summary>The absolute session lifetime was reached (noticed on the next request).</summary>
    Expired,
    /// <summary>An administrator deactivated the account.</summary>
    Deactivated,
    /// <summary>An administrator changed the user's role, so their permissions change at the next sign-in.</summary>
    RoleChanged,
}
