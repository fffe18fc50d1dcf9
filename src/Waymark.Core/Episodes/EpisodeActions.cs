using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Persistence;

namespace Waymark.Episodes;

public enum Milestone { Screened, Assessed, SupportStarted }

/// <summary>
/// Changes to an episode. Each loads through the team filter, lets the episode's own rules accept or
/// refuse the step, checks nobody saved in between, and commits with its audit event.
/// Only the team that holds an episode may change it; others see it read-only.
/// </summary>
public class EpisodeActions(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    public Task<Episode?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Episodes.Include(e => e.Person).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>
    /// Records a milestone. Starting support also sets the team's default planned end (time-limited case management)
    /// when the episode has none and the team has a length of support (<see cref="Support.SupportSettings.SupportMonths"/>),
    /// recorded as a <see cref="PlannedEndChange"/> in the same save.
    /// </summary>
    /// <exception cref="EpisodeRuleException">The step is refused (closed, already recorded, another team).</exception>
    /// <exception cref="ConcurrencyConflictException">The episode changed since <paramref name="version"/>.</exception>
    public Task RecordAsync(Guid id, Guid version, Milestone m, CancellationToken ct = default) =>
        ChangeAsync(id, version, async e =>
        {
            var now = clock.GetUtcNow();
            switch (m)
            {
                case Milestone.Screened: e.RecordScreened(user.UserId!, now); break;
                case Milestone.Assessed: e.RecordAssessed(user.UserId!, now); break;
                default:
                    e.StartSupport(user.UserId!, now);
                    if (await DefaultPlannedEnd.ApplyAsync(db, e, user.UserId!, now, ct) is { } planned)
                        return (AuditAction.Updated, $"Recorded {m}; {planned}");
                    break;
            }
            return (AuditAction.Updated, $"Recorded {m}");
        }, StaleChange, ct);

    public Task CloseAsync(Guid id, Guid version, ClosureReason reason, string? note, CancellationToken ct = default) =>
        ChangeAsync(id, version, e =>
        {
            e.Close(user.UserId!, clock.GetUtcNow(), reason, note);
            return (AuditAction.Closed, $"Closed: {ClosureReasons.Display(reason)}");
        }, ct);

    /// <summary>
    /// Sets, changes or removes the planned end, recording who, when, from, to and why (<see cref="Episode.ChangePlannedEnd"/>:
    /// a reason is required once one is set).
    /// </summary>
    /// <exception cref="ValidationFailedException">The date is unchanged, or the reason is missing or too long.</exception>
    /// <exception cref="EpisodeRuleException">Closed, another team's, or the date is out of range.</exception>
    /// <exception cref="ConcurrencyConflictException">The episode changed since <paramref name="version"/>.</exception>
    public Task SetPlannedEndAsync(Guid id, Guid version, DateOnly? end, string? reason = null, CancellationToken ct = default) =>
        ChangeAsync(id, version, e =>
        {
            var change = e.ChangePlannedEnd(end, reason, user.UserId!, clock.GetUtcNow());
            db.Set<PlannedEndChange>().Add(change);
            var what = change.From is null ? "Set" : end is null ? "Removed" : end > change.From ? "Extended" : "Brought forward";
            // The reason is free text (it may name the person or their circumstances): the audit says what changed, the row says why.
            return (AuditAction.Updated, end is null ? $"Planned end removed (was {change.From:yyyy-MM-dd})" : $"Planned end {what.ToLowerInvariant()}: {change.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none"} to {end:yyyy-MM-dd}");
        }, ct);

    /// <summary>The episode's planned-end changes, newest first (the history shown with the form).</summary>
    public async Task<IReadOnlyList<PlannedEndChange>> PlannedEndChangesAsync(Guid episodeId, CancellationToken ct = default) =>
        await db.Set<PlannedEndChange>().AsNoTracking().Where(c => c.EpisodeId == episodeId)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).ToListAsync(ct);

    public Task AllocateAsync(Guid id, Guid version, string? keyWorkerId, CancellationToken ct = default) =>
        ChangeAsync(id, version, async e =>
        {
            if (keyWorkerId is not null && !await db.TeamMemberships.AnyAsync(m => m.TeamId == e.TeamId && m.UserId == keyWorkerId, ct))
                throw new EpisodeRuleException("The key worker must be a member of the team.");
            e.Allocate(keyWorkerId, user.UserId!, clock.GetUtcNow());
            return (AuditAction.Allocated, keyWorkerId is null ? "Key worker removed" : $"Key worker {keyWorkerId}");
        }, StaleChange, ct);

    /// <summary>
    /// The signed-in user takes an unallocated episode of their team (becomes its key worker), with an audit event. No
    /// version is asked for: whatever else changed, taking is only refused when someone already holds the episode, and
    /// then the refusal names them.
    /// </summary>
    /// <exception cref="EpisodeRuleException">Closed, already allocated (names the key worker), or the user holds no caseload in the team.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone changed the episode while it was being saved.</exception>
    public Task TakeAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, null, async e =>
        {
            var me = user.UserId!;
            if (e.KeyWorkerId is { } holder && holder != me && e.IsOpen)
            {
                var name = await db.Users.Where(u => u.Id == holder).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
                throw new EpisodeRuleException($"{name ?? "Someone else"} is already the key worker for this episode. Ask your team manager if it should change.");
            }
            if (e.IsOpen && !await Caseload.Capacity.IsCaseWorkerAsync(db, e.TeamId, me, ct))
                throw new EpisodeRuleException("Only members of this team who hold a caseload can be key workers.");
            e.Take(me, clock.GetUtcNow());
            return (AuditAction.Allocated, "Took the episode as key worker");
        }, "Someone else changed this episode at the same moment. It has not been allocated to you. Check the episode as it is now and try again.", ct);

    private const string StaleChange =
        "Someone else changed this episode while you were looking at it. Your change has not been saved. Check the episode as it is now and try again.";

    // The episode's own methods refuse steps a closed episode cannot take, each saying which.
    private Task ChangeAsync(Guid id, Guid version, Func<Episode, (AuditAction, string)> change, CancellationToken ct) =>
        ChangeAsync(id, version, e => Task.FromResult(change(e)), StaleChange, ct);

    /// <summary>
    /// Loads the team's episode, lets <paramref name="change"/> apply (or refuse) the step, and saves it with its audit
    /// event. With a <paramref name="version"/> the save is refused if the episode changed since the user saw it; without
    /// one (taking) only a change made at the same moment is, with <paramref name="conflict"/>.
    /// </summary>
    private async Task ChangeAsync(Guid id, Guid? version, Func<Episode, Task<(AuditAction, string)>> change, string conflict, CancellationToken ct)
    {
        var e = await db.EpisodeOfTeamAsync(user, id, ct);
        var (action, detail) = await change(e);
        if (version is { } v) db.ExpectVersion(e, v);
        audit.Add(action, "Episode", id.ToString(), e.PersonId, detail);
        await db.SaveOrConflictAsync(conflict, ct);
    }
}
