using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Mentoring;

/// <summary>An active pairing as the team's list and the person's page show it.</summary>
/// <param name="Id">The pairing.</param>
/// <param name="PersonId">The mentee.</param>
/// <param name="PersonName">The mentee's full name.</param>
/// <param name="MentorUserId">The mentor.</param>
/// <param name="MentorName">The mentor's display name.</param>
/// <param name="AgreedOn">The UK date the person agreed.</param>
/// <param name="StartedAt">When the pairing was made.</param>
/// <param name="SharesActionPlan">Whether the mentor sees the shared action plan.</param>
/// <param name="SharesCrisisPlan">Whether the mentor sees the shared crisis plan.</param>
/// <param name="Version">The pairing's version (to end it).</param>
public sealed record PairingRow(Guid Id, Guid PersonId, string PersonName, string MentorUserId, string MentorName, DateOnly AgreedOn,
    DateTimeOffset StartedAt, bool SharesActionPlan, bool SharesCrisisPlan, Guid Version)
{
    /// <summary>"Action plan and crisis plan", "Action plan", "Crisis plan" or "None".</summary>
    public string SharedPlans => (SharesActionPlan, SharesCrisisPlan) switch
    {
        (true, true) => "Action plan and crisis plan",
        (true, false) => "Action plan",
        (false, true) => "Crisis plan",
        _ => "None",
    };
}

/// <summary>A page of the team's active pairings, newest first.</summary>
/// <param name="Rows">Up to <see cref="MentoringService.PageSize"/> pairings.</param>
/// <param name="PageNumber">The page, 1-based.</param>
/// <param name="HasNext">Whether a later page has pairings.</param>
public sealed record PairingsPage(IReadOnlyList<PairingRow> Rows, int PageNumber, bool HasNext);

/// <summary>One of the mentor's mentees, as their list shows them: the name only, and their next appointment with the mentor.</summary>
/// <param name="PersonId">The mentee.</param>
/// <param name="Name">Their full name.</param>
/// <param name="NextMeetingAt">The start of the mentor's next appointment with them, or null.</param>
public sealed record MenteeRow(Guid PersonId, string Name, DateTimeOffset? NextMeetingAt);

/// <summary>A mentee as their mentor may see them: names only, and what the pairing shares.</summary>
/// <param name="Pairing">The active pairing (not tracked).</param>
/// <param name="GivenName">Given name.</param>
/// <param name="FamilyName">Family name.</param>
/// <param name="PreferredName">What they like to be called, or null.</param>
public sealed record Mentee(MentoringPairing Pairing, string GivenName, string FamilyName, string? PreferredName)
{
    /// <summary>The full name.</summary>
    public string Name => PersonNames.Full(GivenName, FamilyName);
}

/// <summary>
/// Volunteer mentoring (issue 14 item 6): team managers pair a volunteer with a person who has agreed and end the
/// pairing; a mentor reads their mentees (names only), their own appointments and mentoring contacts with them, records
/// mentoring contacts and books their own meetings. Every mentor read is of the mentor's own active mentees only: for
/// anyone else it answers as if the person did not exist (null, or <see cref="KeyNotFoundException"/>), so a page
/// answers 404 and nothing leaks. Thin orchestration (ADR 4): validate, load through the team filter, change, audit,
/// save once.
/// </summary>
public class MentoringService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock, Reminders.ReminderPlanner reminders)
{
    /// <summary>Pairings per page of the team's list: 25.</summary>
    public const int PageSize = 25;
    /// <summary>How many of their own appointments and contacts a mentor sees on the mentee page: 10 of each.</summary>
    public const int OwnShown = 10;

    /// <summary>The message when someone else changed the pairing first.</summary>
    public const string ConflictMessage = "Someone else changed this mentoring pairing while you were working on it. Nothing has been saved: look at it as it is now.";

    private DbSet<MentoringPairing> Pairings => db.Set<MentoringPairing>();
    private Guid TeamId => user.TeamId ?? throw new InvalidOperationException("Mentoring belongs to a team.");

    /// <summary>The active pairings of the user's team (the team filter), newest first.</summary>
    private IQueryable<MentoringPairing> Active => Pairings.AsNoTracking().Where(p => p.TeamId == TeamId && p.EndedAt == null);

    // ---- Team managers ------------------------------------------------------------------------------------------

    /// <summary>
    /// Pairs a volunteer of the team with <paramref name="personId"/>, recording the date they agreed and which plans
    /// the mentor sees. Audited; one save.
    /// </summary>
    /// <returns>The new pairing.</returns>
    /// <exception cref="UnauthorizedAccessException">The user is not a team manager (<see cref="Permission.ManageTeam"/>).</exception>
    /// <exception cref="KeyNotFoundException">No such person the team can see.</exception>
    /// <exception cref="ValidationFailedException">Every problem with the input (mentor not a volunteer of the team, no or a future
    /// agreement date, or one before the person became known to the service: <see cref="KnownSince"/>).</exception>
    /// <exception cref="MentoringRuleException">The person already has an active mentor in the team.</exception>
    public async Task<MentoringPairing> PairAsync(Guid personId, PairingInput input, CancellationToken ct = default)
    {
        RequireManager();
        var team = TeamId;
        if (!await db.People.AnyAsync(p => p.Id == personId, ct)) throw new KeyNotFoundException("Person not found.");
        var now = clock.GetUtcNow();
        var problems = MentoringRules.Problems(input, UkTime.DateOf(now)).ToList();
        // Not before the person became known to the service (issue 14: an agreement of 1950 let contacts of 2000 through).
        if (input.AgreedOn is { } agreed && agreed <= UkTime.DateOf(now) && await KnownSince.DayAsync(db, personId, ct) is { } known
            && KnownSince.DateProblem(agreed, known, UkTime.DateOf(now), "The date they agreed") is { } early)
            problems.Add((nameof(PairingInput.AgreedOn), early));
        if (!string.IsNullOrWhiteSpace(input.MentorUserId) && !await Caseload.Capacity.MembersInRoles(db, team, Volunteers).AnyAsync(m => m.UserId == input.MentorUserId, ct))
            problems.Add((nameof(PairingInput.MentorUserId), "Select a volunteer of your team"));
        ValidationFailedException.ThrowIfAny(problems);
        if (await ActiveOfAsync(personId, ct) is { } existing)
            throw new MentoringRuleException($"{existing.PersonName} already has a mentor, {existing.MentorName}. End that mentoring before pairing them with another mentor.");
        var pairing = new MentoringPairing
        {
            TeamId = team, PersonId = personId, MentorUserId = input.MentorUserId!, AgreedOn = input.AgreedOn!.Value,
            SharesActionPlan = input.SharesActionPlan, SharesCrisisPlan = input.SharesCrisisPlan,
            StartedAt = now, StartedByUserId = user.UserId!,
        };
        Pairings.Add(pairing);
        audit.Add(AuditAction.Created, nameof(MentoringPairing), pairing.Id.ToString(), personId,
            $"Mentor {pairing.MentorUserId}; agreed {pairing.AgreedOn:yyyy-MM-dd}; shares {Shares(pairing)}");
        // Two managers pairing the same person at once: the unique index on active pairings refuses the second.
        await db.SaveOrConflictAsync("Someone else paired this person with a mentor while you were working on it. Nothing has been saved: look at their record as it is now.",
            uniqueNumberIsConflict: true, ct);
        return pairing;
    }

    /// <summary>The note on the mentor's future meetings with the person that ending mentoring cancels.</summary>
    public const string MeetingsCancelledNote = "Mentoring ended";

    /// <summary>
    /// Ends the person's active pairing, with who, when and why, and cancels (by the team, note
    /// <see cref="MeetingsCancelledNote"/>) the mentor's appointments with them still to come, with their unsent
    /// reminders. Audited; one save.
    /// </summary>
    /// <param name="personId">The mentee.</param>
    /// <param name="reason">Why it ends; required, up to <see cref="MentoringRules.MaxEndReason"/> characters.</param>
    /// <param name="expectedVersion">The pairing's version as the page showed it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="UnauthorizedAccessException">The user is not a team manager.</exception>
    /// <exception cref="KeyNotFoundException">The person has no active pairing the team can see.</exception>
    /// <exception cref="ValidationFailedException">No reason, or too long a reason (field "Reason").</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed or ended it since <paramref name="expectedVersion"/>.</exception>
    public async Task EndAsync(Guid personId, string? reason, Guid expectedVersion, CancellationToken ct = default)
    {
        RequireManager();
        if (MentoringRules.EndReasonProblem(reason) is { } problem) throw ValidationFailedException.For("Reason", problem);
        var pairing = await Pairings.FirstOrDefaultAsync(p => p.TeamId == TeamId && p.PersonId == personId && p.EndedAt == null, ct)
            ?? throw new KeyNotFoundException("No active mentoring.");
        db.ExpectVersion(pairing, expectedVersion);
        pairing.EndedAt = clock.GetUtcNow();
        pairing.EndedByUserId = user.UserId;
        pairing.EndReason = reason!.Trim();
        audit.Add(AuditAction.Closed, nameof(MentoringPairing), pairing.Id.ToString(), personId, "Mentoring ended");
        // The mentor can no longer see their meetings with the person, so those still to come are cancelled by the team in
        // the same save, with their reminders still to be sent (as AppointmentService does for a cancellation).
        var now = pairing.EndedAt.Value;
        var set = db.Set<Appointment>();
        var meetings = await set.Where(a => a.TeamId == TeamId && a.PersonId == personId && a.WorkerUserId == pairing.MentorUserId
                && a.StartsAt > now && a.Outcome == null && !set.Any(n => n.SupersedesId == a.Id))
            .ToListAsync(ct);
        foreach (var a in meetings)
        {
            a.Outcome = AppointmentOutcome.CancelledByTeam;
            a.OutcomeNote = MeetingsCancelledNote;
            a.OutcomeRecordedAt = now;
            a.OutcomeRecordedByUserId = user.UserId;
            audit.Add(AuditAction.Updated, nameof(Appointment), a.Id.ToString(), a.PersonId, $"Outcome: {AppointmentRules.Display(AppointmentOutcome.CancelledByTeam)} (mentoring ended)");
        }
        await reminders.CancelForAppointmentsAsync(meetings.ConvertAll(a => a.Id), "Appointment cancelled", ct);
        await db.SaveOrConflictAsync(ConflictMessage, ct);
    }

    /// <summary>The person's active pairing in the user's team, with names; null when they have none (or the team cannot see them). One query.</summary>
    public async Task<PairingRow?> ActiveOfAsync(Guid personId, CancellationToken ct = default) =>
        (await Rows(Active.Where(p => p.PersonId == personId)).Take(1).ToListAsync(ct)).FirstOrDefault()?.ToRow();

    /// <summary>One page (1-based) of the team's active pairings, newest first: one query through (TeamId, EndedAt, StartedAt).</summary>
    public async Task<PairingsPage> PairingsAsync(int page, CancellationToken ct = default)
    {
        page = Math.Clamp(page, 1, 10_000);
        var rows = await Rows(Active.OrderByDescending(p => p.StartedAt).ThenBy(p => p.Id))
            .Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return new PairingsPage(rows.Take(PageSize).Select(r => r.ToRow()).ToList(), page, rows.Count > PageSize);
    }

    /// <summary>The team's volunteers (who may mentor), as (user id, display name), by name. One query.</summary>
    public Task<IReadOnlyList<(string UserId, string Name)>> VolunteersAsync(CancellationToken ct = default)
        => Caseload.Capacity.MemberNamesAsync(db, TeamId, Volunteers, ct);

    /// <summary>The person's full name, when the team can see them; null otherwise.</summary>
    public Task<string?> PersonNameAsync(Guid personId, CancellationToken ct = default) =>
        PersonNames.FullAsync(db, personId, ct);

    // ---- Mentors -----------------------------------------------------------------------------------------------

    /// <summary>
    /// The mentor's (the user's) active mentees, by name, each with the start of the mentor's next appointment with
    /// them: one query. Empty for a user who does not hold <see cref="Permission.Mentor"/>.
    /// </summary>
    public async Task<IReadOnlyList<MenteeRow>> MenteesAsync(CancellationToken ct = default)
    {
        if (!IsMentor) return [];
        var me = user.UserId;
        var now = clock.GetUtcNow();
        var appointments = db.Set<Appointment>();
        var rows = await Active.Where(p => p.MentorUserId == me)
            .Join(db.People, p => p.PersonId, x => x.Id, (p, x) => new
            {
                p.PersonId, x.GivenName, x.FamilyName,
                Next = appointments.Where(a => a.PersonId == p.PersonId && a.WorkerUserId == me && a.StartsAt > now && a.Outcome == null
                        && !appointments.Any(n => n.SupersedesId == a.Id))
                    .OrderBy(a => a.StartsAt).Select(a => (DateTimeOffset?)a.StartsAt).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new MenteeRow(r.PersonId, PersonNames.Full(r.GivenName, r.FamilyName), r.Next))
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The mentee, when <paramref name="personId"/> is an active mentee of the user (a mentor); null otherwise — not
    /// their mentee, an ended pairing, another team's person, or the user is not a mentor. One query.
    /// </summary>
    public async Task<Mentee?> MenteeAsync(Guid personId, CancellationToken ct = default)
    {
        if (!IsMentor) return null;
        var me = user.UserId;
        var row = await Active.Where(p => p.PersonId == personId && p.MentorUserId == me)
            .Join(db.People, p => p.PersonId, x => x.Id, (p, x) => new { Pairing = p, x.GivenName, x.FamilyName, x.PreferredName })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new Mentee(row.Pairing, row.GivenName, row.FamilyName, row.PreferredName);
    }

    /// <summary>
    /// The mentor's own appointments with their mentee (never another worker's): upcoming first by start, then up to
    /// <see cref="OwnShown"/> past ones, newest first. Empty for anyone not their mentor.
    /// </summary>
    public async Task<(IReadOnlyList<Appointment> Upcoming, IReadOnlyList<Appointment> Past)> OwnAppointmentsAsync(Guid personId, CancellationToken ct = default) =>
        await MenteeAsync(personId, ct) is { } mentee ? await OwnAppointmentsAsync(mentee, ct) : ([], []);

    /// <summary>
    /// As <see cref="OwnAppointmentsAsync(Guid, CancellationToken)"/>, for a mentee already loaded by <see cref="MenteeAsync"/>
    /// in this request (no second pairing check; empty when the pairing is not the user's).
    /// </summary>
    public async Task<(IReadOnlyList<Appointment> Upcoming, IReadOnlyList<Appointment> Past)> OwnAppointmentsAsync(Mentee mentee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(mentee);
        if (!IsMentor || mentee.Pairing.MentorUserId != user.UserId) return ([], []);
        var personId = mentee.Pairing.PersonId;
        var me = user.UserId;
        var now = clock.GetUtcNow();
        var set = db.Set<Appointment>();
        var mine = set.AsNoTracking().Where(a => a.PersonId == personId && a.WorkerUserId == me && !set.Any(n => n.SupersedesId == a.Id));
        var upcoming = await mine.Where(a => a.StartsAt > now).OrderBy(a => a.StartsAt).Take(OwnShown).ToListAsync(ct);
        var past = await mine.Where(a => a.StartsAt <= now).OrderByDescending(a => a.StartsAt).Take(OwnShown).ToListAsync(ct);
        return (upcoming, past);
    }

    /// <summary>
    /// The mentor's own current mentoring contacts with their mentee (kind <see cref="ContactKind.Mentoring"/>, worker
    /// the mentor; never another worker's notes), newest first, up to <see cref="OwnShown"/>. Empty for anyone not their mentor.
    /// </summary>
    public async Task<IReadOnlyList<Contact>> OwnContactsAsync(Guid personId, CancellationToken ct = default) =>
        await MenteeAsync(personId, ct) is { } mentee ? await OwnContactsAsync(mentee, ct) : [];

    /// <summary>
    /// As <see cref="OwnContactsAsync(Guid, CancellationToken)"/>, for a mentee already loaded by <see cref="MenteeAsync"/>
    /// in this request (no second pairing check; empty when the pairing is not the user's).
    /// </summary>
    public async Task<IReadOnlyList<Contact>> OwnContactsAsync(Mentee mentee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(mentee);
        if (!IsMentor || mentee.Pairing.MentorUserId != user.UserId) return [];
        var personId = mentee.Pairing.PersonId;
        var me = user.UserId;
        return await db.Set<Contact>().AsNoTracking()
            .Where(c => c.PersonId == personId && c.Kind == ContactKind.Mentoring && c.WorkerUserId == me && c.SupersededAt == null && c.EnteredInErrorAt == null)
            .OrderByDescending(c => c.OccurredAt).Take(OwnShown).ToListAsync(ct);
    }

    /// <summary>
    /// Records a mentoring contact with the mentor's mentee: a <see cref="Contact"/> of kind
    /// <see cref="ContactKind.Mentoring"/> with the mentor as the worker, on the person's newest open episode of the team
    /// (none after discharge). Audited; one save.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The person is not an active mentee of the user.</exception>
    /// <exception cref="ValidationFailedException">Every problem with the input (<see cref="MentoringRules.Problems(MentoringContactInput, DateOnly, DateTimeOffset)"/>).</exception>
    public async Task<Contact> RecordContactAsync(Guid personId, MentoringContactInput input, CancellationToken ct = default)
    {
        var mentee = await MenteeAsync(personId, ct) ?? throw new KeyNotFoundException("Not your mentee.");
        var now = clock.GetUtcNow();
        ValidationFailedException.ThrowIfAny(MentoringRules.Problems(input, Since(mentee.Pairing), now));
        var episode = (await OpenEpisodes.OfPersonAsync(db, personId, TeamId, ct)).FirstOrDefault();
        var contact = new Contact
        {
            TeamId = TeamId, PersonId = personId, EpisodeId = episode?.Id, Kind = ContactKind.Mentoring,
            Reached = input.Reached!.Value, OccurredAt = input.OccurredAt!.Value, DurationMinutes = input.DurationMinutes,
            WorkerUserId = user.UserId!, Note = input.Note?.Trim() ?? "", RecordedAt = now, RecordedByUserId = user.UserId!,
        };
        db.Set<Contact>().Add(contact);
        audit.Add(AuditAction.Created, nameof(Contact), contact.Id.ToString(), personId,
            $"Kind={contact.Kind}; Reached={contact.Reached}; by their mentor");
        await db.SaveChangesAsync(ct);
        return contact;
    }

    /// <summary>
    /// Books the mentor's own meeting with their mentee: an <see cref="Appointment"/> in the mentor's name, for
    /// <see cref="MentoringRules.AppointmentPurpose"/>, with no reminders, on the person's newest open episode of the team
    /// (none after discharge). The time, length and place are read by <see cref="AppointmentRules.Read"/> (the same rules
    /// as any booking). Audited; one save.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The person is not an active mentee of the user.</exception>
    /// <exception cref="ValidationFailedException">Every problem with the date, time, length or place.</exception>
    public async Task<Appointment> BookAsync(Guid personId, AppointmentInput input, CancellationToken ct = default)
    {
        _ = await MenteeAsync(personId, ct) ?? throw new KeyNotFoundException("Not your mentee.");
        var now = clock.GetUtcNow();
        var own = input with
        {
            Purpose = MentoringRules.AppointmentPurpose, WorkerUserId = user.UserId, Accompanied = false, WithWhom = null,
            RemindByText = false, RemindByEmail = false, EpisodeId = null,
        };
        var (at, problems) = AppointmentRules.Read(own, now);
        ValidationFailedException.ThrowIfAny(problems);
        var episode = (await OpenEpisodes.OfPersonAsync(db, personId, TeamId, ct)).FirstOrDefault();
        var appointment = new Appointment
        {
            TeamId = TeamId, PersonId = personId, EpisodeId = episode?.Id, StartsAt = at!.Value,
            DurationMinutes = own.DurationMinutes!.Value, Location = own.Location!.Trim(), WorkerUserId = user.UserId!,
            Purpose = MentoringRules.AppointmentPurpose, BookedAt = now, BookedByUserId = user.UserId!,
        };
        db.Set<Appointment>().Add(appointment);
        audit.Add(AuditAction.Created, nameof(Appointment), appointment.Id.ToString(), personId,
            $"Mentoring meeting at {appointment.StartsAt:O} for {appointment.DurationMinutes} minutes; booked by their mentor");
        await db.SaveChangesAsync(ct);
        return appointment;
    }

    /// <summary>The first UK day a mentoring contact may be dated: the earlier of the agreement and the pairing's start.</summary>
    public static DateOnly Since(MentoringPairing pairing)
    {
        var started = UkTime.DateOf(pairing.StartedAt);
        return pairing.AgreedOn < started ? pairing.AgreedOn : started;
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    private bool IsMentor => user.TeamId is not null && Permissions.Allows(user.Role, Permission.Mentor);

    private void RequireManager()
    {
        if (!Permissions.Allows(user.Role, Permission.ManageTeam)) throw new UnauthorizedAccessException("Only a team manager pairs mentors.");
    }

    /// <summary>The team's members whose role is <see cref="Roles.Volunteer"/>.</summary>
    /// <summary>The roles whose members may mentor.</summary>
    private static readonly string[] Volunteers = [Roles.Volunteer];

    private IQueryable<RowData> Rows(IQueryable<MentoringPairing> pairings) =>
        pairings.Join(db.People, p => p.PersonId, x => x.Id, (p, x) => new RowData
        {
            Pairing = p, GivenName = x.GivenName, FamilyName = x.FamilyName,
            MentorName = db.Users.Where(u => u.Id == p.MentorUserId).Select(u => u.DisplayName).FirstOrDefault(),
        });

    private static string Shares(MentoringPairing p) => (p.SharesActionPlan, p.SharesCrisisPlan) switch
    {
        (true, true) => "action plan, crisis plan",
        (true, false) => "action plan",
        (false, true) => "crisis plan",
        _ => "no plans",
    };

    private sealed class RowData
    {
        public required MentoringPairing Pairing { get; init; }
        public required string GivenName { get; init; }
        public required string FamilyName { get; init; }
        public string? MentorName { get; init; }

        public PairingRow ToRow() => new(Pairing.Id, Pairing.PersonId, PersonNames.Full(GivenName, FamilyName), Pairing.MentorUserId,
            MentorName ?? "unknown", Pairing.AgreedOn, Pairing.StartedAt, Pairing.SharesActionPlan, Pairing.SharesCrisisPlan, Pairing.Version);
    }
}
