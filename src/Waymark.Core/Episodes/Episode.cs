using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Episodes;

/// <summary>
/// One L&amp;D episode, from identification to closure. Progress is recorded as who-and-when
/// milestones; <see cref="Status"/> is derived from them, so history is never lost.
/// </summary>
public class Episode : IVersioned, IPersonHistory
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public Guid TeamId { get; set; }

    // Identification
    public Setting Setting { get; set; }
    public string? SettingReference { get; set; }
    /// <summary>Who flagged the person, e.g. "Custody sergeant" or "the person themselves".</summary>
    public required string IdentifiedBySource { get; set; }
    public required string IdentificationReason { get; set; }
    /// <summary>Vulnerability prompt codes, space separated.</summary>
    public string VulnerabilityPrompts { get; set; } = "";
    /// <summary>Age when identified; under 18 is a youth episode.</summary>
    public int? AgeAtIdentification { get; set; }
    public bool IsYouth { get; set; }

    public DateTimeOffset IdentifiedAt { get; set; }
    public required string IdentifiedByUserId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset? ScreenedAt { get; set; }
    public string? ScreenedByUserId { get; set; }
    /// <summary>When a full assessment is due, from the latest screening outcome and the team's targets.</summary>
    public DateTimeOffset? AssessmentDueAt { get; set; }
    public DateTimeOffset? AssessedAt { get; set; }
    public string? AssessedByUserId { get; set; }
    public DateTimeOffset? SupportStartedAt { get; set; }
    public string? SupportStartedByUserId { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedByUserId { get; set; }
    public ClosureReason? ClosureReason { get; set; }
    public string? ClosureNote { get; set; }

    public string? KeyWorkerId { get; set; }
    public DateTimeOffset? AllocatedAt { get; set; }
    public string? AllocatedByUserId { get; set; }
    public DateOnly? PlannedEndDate { get; set; }
    /// <summary>The earlier (closed) episode this one reopened support from, e.g. after a drop-in; null for a new identification.</summary>
    public Guid? ReopenedFromEpisodeId { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public EpisodeStatus Status => EpisodeStatuses.Derive(ScreenedAt, AssessedAt, SupportStartedAt, ClosedAt);

    public bool IsOpen => ClosedAt is null;

    public bool IsOverdue(DateOnly today) => IsOpen && PlannedEndDate is { } end && end < today;

    /// <summary>A full assessment was due by now and has not been completed.</summary>
    public bool IsAssessmentOverdue(DateTimeOffset now) => IsAssessmentOverdue(ClosedAt, AssessedAt, AssessmentDueAt, now);

    public static bool IsAssessmentOverdue(DateTimeOffset? closedAt, DateTimeOffset? assessedAt, DateTimeOffset? dueAt, DateTimeOffset now) =>
        closedAt is null && assessedAt is null && dueAt is { } due && due < now;

    public IEnumerable<string> Vulnerabilities =>
        VulnerabilityPrompts.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void RecordScreened(string userId, DateTimeOffset at)
    {
        EnsureOpen("record screening");
        if (ScreenedAt is not null) throw new EpisodeRuleException("Screening has already been recorded for this episode.");
        EnsureNotBeforeIdentification(at);
        (ScreenedAt, ScreenedByUserId) = (at, userId);
    }

    public void RecordAssessed(string userId, DateTimeOffset at)
    {
        EnsureOpen("record an assessment");
        if (AssessedAt is not null) throw new EpisodeRuleException("An assessment has already been recorded for this episode.");
        EnsureNotBeforeIdentification(at);
        (AssessedAt, AssessedByUserId) = (at, userId);
    }

    public void StartSupport(string userId, DateTimeOffset at)
    {
        EnsureOpen("start support");
        if (SupportStartedAt is not null) throw new EpisodeRuleException("Support has already started for this episode.");
        EnsureNotBeforeIdentification(at);
        (SupportStartedAt, SupportStartedByUserId) = (at, userId);
    }

    public void Close(string userId, DateTimeOffset at, ClosureReason reason, string? note)
    {
        EnsureOpen("close it");
        EnsureNotBeforeIdentification(at);
        (ClosedAt, ClosedByUserId, ClosureReason, ClosureNote) = (at, userId, reason, note);
    }

    public void Allocate(string? keyWorkerId, string byUserId, DateTimeOffset at)
    {
        EnsureOpen("allocate it");
        (KeyWorkerId, AllocatedByUserId, AllocatedAt) = (keyWorkerId, byUserId, at);
    }

    /// <summary>
    /// <paramref name="userId"/> takes the episode: they become its key worker, recorded as allocated by themselves at
    /// <paramref name="at"/>. Only an episode without a key worker can be taken; changing a key worker is allocation.
    /// </summary>
    /// <exception cref="EpisodeRuleException">The episode is closed, or already has a key worker.</exception>
    public void Take(string userId, DateTimeOffset at)
    {
        EnsureOpen("take it");
        if (KeyWorkerId == userId) throw new EpisodeRuleException("You are already the key worker for this episode.");
        if (KeyWorkerId is not null) throw new EpisodeRuleException("This episode already has a key worker. Ask your team manager if it should change.");
        (KeyWorkerId, AllocatedByUserId, AllocatedAt) = (userId, userId, at);
    }

    /// <summary>Sets or clears the date support is planned to end.</summary>
    /// <param name="end">The planned end (a UK date), or null to remove it.</param>
    /// <param name="now">The current instant, for the limit on how far ahead it may be (<see cref="EpisodeDates.PlannedDay"/>).</param>
    /// <exception cref="EpisodeRuleException">
    /// The episode is closed, or <paramref name="end"/> is before the person was identified or more than
    /// <see cref="EpisodeDates.YearsAhead"/> years ahead.
    /// </exception>
    public void SetPlannedEnd(DateOnly? end, DateTimeOffset now)
    {
        EnsureOpen("change its planned end date");
        if (end is { } d && Dates(now).PlannedDay(d, "The planned end date") is { } why)
            throw new EpisodeRuleException(why);
        PlannedEndDate = end;
    }

    /// <summary>
    /// Changes the planned end (time-limited case management) and says how, for the episode's list of changes. Setting it
    /// the first time needs no reason ("Set"); once one is set, extending it, bringing it forward or removing it needs a
    /// reason (issue 13: "extensions with a reason").
    /// </summary>
    /// <param name="end">The new planned end (a UK date), or null to remove it.</param>
    /// <param name="reason">Why; required when a planned end is already set. Up to <see cref="PlannedEnds.MaxReason"/> characters.</param>
    /// <param name="userId">Who changed it.</param>
    /// <param name="now">When.</param>
    /// <returns>The change to store beside the episode.</returns>
    /// <exception cref="ValidationFailedException">
    /// Every problem: the date is unchanged ("PlannedEnd"), the reason is missing or too long ("Reason").
    /// </exception>
    /// <exception cref="EpisodeRuleException">The episode is closed, or the date is out of range (<see cref="SetPlannedEnd"/>).</exception>
    public PlannedEndChange ChangePlannedEnd(DateOnly? end, string? reason, string userId, DateTimeOffset now)
    {
        EnsureOpen("change its planned end date");
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var problems = new List<(string, string)>();
        if (end == PlannedEndDate)
            problems.Add(("PlannedEnd", end is null ? "Enter a planned end date" : "Enter a different date: this is the planned end already"));
        else if (PlannedEndDate is { } current && why is null)
            problems.Add(("Reason", end is null ? "Enter why the planned end is being removed"
                : end > current ? "Enter why support is being extended" : "Enter why the planned end is being brought forward"));
        if (why is { Length: > PlannedEnds.MaxReason }) problems.Add(("Reason", $"Reason must be {PlannedEnds.MaxReason} characters or fewer"));
        ValidationFailedException.ThrowIfAny(problems);
        var from = PlannedEndDate;
        SetPlannedEnd(end, now);
        return new PlannedEndChange
        {
            TeamId = TeamId, PersonId = PersonId, EpisodeId = Id, From = from, To = end,
            Reason = why ?? PlannedEnds.FirstSetReason, ChangedAt = now, ChangedByUserId = userId,
        };
    }

    /// <summary>
    /// When support starts: sets the team's default planned end (<see cref="PlannedEnds.Default"/>) unless one is set
    /// already or the team has no default.
    /// </summary>
    /// <param name="months">The team's length of support in months (<c>SupportSettings.SupportMonths</c>), or null for none.</param>
    /// <param name="userId">Who started support.</param>
    /// <param name="at">When support started.</param>
    /// <returns>The change to store, or null when nothing was set.</returns>
    /// <exception cref="EpisodeRuleException">The episode is closed, or the default is out of range.</exception>
    public PlannedEndChange? SetDefaultPlannedEnd(int? months, string userId, DateTimeOffset at)
    {
        if (PlannedEndDate is not null || months is not { } m) return null;
        var end = PlannedEnds.Default(at, m);
        SetPlannedEnd(end, at);
        return new PlannedEndChange
        {
            TeamId = TeamId, PersonId = PersonId, EpisodeId = Id, From = null, To = end,
            Reason = PlannedEnds.DefaultReason(m), ChangedAt = at, ChangedByUserId = userId,
        };
    }

    /// <summary>
    /// A new episode that reopens support after <paramref name="last"/> closed (issue 14 item 3: a person who drops in is
    /// not referred again): linked to it (<see cref="ReopenedFromEpisodeId"/>), a self-referral identified at
    /// <paramref name="now"/> by <paramref name="userId"/>, who becomes the key worker. Unless <paramref name="screenAgain"/>,
    /// support starts at once (status In support) without screening; with it the episode starts at Identified and the
    /// normal screening flow follows. The caller sets the team's default planned end (<see cref="SetDefaultPlannedEnd"/>)
    /// when support started.
    /// </summary>
    /// <param name="last">The person's latest episode with the team; it must be closed.</param>
    /// <param name="userId">Who reopened support (a practitioner or team manager).</param>
    /// <param name="now">When.</param>
    /// <param name="screenAgain">True to start at Identified and screen again.</param>
    /// <param name="ageNow">The person's age in whole years today, or null when their date of birth is not known.</param>
    /// <exception cref="EpisodeRuleException"><paramref name="last"/> is still open.</exception>
    public static Episode ReopenFrom(Episode last, string userId, DateTimeOffset now, bool screenAgain, int? ageNow)
    {
        if (last.ClosedAt is null) throw new EpisodeRuleException("This episode is still open, so support cannot be reopened from it.");
        var e = new Episode
        {
            PersonId = last.PersonId,
            TeamId = last.TeamId,
            Setting = Setting.SelfReferral,
            IdentifiedBySource = "The person themselves (drop-in)",
            IdentificationReason = screenAgain ? "Came back at a drop-in; support reopened, to be screened again" : "Came back at a drop-in; support reopened",
            AgeAtIdentification = ageNow,
            IsYouth = ageNow is < 18,
            IdentifiedAt = now,
            IdentifiedByUserId = userId,
            RecordedAt = now,
            ReopenedFromEpisodeId = last.Id,
        };
        e.Allocate(userId, userId, now);
        if (!screenAgain) e.StartSupport(userId, now);
        return e;
    }

    /// <summary>The dates this episode's events can have, as of <paramref name="now"/>: the one rule for them all.</summary>
    public EpisodeDates Dates(DateTimeOffset now) => new(IdentifiedAt, now);

    /// <summary>
    /// Why a closed episode refuses <paramref name="action"/>, in the same words wherever it is refused.
    /// The date is the UK date it closed, in the current culture's month names.
    /// </summary>
    /// <param name="closedAt">When the episode was closed.</param>
    /// <param name="action">Finishes "so you cannot …", e.g. "record screening".</param>
    public static string ClosedRefusal(DateTimeOffset closedAt, string action) =>
        $"This episode was closed on {UkTime.DateOf(closedAt):d MMMM yyyy}, so you cannot {action}. Open a new episode instead.";

    private void EnsureOpen(string action)
    {
        if (ClosedAt is { } closedAt) throw new EpisodeRuleException(ClosedRefusal(closedAt, action));
    }

    private void EnsureNotBeforeIdentification(DateTimeOffset at)
    {
        // Steps are recorded as they happen (at is now), so only the start of the episode can refuse them.
        if (Dates(at).Past(at) is { } why) throw new EpisodeRuleException(why);
    }
}

/// <summary>A step the episode's rules refuse, with a message a practitioner can act on.</summary>
public class EpisodeRuleException(string message) : DomainRuleException(message);
