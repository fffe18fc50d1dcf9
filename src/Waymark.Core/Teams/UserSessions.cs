using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Persistence;

namespace Waymark.Teams;

/// <summary>What <see cref="UserSessions.CheckAsync"/> found of a cookie's session.</summary>
public enum SessionState
{
    /// <summary>Live: the cookie may be used.</summary>
    Active,
    /// <summary>No such session, another user's, or ended: refuse the cookie.</summary>
    Ended,
    /// <summary>Started longer ago than the absolute lifetime: refuse the cookie (the session is now marked ended).</summary>
    Expired,
}

/// <summary>
/// Server-side sign-in sessions (<see cref="UserSession"/>): started at sign-in, checked on every request by the
/// web app (one primary-key read), ended by signing out, "sign out everywhere", a password change or reset, a
/// two-factor reset, or withdrawal from a team. Ending writes directly (one UPDATE), not through the unit of work.
/// </summary>
public class UserSessions(WaymarkDbContext db, TimeProvider clock, ICurrentUser actor)
{
    /// <summary>Starts a session for <paramref name="userId"/> working in <paramref name="teamId"/> (null: not chosen yet); returns its id.</summary>
    public async Task<Guid> StartAsync(string userId, Guid? teamId, CancellationToken ct = default)
    {
        var session = new UserSession { UserId = userId, TeamId = teamId, StartedAt = clock.GetUtcNow() };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>Records the team a live session now works in (the user chose or changed team). False when the session is not live.</summary>
    public async Task<bool> SetTeamAsync(Guid sessionId, string userId, Guid? teamId, CancellationToken ct = default) =>
        await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.TeamId, teamId), ct) == 1;

    /// <summary>
    /// Whether the session <paramref name="sessionId"/> of <paramref name="userId"/> is live: not ended and started less than
    /// <paramref name="absoluteLifetime"/> ago. An expired one is marked ended (reason <see cref="SessionEndReason.Expired"/>).
    /// </summary>
    public async Task<SessionState> CheckAsync(Guid sessionId, string userId, TimeSpan absoluteLifetime, CancellationToken ct = default)
    {
        var found = await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.UserId, s.StartedAt, s.EndedAt }).FirstOrDefaultAsync(ct);
        if (found is null || found.UserId != userId || found.EndedAt is not null) return SessionState.Ended;
        var now = clock.GetUtcNow();
        if (found.StartedAt + absoluteLifetime > now) return SessionState.Active;
        await EndWhereAsync(db.UserSessions.Where(s => s.Id == sessionId), SessionEndReason.Expired, "system", ct);
        return SessionState.Expired;
    }

    /// <summary>Ends one session (signing out). Returns whether it was live.</summary>
    public async Task<bool> EndAsync(Guid sessionId, string userId, SessionEndReason reason, CancellationToken ct = default) =>
        await EndWhereAsync(db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId), reason, actor.UserId, ct) == 1;

    /// <summary>
    /// Ends every live session of <paramref name="userId"/> and records when (<see cref="WaymarkUser.SessionsEndedAt"/>),
    /// so that a sign-in waiting for its second factor is ended too; returns how many sessions were live.
    /// </summary>
    public async Task<int> EndAllAsync(string userId, SessionEndReason reason, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.SessionsEndedAt, now), ct);
        return await EndWhereAsync(db.UserSessions.Where(s => s.UserId == userId), reason, actor.UserId, ct);
    }

    /// <summary>
    /// Whether a sign-in of <paramref name="user"/> whose password step was at <paramref name="passwordStepAt"/> may still
    /// be completed by its second factor: not if every session was ended since (or the time is unknown).
    /// </summary>
    public static bool PendingSignInStillValid(WaymarkUser user, DateTimeOffset? passwordStepAt) =>
        passwordStepAt is { } at && (user.SessionsEndedAt is not { } ended || ended < at);

    /// <summary>Ends the live sessions of <paramref name="userId"/> working in <paramref name="teamId"/>; returns how many were live.</summary>
    public Task<int> EndForTeamAsync(string userId, Guid teamId, SessionEndReason reason, CancellationToken ct = default) =>
        EndWhereAsync(db.UserSessions.Where(s => s.UserId == userId && s.TeamId == teamId), reason, actor.UserId, ct);

    private Task<int> EndWhereAsync(IQueryable<UserSession> sessions, SessionEndReason reason, string? by, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return sessions.Where(s => s.EndedAt == null).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.EndedAt, now)
            .SetProperty(s => s.EndedBy, by ?? "system")
            .SetProperty(s => s.EndReason, reason), ct);
    }
}
