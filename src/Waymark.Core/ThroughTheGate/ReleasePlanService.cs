using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Episodes;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.ThroughTheGate;

/// <summary>One release plan in a list, with its person's names, who meets them, the release-day appointments and the key worker, read in the list's one query.</summary>
/// <param name="Plan">The plan (not tracked).</param>
/// <param name="GivenName">The person's given name.</param>
/// <param name="FamilyName">The person's family name.</param>
/// <param name="MeetName">Who meets them at the gate (the worker's display name or the name typed); null when nobody.</param>
/// <param name="Appointments">Release-day appointments booked and still standing (not rescheduled, not cancelled).</param>
/// <param name="KeyWorkerName">The key worker of the plan's episode; null when none.</param>
public sealed record ReleaseListRow(ReleasePlan Plan, string GivenName, string FamilyName, string? MeetName, int Appointments, string? KeyWorkerName)
{
    /// <summary>The person's full name.</summary>
    public string PersonName => People.PersonNames.Full(GivenName, FamilyName);
}

/// <summary>One page of a releases list (<see cref="ReleasePlanService.PageSize"/> rows); <see cref="HasNext"/> when there is another.</summary>
public sealed record ReleaseListPage(IReadOnlyList<ReleaseListRow> Rows, int PageNumber, bool HasNext);

/// <summary>A person's release plan as its page shows it: the names of who did what, its release-day appointments and the person's pre-release contacts.</summary>
/// <param name="Plan">The plan (not tracked).</param>
/// <param name="Names">Display names of the users the plan names (meet-by worker, recorders), by user id.</param>
/// <param name="Appointments">Its release-day appointments, earliest first.</param>
/// <param name="PreReleaseContacts">The person's latest contacts of kind <see cref="ContactKind.InPrison"/> (at most 5, newest first).</param>
/// <param name="Today">The UK date it was read on.</param>
public sealed record ReleasePlanView(ReleasePlan Plan, IReadOnlyDictionary<string, string> Names, IReadOnlyList<DiaryEntry> Appointments,
    IReadOnlyList<Contact> PreReleaseContacts, DateOnly Today)
{
    /// <summary>A user's display name, or "unknown".</summary>
    public string Name(string? userId) => userId is not null && Names.TryGetValue(userId, out var n) ? n : "unknown";
    /// <summary>Who meets them at the gate, in words; null when nobody.</summary>
    public string? MeetName => Plan.MeetBy switch
    {
        GateMeeter.Worker => Name(Plan.MeetWorkerUserId),
        GateMeeter.SomeoneElse => Plan.MeetOtherName,
        _ => null,
    };
    /// <summary>Whether the follow-up after release is due today (<see cref="ReleaseRules.FollowUpIsDue"/>).</summary>
    public bool FollowUpDue => ReleaseRules.FollowUpIsDue(Plan, Today);
}

/// <summary>
/// Release plans (issue 14 item 4, "through the gate"): making and changing one (two editors: the second is refused),
/// recording the release, cancelling, recording the follow-up a month after release, and the team's lists. Thin
/// orchestration (ADR 4): validate, load, change, audit (coded facts only: no prison, names or notes), save once. Only
/// the team that holds a plan changes it.
/// </summary>
public class ReleasePlanService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock, AppointmentService appointments)
{
    /// <summary>What a user is told when someone else saved the plan first.</summary>
    public const string ConflictMessage = "Someone else changed this release plan while you were working on it. Check what it says now and try again.";
    /// <summary>Rows per page of the releases lists and the tasks section: 25.</summary>
    public const int PageSize = 25;

    private DbSet<ReleasePlan> Plans => db.Set<ReleasePlan>();
    private Guid TeamId => user.TeamId ?? throw new InvalidOperationException("Release plans are made by a member of a team.");
    private DateOnly Today => UkTime.Today(clock);

    /// <summary>The person's latest release plan the team can see (newest made first), not tracked; null when none.</summary>
    public Task<ReleasePlan?> LatestAsync(Guid personId, CancellationToken ct = default) =>
        Plans.AsNoTracking().Where(r => r.PersonId == personId).OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).FirstOrDefaultAsync(ct);

    /// <summary>The person's latest plan with its names, release-day appointments and pre-release contacts; null when none.</summary>
    public async Task<ReleasePlanView?> ViewAsync(Guid personId, CancellationToken ct = default)
    {
        var plan = await LatestAsync(personId, ct);
        if (plan is null) return null;
        var booked = await appointments.ForReleasePlanAsync(plan.Id, ct);
        var contacts = await db.Set<Contact>().AsNoTracking()
            .Where(c => c.PersonId == personId && c.Kind == ContactKind.InPrison && c.SupersededAt == null && c.EnteredInErrorAt == null)
            .OrderByDescending(c => c.OccurredAt).Take(5).ToListAsync(ct);
        var names = await db.DisplayNamesAsync([plan.MeetWorkerUserId, plan.CreatedByUserId, plan.UpdatedByUserId, plan.ReleaseRecordedByUserId,
            plan.CancelledByUserId, plan.FollowUpRecordedByUserId, .. contacts.Select(c => c.WorkerUserId)], ct);
        return new ReleasePlanView(plan, names, booked, contacts, Today);
    }

    /// <summary>The members of the user's team who hold a caseload (may meet someone at the gate), by name.</summary>
    public Task<IReadOnlyList<(string UserId, string Name)>> WorkersAsync(CancellationToken ct = default) =>
        Caseload.Capacity.CaseWorkerNamesAsync(db, TeamId, ct);

    /// <summary>The names of the team's prisons (criminal justice agencies of kind prison, in use), to offer when typing the prison.</summary>
    public async Task<IReadOnlyList<string>> PrisonsAsync(CancellationToken ct = default)
    {
        var team = TeamId;
        return await db.Set<Liaison.CriminalJusticeAgency>().AsNoTracking()
            .Where(a => a.TeamId == team && a.Kind == Liaison.AgencyKind.Prison && a.RetiredAt == null)
            .OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(ct);
    }

    /// <summary>
    /// Makes a release plan for <paramref name="personId"/> in the user's team, linked to their newest open episode of
    /// the team (none after discharge). Audited; one save.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such person the team knows.</exception>
    /// <exception cref="ReleasePlanRuleException">The team already has an open plan for them.</exception>
    /// <exception cref="ValidationFailedException">Every problem with <paramref name="input"/>.</exception>
    public async Task<ReleasePlan> CreateAsync(Guid personId, ReleasePlanInput input, CancellationToken ct = default)
    {
        var team = TeamId;
        if (!await db.People.AnyAsync(p => p.Id == personId, ct)) throw new KeyNotFoundException("Person not found.");
        var (time, problems) = await ReadAsync(input, ct);
        ValidationFailedException.ThrowIfAny(problems);
        if (await Plans.AnyAsync(r => r.PersonId == personId && r.TeamId == team && r.ReleasedOn == null && r.CancelledAt == null, ct))
            throw new ReleasePlanRuleException("Your team already has a release plan for them. Change that plan, or cancel it first.");
        var open = await OpenEpisodes.OfPersonAsync(db, personId, team, ct);
        var plan = new ReleasePlan
        {
            TeamId = team, PersonId = personId, EpisodeId = open.Count > 0 ? open[0].Id : null,
            CreatedAt = clock.GetUtcNow(), CreatedByUserId = user.UserId!,
        };
        Apply(plan, input, time);
        Plans.Add(plan);
        audit.Add(AuditAction.Created, nameof(ReleasePlan), plan.Id.ToString(), personId, Describe(plan));
        await db.SaveChangesAsync(ct);
        return plan;
    }

    /// <summary>Changes an open plan over <paramref name="expectedVersion"/>. Audited; one save.</summary>
    /// <exception cref="KeyNotFoundException">No such plan the team can see.</exception>
    /// <exception cref="ReleasePlanRuleException">Another team's plan, or one released or cancelled.</exception>
    /// <exception cref="ValidationFailedException">Every problem with <paramref name="input"/>.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it since <paramref name="expectedVersion"/>.</exception>
    public async Task<ReleasePlan> ChangeAsync(Guid planId, ReleasePlanInput input, Guid expectedVersion, CancellationToken ct = default)
    {
        var plan = await ToChangeAsync(planId, ct);
        var (time, problems) = await ReadAsync(input, ct);
        ValidationFailedException.ThrowIfAny(problems);
        if (!plan.IsOpen) throw new ReleasePlanRuleException("This release plan is closed: the release was recorded or the plan cancelled.");
        db.ExpectVersion(plan, expectedVersion);
        Apply(plan, input, time);
        Stamp(plan);
        audit.Add(AuditAction.Updated, nameof(ReleasePlan), plan.Id.ToString(), plan.PersonId, Describe(plan));
        await db.SaveOrConflictAsync(ConflictMessage, ct);
        return plan;
    }

    /// <summary>Records that they were released on <paramref name="releasedOn"/> (a UK date, today or up to <see cref="ReleaseRules.DaysBehind"/> days ago); the follow-up is then due a month after it. Audited; one save.</summary>
    /// <exception cref="KeyNotFoundException">No such plan the team can see.</exception>
    /// <exception cref="ReleasePlanRuleException">Another team's plan, or one already released or cancelled.</exception>
    /// <exception cref="ValidationFailedException">No date, or one in the future or too long ago.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it since <paramref name="expectedVersion"/>.</exception>
    public async Task<ReleasePlan> RecordReleaseAsync(Guid planId, DateOnly? releasedOn, Guid expectedVersion, CancellationToken ct = default)
    {
        if (ReleaseRules.PastDateProblem(releasedOn, Today, "they were released") is { } problem) throw ValidationFailedException.For("ReleasedOn", problem);
        var plan = await ToChangeAsync(planId, ct);
        if (!plan.IsOpen) throw new ReleasePlanRuleException(plan.ReleasedOn is null ? "This release plan was cancelled." : "Their release has already been recorded.");
        db.ExpectVersion(plan, expectedVersion);
        plan.ReleasedOn = releasedOn;
        plan.ReleaseRecordedAt = clock.GetUtcNow();
        plan.ReleaseRecordedByUserId = user.UserId;
        plan.Refresh();
        audit.Add(AuditAction.Updated, nameof(ReleasePlan), plan.Id.ToString(), plan.PersonId, $"Released on {releasedOn:yyyy-MM-dd}; follow-up due {plan.FollowUpDueOn:yyyy-MM-dd}");
        await db.SaveOrConflictAsync(ConflictMessage, ct);
        return plan;
    }

    /// <summary>Cancels an open plan (they were not released as planned), with why. Audited (without the reason); one save.</summary>
    /// <exception cref="KeyNotFoundException">No such plan the team can see.</exception>
    /// <exception cref="ReleasePlanRuleException">Another team's plan, or one already released or cancelled.</exception>
    /// <exception cref="ValidationFailedException">No reason, or one over 500 characters.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it since <paramref name="expectedVersion"/>.</exception>
    public async Task<ReleasePlan> CancelAsync(Guid planId, string? reason, Guid expectedVersion, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw ValidationFailedException.For("Reason", "Enter why the plan is cancelled");
        if (reason.Trim().Length > ReleaseRules.MaxReason) throw ValidationFailedException.For("Reason", "The reason must be 500 characters or fewer");
        var plan = await ToChangeAsync(planId, ct);
        if (!plan.IsOpen) throw new ReleasePlanRuleException(plan.ReleasedOn is null ? "This release plan was already cancelled." : "Their release has been recorded, so the plan cannot be cancelled.");
        db.ExpectVersion(plan, expectedVersion);
        plan.CancelledAt = clock.GetUtcNow();
        plan.CancelledByUserId = user.UserId;
        plan.CancelReason = reason.Trim();
        audit.Add(AuditAction.Updated, nameof(ReleasePlan), plan.Id.ToString(), plan.PersonId, "Cancelled");
        await db.SaveOrConflictAsync(ConflictMessage, ct);
        return plan;
    }

    /// <summary>
    /// Records the follow-up after release (done on <paramref name="doneOn"/>, a UK date not in the future, with how it
    /// went): it then leaves the lists and tasks. Only after the release is recorded. Audited (without the note); one save.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such plan the team can see.</exception>
    /// <exception cref="ReleasePlanRuleException">Another team's plan, one not yet released, cancelled, or already followed up.</exception>
    /// <exception cref="ValidationFailedException">Every problem with the date and the note.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it since <paramref name="expectedVersion"/>.</exception>
    public async Task<ReleasePlan> RecordFollowUpAsync(Guid planId, DateOnly? doneOn, string? note, Guid expectedVersion, CancellationToken ct = default)
    {
        var problems = new List<(string, string)>();
        if (ReleaseRules.PastDateProblem(doneOn, Today, "of the follow-up") is { } d) problems.Add(("DoneOn", d));
        if (string.IsNullOrWhiteSpace(note)) problems.Add(("Note", "Enter how the follow-up went"));
        else if (note.Trim().Length > ReleaseRules.MaxNotes) problems.Add(("Note", "The note must be 1,000 characters or fewer"));
        ValidationFailedException.ThrowIfAny(problems);
        var plan = await ToChangeAsync(planId, ct);
        if (plan.CancelledAt is not null) throw new ReleasePlanRuleException("This release plan was cancelled.");
        if (plan.ReleasedOn is not { } released) throw new ReleasePlanRuleException("Record their release first: the follow-up is after release.");
        if (plan.FollowUpDoneOn is not null) throw new ReleasePlanRuleException("The follow-up has already been recorded.");
        if (doneOn < released) throw ValidationFailedException.For("DoneOn", "The date of the follow-up must be on or after the day they were released");
        db.ExpectVersion(plan, expectedVersion);
        plan.FollowUpDoneOn = doneOn;
        plan.FollowUpNote = note!.Trim();
        plan.FollowUpRecordedAt = clock.GetUtcNow();
        plan.FollowUpRecordedByUserId = user.UserId;
        audit.Add(AuditAction.Updated, nameof(ReleasePlan), plan.Id.ToString(), plan.PersonId, $"Follow-up after release done on {doneOn:yyyy-MM-dd}");
        await db.SaveOrConflictAsync(ConflictMessage, ct);
        return plan;
    }

    /// <summary>
    /// The team's "releases in the next 14 days": open plans (not released, not cancelled) expected from today (UK) to
    /// today + <see cref="ReleaseRules.UpcomingDays"/>, soonest first, paged; one query on the filtered
    /// (TeamId, ExpectedReleaseOn) index.
    /// </summary>
    public Task<ReleaseListPage> UpcomingAsync(int page, CancellationToken ct = default)
    {
        var (team, today) = (TeamId, Today);
        var until = today.AddDays(ReleaseRules.UpcomingDays);
        return ListAsync(Plans.Where(r => r.TeamId == team && r.ReleasedOn == null && r.CancelledAt == null && r.ExpectedReleaseOn >= today && r.ExpectedReleaseOn <= until)
            , byFollowUp: false, page, ct);
    }

    /// <summary>
    /// The team's "follow-ups after release due": plans not cancelled and not followed up whose follow-up is due today
    /// (UK) or earlier, longest due first, paged; one query on the filtered (TeamId, FollowUpDueOn) index.
    /// </summary>
    public Task<ReleaseListPage> FollowUpsDueAsync(int page, CancellationToken ct = default)
    {
        var (team, today) = (TeamId, Today);
        return ListAsync(Plans.Where(r => r.TeamId == team && r.FollowUpDoneOn == null && r.CancelledAt == null && r.FollowUpDueOn <= today)
            , byFollowUp: true, page, ct);
    }

    /// <summary>
    /// The follow-ups after release due today or earlier for which the user is responsible: the key worker of the plan's
    /// episode, or (no key worker) whoever made the plan. For "My tasks"; paged, one query.
    /// </summary>
    public Task<ReleaseListPage> MyFollowUpsDueAsync(int page, CancellationToken ct = default)
    {
        var (team, today, me) = (TeamId, Today, user.UserId);
        return ListAsync(Plans.Where(r => r.TeamId == team && r.FollowUpDoneOn == null && r.CancelledAt == null && r.FollowUpDueOn <= today
                && (db.Episodes.Where(e => e.Id == r.EpisodeId).Select(e => e.KeyWorkerId).FirstOrDefault() ?? r.CreatedByUserId) == me)
            , byFollowUp: true, page, ct);
    }

    private async Task<ReleaseListPage> ListAsync(IQueryable<ReleasePlan> plans, bool byFollowUp, int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, 100_000);
        var ordered = byFollowUp ? plans.OrderBy(r => r.FollowUpDueOn).ThenBy(r => r.Id) : plans.OrderBy(r => r.ExpectedReleaseOn).ThenBy(r => r.Id);
        var appointmentsOf = db.Set<Appointment>();
        var rows = await (
            from r in ordered.AsNoTracking().Skip((page - 1) * PageSize).Take(PageSize + 1)
            select new
            {
                r,
                MeetWorker = db.Users.Where(u => u.Id == r.MeetWorkerUserId).Select(u => u.DisplayName).FirstOrDefault(),
                Booked = appointmentsOf.Count(a => a.ReleasePlanId == r.Id && (a.Outcome == null || a.Outcome < AppointmentOutcome.CancelledByPerson)
                    && !appointmentsOf.Any(x => x.SupersedesId == a.Id)),
                KeyWorker = db.Episodes.Where(e => e.Id == r.EpisodeId)
                    .Select(e => db.Users.Where(u => u.Id == e.KeyWorkerId).Select(u => u.DisplayName).FirstOrDefault()).FirstOrDefault(),
            }).ToListAsync(ct);
        // The names by primary key in a second query, not a join: joined to the team-filtered people, PostgreSQL hashed every
        // person the team may see (0.6-1 s at a million people; docs/benchmarks.md). A plan whose person the team no longer
        // sees is left out, as the join did.
        var personIds = rows.Select(x => x.r.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.GivenName, p.FamilyName }).ToDictionaryAsync(p => p.Id, ct);
        // In the database's order (by date, then id): the filter keeps it, so nothing is sorted again here.
        var list = rows.Where(x => people.ContainsKey(x.r.PersonId)).Select(x => new ReleaseListRow(x.r, people[x.r.PersonId].GivenName, people[x.r.PersonId].FamilyName,
            x.r.MeetBy switch { GateMeeter.Worker => x.MeetWorker, GateMeeter.SomeoneElse => x.r.MeetOtherName, _ => null }, x.Booked, x.KeyWorker)).ToList();
        return new ReleaseListPage(list.Take(PageSize).ToList(), page, list.Count > PageSize);
    }

    private async Task<(TimeOnly? Time, List<(string Field, string Message)> Problems)> ReadAsync(ReleasePlanInput input, CancellationToken ct)
    {
        var (time, problems) = ReleaseRules.Read(input, Today);
        // Checked whoever meets them: the select posts its choice even when another radio is chosen, and a value that is no
        // member of the team is refused rather than quietly dropped (HostileInputTests).
        if (!string.IsNullOrWhiteSpace(input.MeetWorkerUserId)
            && !await Caseload.Capacity.IsCaseWorkerAsync(db, TeamId, input.MeetWorkerUserId, ct))
            problems.Add((nameof(ReleasePlanInput.MeetWorkerUserId), "Select a member of your team who holds a caseload"));
        return (time, problems);
    }

    private static void Apply(ReleasePlan plan, ReleasePlanInput input, TimeOnly? time)
    {
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        plan.Prison = input.Prison!.Trim();
        plan.PrisonNumber = ReleaseRules.NormalisePrisonNumber(input.PrisonNumber);
        plan.ExpectedReleaseOn = input.ExpectedReleaseOn!.Value;
        plan.ReleaseType = input.ReleaseType!.Value;
        plan.Notes = Clean(input.Notes);
        var by = input.MeetBy!.Value;
        plan.MeetBy = by;
        var meets = by != GateMeeter.Nobody;
        plan.MeetWorkerUserId = by == GateMeeter.Worker ? input.MeetWorkerUserId : null;
        plan.MeetOtherName = by == GateMeeter.SomeoneElse ? Clean(input.MeetOtherName) : null;
        plan.MeetTime = meets ? time : null;
        plan.MeetPlace = meets ? Clean(input.MeetPlace) : null;
        plan.Transport = meets ? Clean(input.Transport) : null;
        plan.WhatToBring = meets ? Clean(input.WhatToBring) : null;
        plan.Refresh();
    }

    private void Stamp(ReleasePlan plan)
    {
        plan.UpdatedAt = clock.GetUtcNow();
        plan.UpdatedByUserId = user.UserId;
    }

    /// <summary>The plan tracked for a change by the user's team.</summary>
    private async Task<ReleasePlan> ToChangeAsync(Guid id, CancellationToken ct)
    {
        var plan = await Plans.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new KeyNotFoundException("Release plan not found.");
        if (plan.TeamId != user.TeamId) throw new ReleasePlanRuleException("This release plan belongs to another team. You can see it, but only that team can change it.");
        return plan;
    }

    /// <summary>The audit detail: coded facts only (dates, type, whether met at the gate; no prison, number, names or notes).</summary>
    private static string Describe(ReleasePlan r) =>
        $"Expected release {r.ExpectedReleaseOn:yyyy-MM-dd}, {r.ReleaseType}" + (r.MeetsAtGate ? ", met at the gate" : "");
}
