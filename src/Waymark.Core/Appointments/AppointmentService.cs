using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Episodes;
using Waymark.Persistence;
using Waymark.Reminders;
using Waymark.Teams;

namespace Waymark.Appointments;

/// <summary>An appointment in a diary or a list, with the person's name joined in the same query.</summary>
/// <param name="Appointment">The appointment (not tracked).</param>
/// <param name="GivenName">The person's given name.</param>
/// <param name="FamilyName">The person's family name.</param>
/// <param name="RescheduledToId">The appointment that supersedes it, when it was rescheduled.</param>
public sealed record DiaryEntry(Appointment Appointment, string GivenName, string FamilyName, Guid? RescheduledToId)
{
    /// <summary>The person's full name as the diary shows it.</summary>
    public string PersonName => People.PersonNames.Full(GivenName, FamilyName);
}

/// <summary>One appointment with what the details page shows: the person, who, what replaced it, what it replaced, its reminders.</summary>
public sealed record AppointmentDetails(DiaryEntry Entry, string WorkerName, string BookedByName, string? OutcomeByName,
    Appointment? RescheduledFrom, Appointment? RescheduledTo, IReadOnlyList<Reminder> Reminders)
{
    /// <summary>The appointment.</summary>
    public Appointment Appointment => Entry.Appointment;
}

/// <summary>A person's (or an episode's) next and latest appointments, for the section on their pages.</summary>
public sealed record PersonAppointments(IReadOnlyList<DiaryEntry> Upcoming, IReadOnlyList<DiaryEntry> Past);

/// <summary>An open episode offered when booking.</summary>

/// <summary>
/// Books appointments, records their outcomes, reschedules them and reads diaries (issue 13 item 2). Thin
/// orchestration (ADR 4): validate, load, change, plan or cancel reminders (<see cref="ReminderPlanner"/>, same unit of
/// work), audit, save once. Only the team that holds an appointment changes it.
/// </summary>
public class AppointmentService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock, ReminderPlanner reminders)
{
    /// <summary>What a user is told when someone else saved the appointment first.</summary>
    public const string ConflictMessage = "Someone else changed this appointment while you were working on it. Check what it says now and try again.";
    /// <summary>The appointments section shows this many upcoming (5) and past (3) ones.</summary>
    public const int UpcomingShown = 5, PastShown = 3;

    private DbSet<Appointment> Appointments => db.Set<Appointment>();

    /// <summary>
    /// What planning reminders did for the last appointment this service (one per request) booked or rescheduled, so the
    /// page can say why a reminder asked for was not planned (e.g. "No text reminder: it is too late to send one ...");
    /// null before any booking.
    /// </summary>
    public ReminderPlan? LastReminderPlan { get; private set; }

    private Guid TeamId => user.TeamId ?? throw new InvalidOperationException("Appointments are booked by a member of a team.");

    /// <summary>
    /// Books an appointment for <paramref name="personId"/> in the user's team, on the person's open episode of the team
    /// (the only one, or the one chosen; none after discharge), plans its reminders and audits it; one save.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such person the team knows.</exception>
    /// <exception cref="ValidationFailedException">Every problem with the input (time, length, place, worker, consent, episode).</exception>
    public async Task<Appointment> BookAsync(Guid personId, AppointmentInput input, CancellationToken ct = default)
    {
        var appointment = await NewAsync(personId, input, ct);
        Appointments.Add(appointment);
        audit.Add(AuditAction.Created, nameof(Appointment), appointment.Id.ToString(), personId, Describe(appointment));
        var plan = await reminders.PlanForAppointmentAsync(appointment, user.UserId!, ct);
        await db.SaveChangesAsync(ct);
        LastReminderPlan = plan;
        return appointment;
    }

    /// <summary>The person's open episodes held by the user's team, newest first (to choose one when booking; <see cref="OpenEpisodes"/>).</summary>
    public Task<IReadOnlyList<EpisodeChoice>> OpenEpisodesAsync(Guid personId, CancellationToken ct = default) =>
        OpenEpisodes.OfPersonAsync(db, personId, TeamId, ct);

    /// <summary>The members of the user's team who hold a caseload (may have appointments), by name.</summary>
    public Task<IReadOnlyList<(string UserId, string Name)>> WorkersAsync(CancellationToken ct = default) =>
        Caseload.Capacity.CaseWorkerNamesAsync(db, TeamId, ct);

    /// <summary>Whether <paramref name="userId"/> is a member of the user's team who holds a caseload.</summary>
    public Task<bool> IsWorkerAsync(string? userId, CancellationToken ct = default) =>
        Caseload.Capacity.IsCaseWorkerAsync(db, TeamId, userId, ct);

    private async Task<Appointment> NewAsync(Guid personId, AppointmentInput input, CancellationToken ct, Appointment? replacing = null)
    {
        var team = TeamId;
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new KeyNotFoundException("Person not found.");
        var now = clock.GetUtcNow();
        var (at, problems) = AppointmentRules.Read(input, now);
        var worker = string.IsNullOrWhiteSpace(input.WorkerUserId) ? user.UserId! : input.WorkerUserId;
        if (!await IsWorkerAsync(worker, ct))
            problems.Add((nameof(AppointmentInput.WorkerUserId), "Select a member of your team who holds a caseload"));
        problems.AddRange(AppointmentRules.ConsentProblems(input.RemindByText, input.RemindByEmail, person));
        var open = (await OpenEpisodes.OfPersonAsync(db, personId, team, ct)).Select(e => e.Id).ToList();
        Guid? episodeId = null;
        if (input.EpisodeId is { } chosen)
        {
            if (open.Contains(chosen)) episodeId = chosen;
            else problems.Add((nameof(AppointmentInput.EpisodeId), "Select one of their open episodes with your team"));
        }
        else if (open.Count == 1) episodeId = open[0];
        else if (open.Count > 1) problems.Add((nameof(AppointmentInput.EpisodeId), "Select which of their open episodes the appointment is part of"));
        // A release-day appointment (issue 14 item 4) names the person's release plan held by this team.
        if (input.ReleasePlanId is { } plan && !await db.Set<ThroughTheGate.ReleasePlan>().AnyAsync(r => r.Id == plan && r.PersonId == personId && r.TeamId == team, ct))
            problems.Add((nameof(AppointmentInput.ReleasePlanId), "The release plan was not found: book the appointment from their release plan"));
        ValidationFailedException.ThrowIfAny(problems);
        return new Appointment
        {
            TeamId = team, PersonId = personId, EpisodeId = episodeId, StartsAt = at!.Value,
            DurationMinutes = input.DurationMinutes!.Value, Location = input.Location!.Trim(), WorkerUserId = worker,
            Purpose = input.Purpose!.Trim(), Accompanied = input.Accompanied,
            WithWhom = string.IsNullOrWhiteSpace(input.WithWhom) ? null : input.WithWhom.Trim(),
            RemindByText = input.RemindByText, RemindByEmail = input.RemindByEmail,
            SupersedesId = replacing?.Id, BookedAt = now, BookedByUserId = user.UserId!,
            ReleasePlanId = input.ReleasePlanId ?? replacing?.ReleasePlanId,
        };
    }

    /// <summary>
    /// Records (or, over <paramref name="expectedVersion"/>, corrects) what happened. Attended and attended late also
    /// record a successful contact, did not attend an unsuccessful one (a corrected outcome's contact is replaced or
    /// marked entered in error); a cancellation cancels the reminders still to be sent. Audited; one save.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such appointment the team can see.</exception>
    /// <exception cref="AppointmentRuleException">Another team's appointment, a rescheduled one, or attendance before the start.</exception>
    /// <exception cref="ValidationFailedException">No outcome chosen, or the note is too long.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it since <paramref name="expectedVersion"/>.</exception>
    public async Task<Appointment> RecordOutcomeAsync(Guid id, AppointmentOutcome? outcome, string? note, Guid expectedVersion, CancellationToken ct = default)
    {
        var problems = new List<(string, string)>();
        if (outcome is not { } o || !Enum.IsDefined(o)) problems.Add(("Outcome", "Select what happened"));
        if (note is { } n && n.Trim().Length > AppointmentRules.MaxNote) problems.Add(("Note", "The note must be 1,000 characters or fewer"));
        ValidationFailedException.ThrowIfAny(problems);
        var chosen = outcome!.Value;
        var a = await ToChangeAsync(id, ct);
        var now = clock.GetUtcNow();
        var rescheduled = await Appointments.AnyAsync(x => x.SupersedesId == id, ct);
        if (AppointmentRules.OutcomeRefusal(a, chosen, rescheduled, now) is { } refusal) throw new AppointmentRuleException(refusal);
        db.ExpectVersion(a, expectedVersion);
        var previous = a.Outcome;
        a.Outcome = chosen;
        a.OutcomeNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        a.OutcomeRecordedAt = now;
        a.OutcomeRecordedByUserId = user.UserId;
        audit.Add(AuditAction.Updated, nameof(Appointment), a.Id.ToString(), a.PersonId,
            previous is { } p ? $"Outcome corrected: {AppointmentRules.Display(p)} to {AppointmentRules.Display(chosen)}" : $"Outcome: {AppointmentRules.Display(chosen)}");

        // The contact the outcome stands for: a correction replaces (or withdraws) the one recorded before.
        var earlier = previous is null ? null : await db.Set<Contact>()
            .FirstOrDefaultAsync(c => c.AppointmentId == id && c.SupersededAt == null && c.EnteredInErrorAt == null, ct);
        Contact? contact = null;
        if (AppointmentRules.IsAttendance(chosen))
        {
            var came = chosen != AppointmentOutcome.DidNotAttend;
            contact = new Contact
            {
                TeamId = a.TeamId, PersonId = a.PersonId, EpisodeId = a.EpisodeId,
                Kind = a.Accompanied ? ContactKind.AccompaniedToAppointment : ContactKind.FaceToFace,
                Reached = came, OccurredAt = a.StartsAt, DurationMinutes = came ? a.DurationMinutes : null,
                WorkerUserId = a.WorkerUserId, WithWhom = a.WithWhom, AppointmentId = a.Id,
                Note = $"{AppointmentRules.Display(chosen)}: {a.Purpose}" + (a.OutcomeNote is { } x ? $"\n{x}" : ""),
                SupersedesId = earlier?.Id, RecordedAt = now, RecordedByUserId = user.UserId!,
            };
            db.Set<Contact>().Add(contact);
            audit.Add(AuditAction.Created, nameof(Contact), contact.Id.ToString(), a.PersonId,
                $"From appointment {a.Id}: {AppointmentRules.Display(chosen)}");
        }
        if (earlier is not null)
        {
            if (contact is not null) earlier.SupersededAt = now;
            else
            {
                earlier.EnteredInErrorAt = now;
                earlier.EnteredInErrorByUserId = user.UserId;
                earlier.EnteredInErrorReason = $"Appointment outcome corrected to {AppointmentRules.Display(chosen)}";
            }
            audit.Add(AuditAction.Updated, nameof(Contact), earlier.Id.ToString(), a.PersonId,
                contact is not null ? $"Superseded by {contact.Id}" : "Entered in error: appointment outcome corrected");
        }
        if (AppointmentRules.IsCancellation(chosen)) await reminders.CancelForAppointmentAsync(a.Id, "Appointment cancelled", ct);
        await db.SaveOrConflictAsync(ConflictMessage, ct);
        return a;
    }

    /// <summary>
    /// Reschedules: books a new appointment from <paramref name="input"/> that supersedes <paramref name="id"/> (kept,
    /// shown as rescheduled), cancels the old one's reminders and plans the new one's. Audited; one save.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such appointment the team can see.</exception>
    /// <exception cref="AppointmentRuleException">Another team's, one with an outcome, or one already rescheduled.</exception>
    /// <exception cref="ValidationFailedException">Every problem with the new appointment, no reason given, or nothing that matters changed (<see cref="AppointmentRules.SameAppointment"/>).</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else changed (or rescheduled) it since <paramref name="expectedVersion"/>.</exception>
    public async Task<Appointment> RescheduleAsync(Guid id, AppointmentInput input, string? reason, Guid expectedVersion, CancellationToken ct = default)
    {
        var old = await ToChangeAsync(id, ct);
        var rescheduled = await Appointments.AnyAsync(x => x.SupersedesId == id, ct);
        if (AppointmentRules.RescheduleRefusal(old, rescheduled) is { } refusal) throw new AppointmentRuleException(refusal);
        List<(string Field, string Message)> reasonProblems = string.IsNullOrWhiteSpace(reason) ? [("Reason", "Enter why it is being rescheduled")]
            : reason.Trim().Length > AppointmentRules.MaxReason ? [("Reason", "The reason must be 500 characters or fewer")] : [];
        Appointment next;
        try
        {
            next = await NewAsync(old.PersonId, input, ct, old);
        }
        catch (ValidationFailedException e) when (reasonProblems.Count > 0)
        {
            throw new ValidationFailedException(e.Problems.Concat(reasonProblems.Select(p => new ValidationProblem(p.Field, p.Message))));
        }
        if (AppointmentRules.SameAppointment(old, next)) reasonProblems.Insert(0, (nameof(AppointmentInput.Date), AppointmentRules.NothingChangedMessage));
        ValidationFailedException.ThrowIfAny(reasonProblems);
        next.RescheduleReason = reason!.Trim();
        // The old row's version moves too, so two people rescheduling at once cannot both succeed.
        db.ExpectVersion(old, expectedVersion);
        Appointments.Add(next);
        audit.Add(AuditAction.Created, nameof(Appointment), next.Id.ToString(), next.PersonId, Describe(next) + $"; reschedules {old.Id}");
        audit.Add(AuditAction.Updated, nameof(Appointment), old.Id.ToString(), old.PersonId, $"Rescheduled to {next.Id}");
        await reminders.CancelForAppointmentAsync(old.Id, "Appointment rescheduled", ct);
        var plan = await reminders.PlanForAppointmentAsync(next, user.UserId!, ct);
        await db.SaveOrConflictAsync(ConflictMessage, ct);
        LastReminderPlan = plan;
        return next;
    }

    /// <summary>The appointment tracked for a change by the user's team.</summary>
    private async Task<Appointment> ToChangeAsync(Guid id, CancellationToken ct)
    {
        var a = await Appointments.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new KeyNotFoundException("Appointment not found.");
        if (a.TeamId != user.TeamId) throw new AppointmentRuleException("This appointment belongs to another team. You can see it, but only that team can change it.");
        return a;
    }

    /// <summary>One appointment the team can see, with its names, history and reminders; null when there is none.</summary>
    public async Task<AppointmentDetails?> DetailsAsync(Guid id, CancellationToken ct = default)
    {
        var entry = (await ListAsync(Rows(Appointments.Where(a => a.Id == id)), ct)).FirstOrDefault();
        if (entry is null) return null;
        var a = entry.Appointment;
        var from = a.SupersedesId is { } s ? await Appointments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == s, ct) : null;
        var to = entry.RescheduledToId is { } t ? await Appointments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == t, ct) : null;
        var list = await db.Set<Reminder>().AsNoTracking().Where(r => r.AppointmentId == id).OrderBy(r => r.DueAt).ThenBy(r => r.Channel).ToListAsync(ct);
        var names = await db.DisplayNamesAsync([a.WorkerUserId, a.BookedByUserId, a.OutcomeRecordedByUserId], ct);
        return new AppointmentDetails(entry, names.GetValueOrDefault(a.WorkerUserId) ?? "unknown", names.GetValueOrDefault(a.BookedByUserId) ?? "unknown",
            a.OutcomeRecordedByUserId is { } o ? names.GetValueOrDefault(o) ?? "unknown" : null, from, to, list);
    }

    /// <summary>
    /// A worker's diary for one UK day (midnight to midnight, London time: 23 or 25 hours at a clock change), in the
    /// user's team, earliest first; one query on the (TeamId, WorkerUserId, StartsAt) index with the names joined.
    /// </summary>
    public Task<List<DiaryEntry>> DayAsync(string workerId, DateOnly date, CancellationToken ct = default) =>
        RangeAsync(workerId, date, date.AddDays(1), ct);

    /// <summary>A worker's diary for the UK week starting on <paramref name="weekStart"/> (moved back to its Monday), as <see cref="DayAsync"/>.</summary>
    public Task<List<DiaryEntry>> WeekAsync(string workerId, DateOnly weekStart, CancellationToken ct = default)
    {
        var monday = MondayOf(weekStart);
        return RangeAsync(workerId, monday, monday.AddDays(7), ct);
    }

    /// <summary>The Monday of the week <paramref name="day"/> is in.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private async Task<List<DiaryEntry>> RangeAsync(string workerId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        // UK midnight never falls in a clock change (they happen at 01:00 UTC), so each bound is one instant.
        var start = UkTime.FromLocal(from, TimeOnly.MinValue);
        var end = UkTime.FromLocal(to, TimeOnly.MinValue);
        var team = TeamId;
        return await ListAsync(Rows(Appointments.Where(a => a.TeamId == team && a.WorkerUserId == workerId && a.StartsAt >= start && a.StartsAt < end))
            .OrderBy(r => r.A.StartsAt), ct);
    }

    /// <summary>
    /// The person's (or, with <paramref name="episodeId"/>, the episode's) next <see cref="UpcomingShown"/> appointments
    /// (not rescheduled, no outcome yet or later than now) and latest <see cref="PastShown"/>; one query.
    /// </summary>
    public async Task<PersonAppointments> ForPersonAsync(Guid personId, Guid? episodeId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var of = Appointments.Where(a => a.PersonId == personId && (episodeId == null || a.EpisodeId == episodeId));
        var upcoming = Rows(of.Where(a => a.StartsAt >= now)).OrderBy(r => r.A.StartsAt).Take(UpcomingShown);
        var past = Rows(of.Where(a => a.StartsAt < now)).OrderByDescending(r => r.A.StartsAt).Take(PastShown);
        var rows = await ListAsync(upcoming.Concat(past), ct);
        return new PersonAppointments(rows.Where(r => r.Appointment.StartsAt >= now).OrderBy(r => r.Appointment.StartsAt).ToList(),
            rows.Where(r => r.Appointment.StartsAt < now).OrderByDescending(r => r.Appointment.StartsAt).ToList());
    }

    /// <summary>The release-day appointments booked for a release plan (issue 14 item 4), rescheduled ones included (with what replaced them), earliest first; one query.</summary>
    public Task<List<DiaryEntry>> ForReleasePlanAsync(Guid releasePlanId, CancellationToken ct = default) =>
        ListAsync(Rows(Appointments.Where(a => a.ReleasePlanId == releasePlanId)).OrderBy(r => r.A.StartsAt), ct);

    /// <summary>An appointment with its person's names and what superseded it, as the database returns it (orderable).</summary>
    private sealed class Row
    {
        public required Appointment A { get; init; }
        public required string Given { get; init; }
        public required string Family { get; init; }
        public Guid? To { get; init; }
    }

    private IQueryable<Row> Rows(IQueryable<Appointment> appointments) =>
        from a in appointments.AsNoTracking()
        join p in db.People on a.PersonId equals p.Id
        select new Row { A = a, Given = p.GivenName, Family = p.FamilyName, To = Appointments.Where(x => x.SupersedesId == a.Id).Select(x => (Guid?)x.Id).FirstOrDefault() };

    private static async Task<List<DiaryEntry>> ListAsync(IQueryable<Row> rows, CancellationToken ct) =>
        (await rows.ToListAsync(ct)).Select(r => new DiaryEntry(r.A, r.Given, r.Family, r.To)).ToList();

    /// <summary>The audit detail of a booking: coded facts only (no place, purpose or names).</summary>
    private static string Describe(Appointment a) =>
        $"Appointment {a.StartsAt:u} for {a.DurationMinutes} minutes" + (a.Accompanied ? ", accompanied" : "")
        + (a.RemindByText ? ", text reminder" : "") + (a.RemindByEmail ? ", email reminder" : "");
}
