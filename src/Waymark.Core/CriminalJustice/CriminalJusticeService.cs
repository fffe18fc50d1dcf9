using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.Liaison;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.CriminalJustice;

/// <summary>
/// What is typed to record a criminal justice event. Only the fields of <paramref name="Kind"/> are read; the others
/// are ignored. Field names are the property names (for the page's error summary).
/// </summary>
public sealed record EventInput(
    CriminalJusticeEventKind Kind,
    DateOnly? On = null,
    DateTimeOffset? HearingAt = null,
    OffenceCategory? Offence = null,
    string? PoliceDecision = null,
    RemandOrBail? RemandOrBail = null,
    string? BailConditions = null,
    Guid? AgencyId = null,
    HearingType? HearingType = null,
    bool SupportAtCourt = false,
    Guid? HearingId = null,
    CourtOutcome? CourtOutcome = null,
    IReadOnlyList<string>? Requirements = null,
    bool PaymentPlanHelp = false,
    string? LegalStatus = null,
    TransferSection? TransferSection = null,
    Guid? SupersedesId = null,
    bool RemindByText = false,
    bool RemindByEmail = false)
{
    /// <summary>How long bail conditions may be: 1,000 characters.</summary>
    public const int MaxConditions = 1000;

    /// <summary>
    /// Every problem with the input on its own (field, message); the service adds those that need the database
    /// (the court, the prison, the hearing, the event superseded, the episode's dates).
    /// </summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (!Enum.IsDefined(Kind)) { yield return (nameof(Kind), "Choose what to record"); yield break; }
        if (Kind == CriminalJusticeEventKind.Hearing) { if (HearingAt is null) yield return (nameof(HearingAt), "Enter the date and time of the hearing"); }
        else if (On is null) yield return (nameof(On), "Enter the date");
        switch (Kind)
        {
            case CriminalJusticeEventKind.Arrest or CriminalJusticeEventKind.Charge:
                if (Offence is not { } o || !Enum.IsDefined(o)) yield return (nameof(Offence), "Select the offence category");
                break;
            case CriminalJusticeEventKind.PoliceDecision:
                if (PoliceDecisions.Find(PoliceDecision) is null) yield return (nameof(PoliceDecision), "Select the police decision");
                break;
            case CriminalJusticeEventKind.RemandOrBail:
                if (RemandOrBail is not { } r || !Enum.IsDefined(r)) yield return (nameof(RemandOrBail), "Select the remand or bail decision");
                else if (r == CriminalJustice.RemandOrBail.ConditionalBail && string.IsNullOrWhiteSpace(BailConditions))
                    yield return (nameof(BailConditions), "Enter the bail conditions");
                else if (r != CriminalJustice.RemandOrBail.ConditionalBail && !string.IsNullOrWhiteSpace(BailConditions))
                    yield return (nameof(BailConditions), "Bail conditions go with conditional bail only: choose conditional bail or remove the conditions");
                if (BailConditions is { Length: > MaxConditions }) yield return (nameof(BailConditions), "Bail conditions must be 1,000 characters or fewer");
                break;
            case CriminalJusticeEventKind.Hearing:
                if (AgencyId is null) yield return (nameof(AgencyId), "Select the court");
                if (HearingType is not { } t || !Enum.IsDefined(t)) yield return (nameof(HearingType), "Select the type of hearing");
                break;
            case CriminalJusticeEventKind.HearingAdjourned or CriminalJusticeEventKind.HearingVacated:
                if (HearingId is null) yield return (nameof(HearingId), "Select the hearing");
                break;
            case CriminalJusticeEventKind.CourtOutcome:
                if (CourtOutcome is not { } co || !Enum.IsDefined(co)) { yield return (nameof(CourtOutcome), "Select the court outcome"); break; }
                var reqs = Requirements ?? [];
                if (reqs.Any(x => !OrderRequirements.IsKnown(x))) yield return (nameof(Requirements), "Select requirements from the list");
                else if (CourtOutcomes.HasRequirements(co) && reqs.Count == 0) yield return (nameof(Requirements), "Select the order's requirements");
                else if (!CourtOutcomes.HasRequirements(co) && reqs.Count > 0) yield return (nameof(Requirements), "Only a community order or a suspended sentence order has requirements");
                if (PaymentPlanHelp && co != CriminalJustice.CourtOutcome.Fine) yield return (nameof(PaymentPlanHelp), "Help with a payment plan goes with a fine");
                break;
            case CriminalJusticeEventKind.TransferReferral:
                if (TransferSection is not { } s || !Enum.IsDefined(s)) yield return (nameof(TransferSection), "Select whether the transfer is under section 47 or section 48");
                break;
            case CriminalJusticeEventKind.TransferAdmission:
                if (LegalStatus is null || !LegalStatuses.Transfers.Contains(LegalStatus)) yield return (nameof(LegalStatus), "Select the legal status of the admission");
                break;
        }
    }

    /// <summary>
    /// Why the event's date cannot be taken on this episode, or nothing: no more than
    /// <see cref="CriminalJusticeService.YearsBeforeIdentification"/> years before the identification (an arrest or charge
    /// that led to it); a hearing or a pre-sentence report's due date up to <see cref="EpisodeDates.YearsAhead"/> years ahead;
    /// anything else not in the future (UK dates).
    /// </summary>
    public IEnumerable<(string Field, string Message)> DateProblems(EpisodeDates dates)
    {
        if (Date is not { } date) yield break;
        var field = Kind == CriminalJusticeEventKind.Hearing ? nameof(HearingAt) : nameof(On);
        if (date < dates.IdentifiedOn.AddYears(-CriminalJusticeService.YearsBeforeIdentification))
            yield return (field, $"The date must be no more than {CriminalJusticeService.YearsBeforeIdentification} years before the person was identified");
        else if (Kind is CriminalJusticeEventKind.Hearing or CriminalJusticeEventKind.PreSentenceReport)
        {
            if (date > dates.LatestPlanned) yield return (field, $"The date must be within {EpisodeDates.YearsAhead} years from today");
        }
        else if (date > dates.Today) yield return (field, "The date cannot be in the future");
    }

    /// <summary>The event's UK date: the hearing's date for a hearing, else <see cref="On"/>.</summary>
    public DateOnly? Date => Kind == CriminalJusticeEventKind.Hearing && HearingAt is { } at ? UkTime.DateOf(at) : On;
}

/// <summary>An event as the episode page lists it.</summary>
/// <param name="Event">The event.</param>
/// <param name="Summary">What happened, in words.</param>
/// <param name="SupersededBy">The event that corrects it, when one does.</param>
/// <param name="EndedBy">For a hearing: the adjournment or vacation that ended it.</param>
/// <param name="RecordedByName">Who recorded it.</param>
public sealed record EventRow(CriminalJusticeEvent Event, string Summary, Guid? SupersededBy, CriminalJusticeEventKind? EndedBy, string RecordedByName)
{
    /// <summary>Whether it still stands (not superseded).</summary>
    public bool IsCurrent => SupersededBy is null;
}

/// <summary>A page of an episode's events, newest first.</summary>
public sealed record EventPage(IReadOnlyList<EventRow> Rows, int PageNumber, bool HasNext, IReadOnlyList<CriminalJusticeClock> Clocks);

/// <summary>A row of the team's clocks list.</summary>
public sealed record ClockRow(Guid EpisodeId, Guid PersonId, string GivenName, string FamilyName, ClockKind Kind,
    DateOnly StartedOn, DateOnly DueOn, int TargetDays, ClockState State, string? KeyWorkerName);

/// <summary>A page of the team's open clocks.</summary>
public sealed record ClockPage(IReadOnlyList<ClockRow> Rows, int PageNumber, bool HasNext);

/// <summary>A hearing the key worker should support the person at (from the day before until the hearing).</summary>
public sealed record HearingToSupport(Guid EpisodeId, Guid PersonId, string GivenName, string FamilyName, DateTimeOffset HearingAt,
    HearingType? Type, string CourtName);

/// <summary>
/// Criminal justice events and decisions on an episode, and the clocks they drive. Thin orchestration (ADR 4):
/// validate, load the open episode of the user's team (<see cref="EpisodesToChange"/>), add the event with its
/// audit event, recompute the episode's clocks (<see cref="ClockMaintenance"/>), save in one transaction.
/// </summary>
public class CriminalJusticeService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    // Hearing reminders (docs/support.md, "Reminders"): planned, and cancelled on adjournment, vacation or correction, in the same unit of work.
    private readonly Reminders.ReminderPlanner _reminders = new(db, clock, audit);

    /// <summary>
    /// The reminders the last <see cref="RecordAsync"/> of a hearing planned, and why any asked for were not (for the
    /// page to say); null when it recorded no hearing.
    /// </summary>
    public Reminders.ReminderPlan? PlannedReminders { get; private set; }

    /// <summary>Events per page on the episode page.</summary>
    public const int PageSize = 20;
    /// <summary>Rows per page of the clocks list.</summary>
    public const int ClockPageSize = 25;
    /// <summary>How far before the identification an event may be dated: 2 years (an arrest or charge that led to it).</summary>
    public const int YearsBeforeIdentification = 2;

    private DbSet<CriminalJusticeEvent> Events => db.Set<CriminalJusticeEvent>();
    private DbSet<CriminalJusticeClock> ClocksSet => db.Set<CriminalJusticeClock>();
    private DbSet<CriminalJusticeAgency> Agencies => db.Set<CriminalJusticeAgency>();

    /// <summary>Records an event on an open episode of the user's team, and moves the episode's clocks.</summary>
    /// <exception cref="ValidationFailedException">The input has problems (all of them are listed).</exception>
    /// <exception cref="KeyNotFoundException">No such episode the team can see.</exception>
    /// <exception cref="EpisodeRuleException">The episode is another team's, or closed.</exception>
    public async Task<CriminalJusticeEvent> RecordAsync(Guid episodeId, EventInput input, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(input.Validate());
        var episode = await db.OpenEpisodeOfTeamAsync(user, episodeId, "record criminal justice events", ct);
        var now = clock.GetUtcNow();
        var problems = input.DateProblems(episode.Dates(now)).ToList();
        var date = input.Date!.Value;
        if (input.Kind == CriminalJusticeEventKind.Hearing)
        {
            var court = await Agencies.AsNoTracking().Where(a => a.Id == input.AgencyId && a.TeamId == episode.TeamId).Select(a => new { a.Kind, a.RetiredAt }).FirstOrDefaultAsync(ct);
            if (court is null || !AgencyKinds.IsCourt(court.Kind) || court.RetiredAt is not null) problems.Add((nameof(EventInput.AgencyId), "Select one of your team's courts"));
        }
        if (input.Kind == CriminalJusticeEventKind.TransferReferral && input.AgencyId is { } prisonId)
        {
            var prison = await Agencies.AsNoTracking().Where(a => a.Id == prisonId && a.TeamId == episode.TeamId).Select(a => new { a.Kind, a.RetiredAt }).FirstOrDefaultAsync(ct);
            if (prison is null || prison.Kind != AgencyKind.Prison || prison.RetiredAt is not null) problems.Add((nameof(EventInput.AgencyId), "Select one of your team's prisons, or none"));
        }
        if (CriminalJusticeEventKinds.IsAboutHearing(input.Kind))
        {
            var ok = await Events.AnyAsync(h => h.Id == input.HearingId && h.EpisodeId == episodeId && h.Kind == CriminalJusticeEventKind.Hearing
                && !Events.Any(x => x.SupersedesId == h.Id) && !Events.Any(x => x.HearingId == h.Id && x.SupersedesId == null), ct);
            if (!ok) problems.Add((nameof(EventInput.HearingId), "Select one of this episode's hearings that has not been adjourned or vacated"));
        }
        var remind = input.Kind == CriminalJusticeEventKind.Hearing && (input.RemindByText || input.RemindByEmail);
        if (remind) problems.AddRange(await _reminders.ConsentProblemsAsync(episode.PersonId, input.RemindByText, input.RemindByEmail, ct));
        if (input.SupersedesId is { } old)
        {
            var earlier = await Events.AsNoTracking().Where(x => x.Id == old && x.EpisodeId == episodeId).Select(x => new { x.Kind }).FirstOrDefaultAsync(ct);
            if (earlier is null || earlier.Kind != input.Kind) problems.Add(("", "The event to correct is not one of this episode's events of this kind"));
            else if (await Events.AnyAsync(x => x.SupersedesId == old, ct)) problems.Add(("", "That event has already been corrected: correct the latest version"));
        }
        ValidationFailedException.ThrowIfAny(problems);

        var co = input.Kind == CriminalJusticeEventKind.CourtOutcome ? input.CourtOutcome : null;
        var rb = input.Kind == CriminalJusticeEventKind.RemandOrBail ? input.RemandOrBail : null;
        var e = new CriminalJusticeEvent
        {
            TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = episode.PersonId, Kind = input.Kind, On = date,
            HearingAt = input.Kind == CriminalJusticeEventKind.Hearing ? input.HearingAt : null,
            Offence = input.Kind is CriminalJusticeEventKind.Arrest or CriminalJusticeEventKind.Charge ? input.Offence : null,
            PoliceDecision = input.Kind == CriminalJusticeEventKind.PoliceDecision ? input.PoliceDecision : null,
            RemandOrBail = rb,
            BailConditions = rb is not null && !string.IsNullOrWhiteSpace(input.BailConditions) ? input.BailConditions.Trim() : null,
            AgencyId = input.Kind is CriminalJusticeEventKind.Hearing or CriminalJusticeEventKind.TransferReferral ? input.AgencyId : null,
            HearingType = input.Kind == CriminalJusticeEventKind.Hearing ? input.HearingType : null,
            SupportAtCourt = input.Kind == CriminalJusticeEventKind.Hearing && input.SupportAtCourt,
            HearingId = CriminalJusticeEventKinds.IsAboutHearing(input.Kind) ? input.HearingId : null,
            CourtOutcome = co,
            Requirements = co is { } o && CourtOutcomes.HasRequirements(o) ? string.Join(' ', input.Requirements!.Distinct()) : null,
            PaymentPlanHelp = co == CourtOutcome.Fine && input.PaymentPlanHelp,
            LegalStatus = co is { } c ? CourtOutcomes.LegalStatus(c)
                : rb is { } r ? RemandsOrBail.LegalStatus(r)
                : input.Kind == CriminalJusticeEventKind.TransferAdmission ? input.LegalStatus : null,
            TransferSection = input.Kind == CriminalJusticeEventKind.TransferReferral ? input.TransferSection : null,
            SupersedesId = input.SupersedesId,
            RecordedAt = now, RecordedByUserId = user.UserId!,
        };
        Events.Add(e);
        // Coded words only: the audit trail carries no free text (bail conditions are not repeated here).
        audit.Add(AuditAction.Created, "CriminalJusticeEvent", e.Id.ToString(), episode.PersonId,
            CriminalJusticeEventKinds.Display(e.Kind) + (input.SupersedesId is { } s ? $"; corrects {s}" : ""));
        await MaintainClocksAsync(episode, e, ct);
        PlannedReminders = null;
        if (input.Kind == CriminalJusticeEventKind.Hearing && input.SupersedesId is { } corrected)
            await _reminders.CancelForHearingAsync(corrected, "The hearing was corrected", ct);
        if (e.Kind is CriminalJusticeEventKind.HearingAdjourned or CriminalJusticeEventKind.HearingVacated && e.HearingId is { } ended)
            await _reminders.CancelForHearingAsync(ended, e.Kind == CriminalJusticeEventKind.HearingAdjourned ? "Hearing adjourned" : "Hearing vacated", ct);
        if (remind) PlannedReminders = await _reminders.PlanForHearingAsync(e, input.RemindByText, input.RemindByEmail, user.UserId!, ct);
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>Recomputes the episode's clocks from its events (the new one included) and adds, moves or removes their rows.</summary>
    private async Task MaintainClocksAsync(Episode episode, CriminalJusticeEvent added, CancellationToken ct)
    {
        if (!ClockMaintenance.Affects(added.Kind)) return;
        var events = await Events.AsNoTracking().Where(x => x.EpisodeId == episode.Id && ClockMaintenance.ClockKinds.Contains(x.Kind)).ToListAsync(ct);
        events.Add(added);
        var existing = await ClocksSet.Where(c => c.EpisodeId == episode.Id).ToListAsync(ct);
        var settings = await SettingsAsync(episode.TeamId, ct);
        foreach (var kind in ClockMaintenance.EventClocks)
        {
            var row = existing.FirstOrDefault(c => c.Kind == kind);
            if (ClockMaintenance.Compute(kind, events) is not { } wanted) { if (row is not null) ClocksSet.Remove(row); continue; }
            if (row is null)
            {
                row = new CriminalJusticeClock { TeamId = episode.TeamId, EpisodeId = episode.Id, PersonId = episode.PersonId, Kind = kind, TargetDays = settings.DaysFor(kind) };
                ClocksSet.Add(row);
            }
            else if (row.StartEventId != wanted.Start.Id) row.TargetDays = settings.DaysFor(kind); // a new start takes today's target
            row.StartEventId = wanted.Start.Id;
            row.StartedOn = wanted.Start.On;
            row.DueOn = ClockRule.DueOn(row.StartedOn, row.TargetDays);
            row.NearOn = ClockRule.NearOn(row.StartedOn, row.TargetDays);
            row.StopEventId = wanted.Stop?.Id;
            row.StoppedOn = wanted.Stop?.On;
        }
    }

    /// <summary>One page (1-based) of the episode's events, newest first, with what superseded or ended each and the episode's clocks.</summary>
    public async Task<EventPage> PageAsync(Guid episodeId, int page, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var rows = await Events.AsNoTracking().Where(x => x.EpisodeId == episodeId)
            .OrderByDescending(x => x.On).ThenByDescending(x => x.RecordedAt).ThenBy(x => x.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        var shown = rows.Take(PageSize).ToList();
        var ids = shown.Select(x => x.Id).ToList();
        var later = await Events.AsNoTracking()
            .Where(x => (x.SupersedesId != null && ids.Contains(x.SupersedesId.Value)) || (x.HearingId != null && ids.Contains(x.HearingId.Value)))
            .Select(x => new { x.Id, x.SupersedesId, x.HearingId, x.Kind }).ToListAsync(ct);
        var hearingIds = shown.Where(x => x.HearingId != null).Select(x => x.HearingId!.Value).Distinct().ToList();
        var hearings = await Events.AsNoTracking().Where(x => x.EpisodeId == episodeId && hearingIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var agencyIds = shown.Concat(hearings.Values).Where(x => x.AgencyId != null).Select(x => x.AgencyId!.Value).Distinct().ToList();
        var agencies = await Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var names = await db.DisplayNamesAsync(shown.Select(x => x.RecordedByUserId).Distinct(), ct);
        var clocks = await ClocksSet.AsNoTracking().Where(c => c.EpisodeId == episodeId).OrderBy(c => c.Kind).ToListAsync(ct);
        var result = shown.Select(x => new EventRow(x, x.Summary(id => agencies.GetValueOrDefault(id), id => hearings.GetValueOrDefault(id)),
            later.FirstOrDefault(l => l.SupersedesId == x.Id)?.Id,
            later.FirstOrDefault(l => l.HearingId == x.Id && l.SupersedesId == null)?.Kind,
            names.GetValueOrDefault(x.RecordedByUserId) ?? "unknown")).ToList();
        return new EventPage(result, page, rows.Count > PageSize, clocks);
    }

    /// <summary>
    /// The episode's hearings that are still listed (not superseded, adjourned or vacated), soonest first, for choosing one
    /// to adjourn or vacate.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> ListedHearingsAsync(Guid episodeId, CancellationToken ct = default)
    {
        var hearings = await Events.AsNoTracking()
            .Where(h => h.EpisodeId == episodeId && h.Kind == CriminalJusticeEventKind.Hearing
                && !Events.Any(x => x.SupersedesId == h.Id) && !Events.Any(x => x.HearingId == h.Id && x.SupersedesId == null))
            .ToListAsync(ct);
        return hearings.OrderBy(h => h.HearingAt)
            .Select(h => (h.Id, $"{(h.HearingType is { } t ? HearingTypes.Display(t) : "Hearing")}, {UkTime.ToLocal(h.HearingAt!.Value):d MMMM yyyy HH:mm}"))
            .ToList();
    }

    /// <summary>One event of the episode (for correcting it), or null.</summary>
    public Task<CriminalJusticeEvent?> FindAsync(Guid episodeId, Guid eventId, CancellationToken ct = default) =>
        Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == eventId && x.EpisodeId == episodeId, ct);

    /// <summary>
    /// One page (1-based) of the team's running clocks: breaches and near-breaches first, each group by due date (so the
    /// longest overdue leads, and a breach always sorts before a near-breach: its due date has passed), then the rest by
    /// due date. Reads the team's running clock rows through the index on (TeamId, StoppedOn, DueOn), never events.
    /// </summary>
    public async Task<ClockPage> ClocksAsync(Guid teamId, int page, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var today = UkTime.Today(clock);
        var rows = await (
            from c in ClocksSet.AsNoTracking().Where(c => c.TeamId == teamId && c.StoppedOn == null)
                .OrderBy(c => c.NearOn <= today ? 0 : 1).ThenBy(c => c.DueOn).ThenBy(c => c.Id).Skip((page - 1) * ClockPageSize).Take(ClockPageSize + 1)
            join e in db.Episodes on c.EpisodeId equals e.Id
            join p in db.People on c.PersonId equals p.Id
            select new { c, p.GivenName, p.FamilyName, KeyWorker = db.Users.Where(u => u.Id == e.KeyWorkerId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);
        var list = rows.OrderBy(x => x.c.NearOn <= today ? 0 : 1).ThenBy(x => x.c.DueOn).ThenBy(x => x.c.Id).Take(ClockPageSize)
            .Select(x => new ClockRow(x.c.EpisodeId, x.c.PersonId, x.GivenName, x.FamilyName, x.c.Kind, x.c.StartedOn, x.c.DueOn, x.c.TargetDays,
                x.c.StateOn(today), x.KeyWorker)).ToList();
        return new ClockPage(list, page, rows.Count > ClockPageSize);
    }

    /// <summary>
    /// The hearings the person should be supported at, on episodes where <paramref name="keyWorkerId"/> is the key
    /// worker, from the day before the hearing until its day ends (UK dates), still listed; soonest first.
    /// </summary>
    public async Task<IReadOnlyList<HearingToSupport>> HearingsToSupportAsync(Guid teamId, string keyWorkerId, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var tomorrow = today.AddDays(1);
        var rows = await (
            from h in Events.AsNoTracking()
            where h.TeamId == teamId && h.Kind == CriminalJusticeEventKind.Hearing && h.On >= today && h.On <= tomorrow && h.SupportAtCourt
                && !Events.Any(x => x.SupersedesId == h.Id) && !Events.Any(x => x.HearingId == h.Id && x.SupersedesId == null)
            join e in db.Episodes on h.EpisodeId equals e.Id
            where e.KeyWorkerId == keyWorkerId && e.ClosedAt == null
            join p in db.People on h.PersonId equals p.Id
            select new { h.EpisodeId, h.PersonId, p.GivenName, p.FamilyName, h.HearingAt, h.HearingType,
                Court = Agencies.Where(a => a.Id == h.AgencyId).Select(a => a.Name).FirstOrDefault() })
            .OrderBy(x => x.HearingAt).ThenBy(x => x.EpisodeId).Take(100).ToListAsync(ct); // the soonest, if ever more than 100
        return rows.OrderBy(r => r.HearingAt).Select(r => new HearingToSupport(r.EpisodeId, r.PersonId, r.GivenName, r.FamilyName, r.HearingAt!.Value, r.HearingType, r.Court ?? "")).ToList();
    }

    /// <summary>The team's courts (or, for a transfer, prisons) in use, by name, for a form.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> AgenciesAsync(Guid teamId, bool courts, CancellationToken ct = default)
    {
        var kinds = courts ? new[] { AgencyKind.MagistratesCourt, AgencyKind.CrownCourt, AgencyKind.YouthCourt } : [AgencyKind.Prison];
        var rows = await Agencies.AsNoTracking().Where(a => a.TeamId == teamId && a.RetiredAt == null && kinds.Contains(a.Kind))
            .OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    /// <summary>The team's clock targets (the defaults, with version <see cref="Guid.Empty"/>, when none are set).</summary>
    public async Task<CriminalJusticeClockSettings> SettingsAsync(Guid teamId, CancellationToken ct = default) =>
        await db.Set<CriminalJusticeClockSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.TeamId == teamId, ct)
        ?? new CriminalJusticeClockSettings { TeamId = teamId, Version = Guid.Empty };

    /// <summary>
    /// Sets the user's team's clock targets. Clocks already running keep the target they started with (a team cannot
    /// make a breach disappear by moving the target).
    /// </summary>
    /// <exception cref="ValidationFailedException">A target is outside 1–365 days.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed them since <paramref name="expectedVersion"/>.</exception>
    public async Task SaveSettingsAsync(int? transferDays, int? mhtrDays, Guid? expectedVersion, CancellationToken ct = default)
    {
        ValidationFailedException.ThrowIfAny(CriminalJusticeClockSettings.Validate(transferDays, mhtrDays));
        var teamId = user.TeamId ?? throw new InvalidOperationException("No team.");
        var set = db.Set<CriminalJusticeClockSettings>();
        var row = await set.FirstOrDefaultAsync(s => s.TeamId == teamId, ct);
        if (row is null)
        {
            // The defaults have version Guid.Empty: any other version was never stored (or was, and then deleted).
            if (expectedVersion is { } v && v != Guid.Empty) throw new ConcurrencyConflictException(ClockTargetsConflict);
            row = new CriminalJusticeClockSettings { TeamId = teamId };
            set.Add(row);
        }
        else db.ExpectVersion(row, expectedVersion ?? row.Version);
        (row.TransferDays, row.MhtrDays, row.ChangedAt, row.ChangedByUserId) = (transferDays!.Value, mhtrDays!.Value, clock.GetUtcNow(), user.UserId);
        audit.Add(AuditAction.Updated, "CriminalJusticeClockSettings", teamId.ToString(), null, $"Transfer {row.TransferDays} days; MHTR {row.MhtrDays} days");
        // Two first saves at once: the team's key is taken by the other, the same conflict.
        await db.SaveOrConflictAsync(ClockTargetsConflict, uniqueNumberIsConflict: true, ct);
    }

    private const string ClockTargetsConflict =
        "Someone else changed the clock targets while you were looking at them. Check them as they are now and try again.";
}

/// <summary>Which events start and stop each clock: a pure rule over an episode's events.</summary>
public static class ClockMaintenance
{
    /// <summary>The kinds of event that start or stop a clock.</summary>
    public static IReadOnlyList<CriminalJusticeEventKind> ClockKinds { get; } =
    [
        CriminalJusticeEventKind.TransferReferral, CriminalJusticeEventKind.TransferAdmission,
        CriminalJusticeEventKind.CourtOutcome, CriminalJusticeEventKind.MhtrFirstAppointment,
    ];

    /// <summary>The clocks criminal justice events start and stop (the liaison report's clock is the report's: <see cref="LiaisonReportClock"/>).</summary>
    public static IReadOnlyList<ClockKind> EventClocks { get; } = [ClockKind.PrisonToHospitalTransfer, ClockKind.MhtrWait];

    /// <summary>Whether recording an event of <paramref name="kind"/> can move a clock.</summary>
    public static bool Affects(CriminalJusticeEventKind kind) => ClockKinds.Contains(kind);

    /// <summary>
    /// The start and stop events of the <paramref name="kind"/> clock among <paramref name="events"/> (superseded events
    /// are ignored): the latest start, stopped by the earliest stop on or after its date; null when nothing started it.
    /// </summary>
    public static (CriminalJusticeEvent Start, CriminalJusticeEvent? Stop)? Compute(ClockKind kind, IReadOnlyCollection<CriminalJusticeEvent> events)
    {
        var superseded = events.Where(e => e.SupersedesId != null).Select(e => e.SupersedesId!.Value).ToHashSet();
        var current = events.Where(e => !superseded.Contains(e.Id)).ToList();
        var (starts, stopKind) = kind == ClockKind.PrisonToHospitalTransfer
            ? (current.Where(e => e.Kind == CriminalJusticeEventKind.TransferReferral), CriminalJusticeEventKind.TransferAdmission)
            : (current.Where(e => e.StartsMhtr), CriminalJusticeEventKind.MhtrFirstAppointment);
        var start = starts.OrderByDescending(e => e.On).ThenByDescending(e => e.RecordedAt).FirstOrDefault();
        if (start is null) return null;
        var stop = current.Where(e => e.Kind == stopKind && e.On >= start.On).OrderBy(e => e.On).ThenBy(e => e.RecordedAt).FirstOrDefault();
        return (start, stop);
    }
}
