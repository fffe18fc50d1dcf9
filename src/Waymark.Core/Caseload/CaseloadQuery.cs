using Microsoft.EntityFrameworkCore;
using Waymark.Contacts;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Support;

namespace Waymark.Caseload;

/// <summary>What a caseload view shows; every member narrows the team's episodes (or, for the last two, orders them).</summary>
/// <param name="NotInTouchOnly">Only open episodes that are not in touch (<see cref="Support.Engagement"/>).</param>
/// <param name="LongestOutOfTouchFirst">Order by the engagement moment (<see cref="Support.Engagement.LastSeen"/>: the latest of
/// identification, screening, assessment and the last successful contact), oldest first.</param>
public record CaseloadFilter(
    string? KeyWorkerId = null,
    bool UnallocatedOnly = false,
    EpisodeStatus? Status = null,
    Setting? Setting = null,
    bool? Youth = null,
    bool OverdueOnly = false,
    bool AssessmentOverdueOnly = false,
    bool FollowUpOverdueOnly = false,
    bool NotScreenedOnly = false,
    bool MostUrgentFirst = false,
    bool ScreeningOrAssessmentDueOnly = false,
    bool NotInTouchOnly = false,
    bool LongestOutOfTouchFirst = false);

public record CaseloadRow(
    Guid EpisodeId, Guid PersonId, string GivenName, string FamilyName, DateOnly? DateOfBirth,
    Setting Setting, bool IsYouth, DateTimeOffset IdentifiedAt, string? KeyWorkerId, string? KeyWorkerName,
    DateOnly? PlannedEndDate, EpisodeStatus Status, bool Overdue,
    DateTimeOffset? AssessmentDueAt = null, bool AssessmentOverdue = false, bool FollowUpOverdue = false,
    Screening.Urgency? Urgency = null, CriminalJustice.ClockState? WorstClock = null,
    DateTimeOffset? LastContactAt = null, bool NotInTouch = false,
    DateTimeOffset? ScreenedAt = null, DateTimeOffset? AssessedAt = null)
{
    /// <summary>The engagement moment (<see cref="Support.Engagement.LastSeen"/>): the latest of identification, screening, assessment and the last successful contact.</summary>
    public DateTimeOffset LastSeenAt => Support.Engagement.LastSeen(LastContactAt, IdentifiedAt, ScreenedAt, AssessedAt);

    /// <summary>
    /// Someone has been in touch with the person since identification: screening, assessment or a successful contact by
    /// the team after it. The flag then reads "last contact" with <see cref="LastSeenAt"/>; otherwise "no contact since
    /// identification".
    /// </summary>
    public bool HasContactSinceIdentification => LastSeenAt > IdentifiedAt;

    /// <summary>Screening has not been recorded yet (the episode is still at identification, or closed without it).</summary>
    public bool NotScreened => Status == EpisodeStatus.Identified;
}

public record CaseloadPage(IReadOnlyList<CaseloadRow> Rows, int PageNumber, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A team's episodes, filtered and paged, in one query with the person and key worker joined in.</summary>
public class CaseloadQuery(WaymarkDbContext db, TimeProvider clock)
{
    public const int PageSize = 25;

    /// <summary>
    /// One page (<see cref="PageSize"/> rows, 1-based <paramref name="page"/>) of the team's episodes matching <paramref name="f"/>,
    /// newest first, or with <see cref="CaseloadFilter.MostUrgentFirst"/> in <see cref="CaseloadQueue.MostUrgentFirst"/> order.
    /// <paramref name="knownTotal"/> is the number matching when the caller already counted them (the page's
    /// capacity figures do for the unfiltered views), which saves counting again.
    /// </summary>
    public async Task<CaseloadPage> RunAsync(Guid teamId, CaseloadFilter f, int page = 1, int? knownTotal = null, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var today = Today();
        var q = db.Episodes.Where(e => e.TeamId == teamId);
        q = f.Status switch
        {
            null => q.Where(e => e.ClosedAt == null), // the caseload is open work unless asked otherwise
            EpisodeStatus.Closed => q.Where(e => e.ClosedAt != null),
            EpisodeStatus.InSupport => q.Where(e => e.ClosedAt == null && e.SupportStartedAt != null),
            EpisodeStatus.Assessed => q.Where(e => e.ClosedAt == null && e.SupportStartedAt == null && e.AssessedAt != null),
            EpisodeStatus.Screened => q.Where(e => e.ClosedAt == null && e.SupportStartedAt == null && e.AssessedAt == null && e.ScreenedAt != null),
            _ => q.Where(e => e.ClosedAt == null && e.SupportStartedAt == null && e.AssessedAt == null && e.ScreenedAt == null),
        };
        if (f.UnallocatedOnly) q = q.Where(e => e.KeyWorkerId == null);
        else if (f.KeyWorkerId is { } kw) q = q.Where(e => e.KeyWorkerId == kw);
        if (f.Setting is { } s) q = q.Where(e => e.Setting == s);
        if (f.Youth is { } y) q = q.Where(e => e.IsYouth == y);
        if (f.OverdueOnly) q = q.Where(e => e.ClosedAt == null && e.PlannedEndDate != null && e.PlannedEndDate < today);
        var now = clock.GetUtcNow();
        if (f.AssessmentOverdueOnly) q = q.Where(e => e.ClosedAt == null && e.AssessedAt == null && e.AssessmentDueAt != null && e.AssessmentDueAt < now);
        if (f.FollowUpOverdueOnly) q = q.Where(e => db.FollowUpTasks.Any(t => t.EpisodeId == e.Id && t.DoneAt == null && t.ClosedAt == null && t.DueAt < now));
        if (f.NotScreenedOnly) q = q.Where(e => e.ScreenedAt == null);
        // "My tasks": what the key worker must do next on the episode itself (follow-ups are listed separately).
        if (f.ScreeningOrAssessmentDueOnly) q = q.Where(e => e.ClosedAt == null && (e.ScreenedAt == null || (e.AssessedAt == null && e.AssessmentDueAt != null)));
        var contacts = db.Set<Contact>();
        if (f.NotInTouchOnly)
        {
            // Engagement.IsNotInTouch in SQL: identified, screened and assessed (where done) before the threshold and no
            // successful contact by the team since it (one index probe on PersonId, TeamId, Reached, OccurredAt per episode).
            var threshold = Engagement.Threshold((await SupportSettingsOf.TeamAsync(db, teamId, ct)).NotInTouchDays, now);
            q = q.Where(e => e.ClosedAt == null && e.IdentifiedAt < threshold
                && (e.ScreenedAt == null || e.ScreenedAt < threshold) && (e.AssessedAt == null || e.AssessedAt < threshold)
                && !contacts.Any(c => c.PersonId == e.PersonId && c.TeamId == teamId && c.Reached && c.OccurredAt >= threshold && c.OccurredAt <= now
                    && c.EnteredInErrorAt == null && c.SupersededAt == null));
        }

        var total = knownTotal ?? await q.CountAsync(ct);
        var ordered = f.MostUrgentFirst ? CaseloadQueue.MostUrgentFirst(q)
            : f.LongestOutOfTouchFirst ? q
                // Engagement.LastSeen in SQL: the latest of identification, screening, assessment and the last contact after them.
                .Select(e => new
                {
                    Episode = e,
                    Seen = e.AssessedAt != null && e.AssessedAt > (e.ScreenedAt != null && e.ScreenedAt > e.IdentifiedAt ? e.ScreenedAt.Value : e.IdentifiedAt)
                        ? e.AssessedAt.Value
                        : e.ScreenedAt != null && e.ScreenedAt > e.IdentifiedAt ? e.ScreenedAt.Value : e.IdentifiedAt,
                })
                .OrderBy(x => contacts
                    .Where(c => c.PersonId == x.Episode.PersonId && c.TeamId == teamId && c.Reached && c.OccurredAt <= now && c.EnteredInErrorAt == null && c.SupersededAt == null
                        && c.OccurredAt > x.Seen)
                    .OrderByDescending(c => c.OccurredAt).Select(c => (DateTimeOffset?)c.OccurredAt).FirstOrDefault() ?? x.Seen)
                .ThenBy(x => x.Episode.Id).Select(x => x.Episode)
            : q.OrderByDescending(e => e.IdentifiedAt).ThenBy(e => e.Id);
        var rows = await ordered
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(e => new
            {
                e.Id, e.PersonId, e.Person!.GivenName, e.Person.FamilyName, e.Person.DateOfBirth,
                e.Setting, e.IsYouth, e.IdentifiedAt, e.KeyWorkerId,
                KeyWorkerName = db.Users.Where(u => u.Id == e.KeyWorkerId).Select(u => u.DisplayName).FirstOrDefault(),
                e.PlannedEndDate, e.ScreenedAt, e.AssessedAt, e.SupportStartedAt, e.ClosedAt, e.AssessmentDueAt,
                FollowUpOverdue = db.FollowUpTasks.Any(t => t.EpisodeId == e.Id && t.DoneAt == null && t.ClosedAt == null && t.DueAt < now),
                // The latest screening outcome's urgency (one index probe on EpisodeId, Sequence per row of the page).
                Urgency = db.ScreeningOutcomes.Where(o => o.EpisodeId == e.Id).OrderByDescending(o => o.Sequence)
                    .Select(o => (Screening.Urgency?)o.Urgency).FirstOrDefault(),
                // The episode's running criminal justice clocks (one index probe on EpisodeId, Kind per row of the page).
                ClockDue = db.Set<CriminalJustice.CriminalJusticeClock>().Where(c => c.EpisodeId == e.Id && c.StoppedOn == null).Min(c => (DateOnly?)c.DueOn),
                ClockNear = db.Set<CriminalJustice.CriminalJusticeClock>().Where(c => c.EpisodeId == e.Id && c.StoppedOn == null).Min(c => (DateOnly?)c.NearOn),
                // The latest successful contact with the person by this team, in any episode or after discharge (one index
                // probe on PersonId, TeamId, Reached, OccurredAt per row of the page).
                LastContactAt = contacts.Where(c => c.PersonId == e.PersonId && c.TeamId == teamId && c.Reached && c.OccurredAt <= now
                        && c.EnteredInErrorAt == null && c.SupersededAt == null)
                    .OrderByDescending(c => c.OccurredAt).Select(c => (DateTimeOffset?)c.OccurredAt).FirstOrDefault(),
                // The team's threshold, in the same query (the defaults when the team has not set one).
                NotInTouchDays = db.Set<SupportSettings>().Where(s => s.TeamId == teamId).Select(s => (int?)s.NotInTouchDays).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var result = rows.Select(r =>
        {
            var status = EpisodeStatuses.Derive(r.ScreenedAt, r.AssessedAt, r.SupportStartedAt, r.ClosedAt);
            return new CaseloadRow(r.Id, r.PersonId, r.GivenName, r.FamilyName, r.DateOfBirth, r.Setting, r.IsYouth,
                r.IdentifiedAt, r.KeyWorkerId, r.KeyWorkerName, r.PlannedEndDate, status,
                r.ClosedAt == null && r.PlannedEndDate is { } end && end < today,
                r.AssessedAt is null && r.ClosedAt is null ? r.AssessmentDueAt : null,
                Episode.IsAssessmentOverdue(r.ClosedAt, r.AssessedAt, r.AssessmentDueAt, now), r.FollowUpOverdue, r.Urgency,
                r.ClockDue < today ? CriminalJustice.ClockState.Breached : r.ClockNear <= today ? CriminalJustice.ClockState.NearBreach : null,
                r.LastContactAt,
                r.ClosedAt == null && Engagement.IsNotInTouch(r.LastContactAt, r.IdentifiedAt, r.ScreenedAt, r.AssessedAt, r.NotInTouchDays ?? SupportSettings.DefaultNotInTouchDays, now),
                r.ScreenedAt, r.AssessedAt);
        }).ToList();
        return new CaseloadPage(result, page, PageSize, total);
    }

    private DateOnly Today() => UkTime.Today(clock);
}

/// <summary>
/// The order of a queue of work waiting for someone (the unallocated episodes, a worker's screening and assessment tasks):
/// first episodes whose full assessment is due, soonest (most overdue) first; then episodes not yet screened, newest
/// first (the person identified an hour ago is probably still in custody or at court); then the rest, newest first. An
/// immediate case screened an hour ago is due within hours, so it comes before a routine one due next week however they
/// were identified.
/// </summary>
public static class CaseloadQueue
{
    /// <summary>Orders <paramref name="episodes"/> as described on <see cref="CaseloadQueue"/>; translates to SQL on both providers.</summary>
    public static IOrderedQueryable<Episode> MostUrgentFirst(IQueryable<Episode> episodes) => episodes
        .OrderBy(e => e.AssessedAt == null && e.AssessmentDueAt != null ? 0 : e.ScreenedAt == null ? 1 : 2)
        .ThenBy(e => e.AssessedAt == null ? e.AssessmentDueAt : null)
        .ThenByDescending(e => e.IdentifiedAt).ThenBy(e => e.Id);
}
