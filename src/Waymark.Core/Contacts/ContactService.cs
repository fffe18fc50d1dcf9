using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Appointments;
using Waymark.Audit;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Contacts;

/// <summary>What a person's timeline shows; all filters are optional (null or empty: no filter).</summary>
public sealed record TimelineFilter
{
    /// <summary>Only contacts of these kinds (appointments and milestones are then left out).</summary>
    public IReadOnlyList<ContactKind> Kinds { get; init; } = [];
    /// <summary>Only contacts that reached the person (true) or attempts that did not (false); appointments and milestones are then left out.</summary>
    public bool? Reached { get; init; }
    /// <summary>From this UK date (inclusive).</summary>
    public DateOnly? From { get; init; }
    /// <summary>To this UK date (inclusive).</summary>
    public DateOnly? To { get; init; }
    /// <summary>Only what belongs to this episode.</summary>
    public Guid? EpisodeId { get; init; }
    /// <summary>Only contacts and appointments of this worker, and milestones they recorded.</summary>
    public string? WorkerUserId { get; init; }
    /// <summary>Also show contacts that were corrected (replaced by a later version) or marked as entered in error.</summary>
    public bool IncludeCorrected { get; init; }

    /// <summary>Whether the filter is about contacts only (a kind or reached chosen).</summary>
    public bool ContactsOnly => Kinds.Count > 0 || Reached is not null;
}

/// <summary>What a timeline entry is.</summary>
public enum TimelineEntryType
{
    /// <summary>A contact or an attempt (<see cref="Contact"/>); its id is <see cref="TimelineItem.RecordId"/>.</summary>
    Contact,
    /// <summary>An appointment (<see cref="Appointment"/>); its id is <see cref="TimelineItem.RecordId"/>.</summary>
    Appointment,
    /// <summary>A step of the record or an episode: created, identified, screened, assessed, closed (<see cref="PersonRecords.TimelineAsync"/>).</summary>
    Milestone,
    /// <summary>A referral made to a local service (<see cref="Referrals.Referral"/>); its id is <see cref="TimelineItem.RecordId"/>.</summary>
    Referral,
}

/// <summary>One entry of a person's timeline.</summary>
/// <param name="Type">What it is.</param>
/// <param name="At">When it happened (or, for an appointment, when it starts).</param>
/// <param name="Title">What, in words ("Phone call", "Appointment: housing options", "Screened").</param>
/// <param name="Detail">The note, place or detail, or null.</param>
/// <param name="ByName">The worker (contacts, appointments) or who recorded it (milestones), or null when not known.</param>
/// <param name="EpisodeId">The episode it belongs to, or null.</param>
/// <param name="RecordId">The contact's or appointment's id; null for a milestone.</param>
/// <param name="Status">
/// "Not reached", "Corrected", "Entered in error" for a contact; "Booked", "Rescheduled" or the outcome for an
/// appointment; null otherwise.
/// </param>
/// <param name="WithWhom">For a contact or appointment: who else was there, or null.</param>
/// <param name="NetworkMember">For a contact with a member of the person's support network: "{name} ({relationship})", or null.</param>
public sealed record TimelineItem(TimelineEntryType Type, DateTimeOffset At, string Title, string? Detail, string? ByName,
    Guid? EpisodeId, Guid? RecordId, string? Status, string? WithWhom = null, string? NetworkMember = null);

/// <summary>A page of a person's timeline, newest first.</summary>
/// <param name="Items">Up to <see cref="ContactService.PageSize"/> entries.</param>
/// <param name="PageNumber">The page, 1-based.</param>
/// <param name="HasNext">Whether a later page has entries.</param>
public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, int PageNumber, bool HasNext);

/// <summary>A contact as a list shows it, with the worker's name.</summary>
public sealed record ContactRow(Contact Contact, string? WorkerName);

/// <summary>The person's latest contacts and when they were last reached (the person and episode pages).</summary>
/// <param name="Latest">Up to 5 current contacts, newest first.</param>
/// <param name="LastReachedAt">When the person was last reached (a current contact with Reached), or null when never.</param>
public sealed record RecentContacts(IReadOnlyList<ContactRow> Latest, DateTimeOffset? LastReachedAt);

/// <summary>One contact with its history.</summary>
/// <param name="Contact">The contact asked for.</param>
/// <param name="Versions">Every version of it, the first recorded first, the asked-for one included.</param>
/// <param name="Names">Display names of the workers and recorders involved, by user id.</param>
/// <param name="PersonName">The person's full name.</param>
public sealed record ContactHistory(Contact Contact, IReadOnlyList<Contact> Versions, IReadOnlyDictionary<string, string> Names, string PersonName)
{
    /// <summary>The version that replaced the asked-for contact, or null when it is the latest.</summary>
    public Contact? CorrectedBy => Versions.FirstOrDefault(v => v.SupersedesId == Contact.Id);

    /// <summary>The display name of <paramref name="userId"/>, or "unknown".</summary>
    public string NameOf(string? userId) => userId is not null && Names.TryGetValue(userId, out var n) ? n : "unknown";
}

/// <summary>
/// Contacts (case notes): recording one for a person the team knows, correcting it (a new version supersedes it, both
/// kept), marking it entered in error, and the person's timeline of contacts, appointments and milestones. Thin
/// orchestration (ADR 4): validate, load through the team filter, add with its audit event, save in one transaction.
/// </summary>
public class ContactService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock, PersonRecords records)
{
    /// <summary>Entries per page of the timeline: 25.</summary>
    public const int PageSize = 25;
    /// <summary>How many contacts the person and episode pages show: 5.</summary>
    public const int RecentCount = 5;
    /// <summary>How long the reason for "entered in error" may be: 500 characters.</summary>
    public const int MaxReason = 500;

    /// <summary>Why someone other than the recorder or a team manager is refused, in the same words everywhere.</summary>
    public const string OnlyRecorderOrManager =
        "Only the person who recorded this contact, or a team manager, can correct it or mark it as entered in error.";

    private const string AlreadyCorrected = "This contact has already been corrected: correct the latest version.";
    private const string AlreadyInError = "This contact has been marked as entered in error, so it cannot be changed.";
    private const string AnotherTeams = "This contact was recorded by another team. You can see it, but only that team can change it.";
    private const string ConflictMessage = "Someone else corrected or marked this contact while you were working on it. Nothing has been saved: look at the contact as it is now.";

    private DbSet<Contact> Contacts => db.Set<Contact>();

    /// <summary>Records a contact with a person the user's team knows.</summary>
    /// <returns>The new contact.</returns>
    /// <exception cref="KeyNotFoundException">No such person the team can see.</exception>
    /// <exception cref="ValidationFailedException">The input has problems (all of them are listed).</exception>
    public async Task<Contact> RecordAsync(Guid personId, ContactInput input, CancellationToken ct = default)
    {
        var teamId = TeamId();
        var (problems, episodeId) = await CheckAsync(personId, input, ct);
        ValidationFailedException.ThrowIfAny(problems);
        var contact = NewContact(personId, teamId, episodeId, input);
        Contacts.Add(contact);
        audit.Add(AuditAction.Created, "Contact", contact.Id.ToString(), personId, Coded(contact));
        await db.SaveChangesAsync(ct);
        return contact;
    }

    /// <summary>
    /// Every problem recording <paramref name="input"/> for the person would meet (the input's own, its date against the
    /// person's history, the worker, the episode), without saving anything: a form whose own reading already failed
    /// shows these too, so the user sees every problem at once.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such person the team can see.</exception>
    public async Task<IReadOnlyList<(string Field, string Message)>> ProblemsAsync(Guid personId, ContactInput input, CancellationToken ct = default) =>
        (await CheckAsync(personId, input, ct)).Problems;

    private async Task<(List<(string Field, string Message)> Problems, Guid? EpisodeId)> CheckAsync(Guid personId, ContactInput input, CancellationToken ct)
    {
        var teamId = TeamId();
        var knownSince = await KnownSince.OfAsync(db, personId, ct) ?? throw new KeyNotFoundException("Person not found.");
        var problems = await ProblemsAsync(input, personId, teamId, knownSince, null, ct);
        var open = await OpenEpisodesAsync(personId, ct);
        Guid? episodeId = null;
        if (input.EpisodeId is { } chosen)
        {
            if (open.Any(e => e.Id == chosen)) episodeId = chosen;
            else problems.Add((nameof(ContactInput.EpisodeId), "Select one of the person's open episodes with your team"));
        }
        else if (open.Count == 1) episodeId = open[0].Id;
        else if (open.Count > 1) problems.Add((nameof(ContactInput.EpisodeId), "Select which episode the contact was part of"));
        return (problems, episodeId);
    }

    /// <summary>
    /// Corrects a contact: a new contact with what is typed supersedes it (<see cref="Contact.SupersedesId"/>) and the
    /// old one gets <see cref="Contact.SupersededAt"/>, both in one save. The correction keeps the person, the team and
    /// the episode of the contact it corrects; the old version is kept and shown as corrected.
    /// </summary>
    /// <returns>The new version.</returns>
    /// <exception cref="KeyNotFoundException">No such contact the team can see.</exception>
    /// <exception cref="ContactRuleException">Another team's contact, or the user neither recorded it nor manages the team, or it is no longer current.</exception>
    /// <exception cref="ValidationFailedException">The input has problems (all of them are listed), or it is the same as
    /// the contact in every field (<see cref="NothingChanged"/>, with an empty field name: for the summary only).</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else corrected it at the same moment.</exception>
    public async Task<Contact> CorrectAsync(Guid contactId, ContactInput input, CancellationToken ct = default)
    {
        var teamId = TeamId();
        var old = await ToChangeAsync(contactId, ct);
        var knownSince = await KnownSince.OfAsync(db, old.PersonId, ct) ?? throw new KeyNotFoundException("Person not found.");
        var problems = await ProblemsAsync(input, old.PersonId, teamId, knownSince, old.Kind, ct);
        ValidationFailedException.ThrowIfAny(problems);

        var now = clock.GetUtcNow();
        var contact = NewContact(old.PersonId, teamId, old.EpisodeId, input);
        // A correction that changes nothing would only make an identical new version. Times are typed to the minute, so
        // the seconds of a stored time are no change.
        static DateTimeOffset ToMinute(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, t.Offset);
        if (contact.Kind == old.Kind && contact.Reached == old.Reached && ToMinute(contact.OccurredAt) == ToMinute(old.OccurredAt)
            && contact.DurationMinutes == old.DurationMinutes && contact.WorkerUserId == old.WorkerUserId
            && contact.WithWhom == old.WithWhom && contact.Note == old.Note && contact.SupportNetworkMemberId == old.SupportNetworkMemberId)
            throw ValidationFailedException.For("", NothingChanged);
        contact.SupersedesId = old.Id;
        contact.AppointmentId = old.AppointmentId;
        old.SupersededAt = now;
        Contacts.Add(contact);
        audit.Add(AuditAction.Updated, "Contact", old.Id.ToString(), old.PersonId, $"Corrected by {contact.Id}");
        audit.Add(AuditAction.Created, "Contact", contact.Id.ToString(), old.PersonId, Coded(contact) + $"; corrects {old.Id}");
        // Two corrections of one contact at once: the unique index on SupersedesId refuses the second.
        await db.SaveOrConflictAsync(ConflictMessage, uniqueNumberIsConflict: true, ct);
        return contact;
    }

    /// <summary>
    /// Marks a contact as entered in error (about the wrong person, or never happened), with who, when and why. It is
    /// kept, but no longer counts (timeline by default, last contact, "not in touch").
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="reason">Why; required, up to <see cref="MaxReason"/> characters (kept on the contact, not in the audit trail).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No such contact the team can see.</exception>
    /// <exception cref="ContactRuleException">Another team's contact, or the user neither recorded it nor manages the team, or it is no longer current.</exception>
    /// <exception cref="ValidationFailedException">No reason, or too long a reason (field "Reason").</exception>
    public async Task MarkEnteredInErrorAsync(Guid contactId, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw ValidationFailedException.For("Reason", "Enter why the contact was entered in error");
        if (reason.Trim().Length > MaxReason) throw ValidationFailedException.For("Reason", "The reason must be 500 characters or fewer");
        var contact = await ToChangeAsync(contactId, ct);
        contact.EnteredInErrorAt = clock.GetUtcNow();
        contact.EnteredInErrorByUserId = user.UserId;
        contact.EnteredInErrorReason = reason.Trim();
        audit.Add(AuditAction.Updated, "Contact", contact.Id.ToString(), contact.PersonId, "Marked as entered in error");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Why the current user may not correct <paramref name="contact"/> or mark it in error, in words for the page, or null
    /// when they may: only the team that recorded it, only its recorder or a team manager (<see cref="OnlyRecorderOrManager"/>),
    /// and only its latest version, not marked in error.
    /// </summary>
    public string? WhyNotChange(Contact contact) =>
        contact.TeamId != user.TeamId ? AnotherTeams
        : contact.RecordedByUserId != user.UserId && user.Role != Roles.TeamManager ? OnlyRecorderOrManager
        : contact.EnteredInErrorAt is not null ? AlreadyInError
        : contact.SupersededAt is not null ? AlreadyCorrected
        : null;

    /// <summary>One contact the team can see, with every version of it; null when there is none.</summary>
    public async Task<ContactHistory?> HistoryAsync(Guid contactId, CancellationToken ct = default)
    {
        var contact = await Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null) return null;
        var person = await db.People.AsNoTracking().Where(p => p.Id == contact.PersonId).Select(p => new { p.GivenName, p.FamilyName }).FirstOrDefaultAsync(ct);
        if (person is null) return null;
        var versions = new List<Contact> { contact };
        if (contact.SupersedesId is not null || contact.SupersededAt is not null)
        {
            // Only the person's corrected or correcting contacts: few, whatever the length of their history.
            var chain = await Contacts.AsNoTracking()
                .Where(c => c.PersonId == contact.PersonId && (c.SupersedesId != null || c.SupersededAt != null)).ToListAsync(ct);
            var byId = chain.ToDictionary(c => c.Id);
            for (var at = contact; at.SupersedesId is { } prev && byId.TryGetValue(prev, out var earlier); at = earlier) versions.Insert(0, earlier);
            for (var at = contact; chain.FirstOrDefault(c => c.SupersedesId == at.Id) is { } later; at = later) versions.Add(later);
        }
        var names = await db.DisplayNamesAsync(versions.SelectMany(v => new[] { v.WorkerUserId, v.RecordedByUserId, v.EnteredInErrorByUserId }), ct);
        return new ContactHistory(contact, versions, names, PersonNames.Full(person.GivenName, person.FamilyName));
    }

    /// <summary>
    /// The person's latest <see cref="RecentCount"/> current contacts (of <paramref name="episodeId"/> when given) with
    /// the workers' names, and when the person was last reached: one query.
    /// </summary>
    public async Task<RecentContacts> RecentAsync(Guid personId, Guid? episodeId = null, CancellationToken ct = default)
    {
        var current = Contacts.AsNoTracking().Where(c => c.PersonId == personId && c.SupersededAt == null && c.EnteredInErrorAt == null);
        var scoped = episodeId is { } ep ? current.Where(c => c.EpisodeId == ep) : current;
        var rows = await scoped.OrderByDescending(c => c.OccurredAt).ThenByDescending(c => c.RecordedAt).Take(RecentCount)
            .Select(c => new
            {
                Contact = c,
                Worker = db.Users.Where(u => u.Id == c.WorkerUserId).Select(u => u.DisplayName).FirstOrDefault(),
                LastReached = scoped.Where(x => x.Reached).OrderByDescending(x => x.OccurredAt).Select(x => (DateTimeOffset?)x.OccurredAt).FirstOrDefault(),
            }).ToListAsync(ct);
        return new RecentContacts(rows.Select(r => new ContactRow(r.Contact, r.Worker)).ToList(), rows.FirstOrDefault()?.LastReached);
    }

    /// <summary>
    /// One page (1-based) of the person's timeline, newest first: contacts, appointments, referrals and the record's
    /// milestones, filtered. Reads at most page × <see cref="PageSize"/> + 1 contacts and appointments through the (PersonId,
    /// OccurredAt) and (PersonId, StartsAt) indexes and merges them in memory with the milestones; names are read once
    /// for the page. Null when the team cannot see the person.
    /// </summary>
    public async Task<TimelinePage?> TimelineAsync(Guid personId, TimelineFilter filter, int page, CancellationToken ct = default)
    {
        page = Math.Clamp(page, 1, 10_000);
        var person = await db.People.Include(p => p.Episodes).AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return null;
        var take = page * PageSize + 1;
        DateTimeOffset? from = filter.From is { } f ? UkTime.FromLocal(f, TimeOnly.MinValue) : null;
        DateTimeOffset? before = filter.To is { } t ? UkTime.FromLocal(t.AddDays(1), TimeOnly.MinValue) : null;

        var contacts = Contacts.AsNoTracking().Where(c => c.PersonId == personId);
        if (!filter.IncludeCorrected) contacts = contacts.Where(c => c.SupersededAt == null && c.EnteredInErrorAt == null);
        if (filter.Kinds.Count > 0) { var kinds = filter.Kinds.ToList(); contacts = contacts.Where(c => kinds.Contains(c.Kind)); }
        if (filter.Reached is { } reached) contacts = contacts.Where(c => c.Reached == reached);
        if (from is { } a) contacts = contacts.Where(c => c.OccurredAt >= a);
        if (before is { } b) contacts = contacts.Where(c => c.OccurredAt < b);
        if (filter.EpisodeId is { } e) contacts = contacts.Where(c => c.EpisodeId == e);
        if (filter.WorkerUserId is { } w) contacts = contacts.Where(c => c.WorkerUserId == w);
        var contactRows = await contacts.OrderByDescending(c => c.OccurredAt).ThenByDescending(c => c.RecordedAt).Take(take).ToListAsync(ct);

        var members = await SupportNetworks.SupportNetworkService.LabelsOfAsync(db, contactRows.Where(c => c.SupportNetworkMemberId is not null).Select(c => c.SupportNetworkMemberId!.Value), ct);
        var items = new List<(TimelineItem Item, string? By)>();
        items.AddRange(contactRows.Select(c => (new TimelineItem(TimelineEntryType.Contact, c.OccurredAt,
            ContactKinds.Display(c.Kind) + (c.Reached ? "" : " (not reached)"),
            string.IsNullOrEmpty(c.Note) ? null : c.Note, null, c.EpisodeId, c.Id, StatusOf(c), c.WithWhom,
            c.SupportNetworkMemberId is { } m ? members.GetValueOrDefault(m) : null), (string?)c.WorkerUserId)));

        if (!filter.ContactsOnly)
        {
            var set = db.Set<Appointment>();
            var appointments = set.AsNoTracking().Where(x => x.PersonId == personId);
            if (from is { } a2) appointments = appointments.Where(x => x.StartsAt >= a2);
            if (before is { } b2) appointments = appointments.Where(x => x.StartsAt < b2);
            if (filter.EpisodeId is { } e2) appointments = appointments.Where(x => x.EpisodeId == e2);
            if (filter.WorkerUserId is { } w2) appointments = appointments.Where(x => x.WorkerUserId == w2);
            var appointmentRows = await appointments.OrderByDescending(x => x.StartsAt).ThenByDescending(x => x.BookedAt).Take(take)
                .Select(x => new { x.Id, x.StartsAt, x.Purpose, x.Location, x.WorkerUserId, x.WithWhom, x.Accompanied, x.Outcome, x.EpisodeId,
                    Rescheduled = set.Any(n => n.SupersedesId == x.Id) })
                .ToListAsync(ct);
            items.AddRange(appointmentRows.Select(x => (new TimelineItem(TimelineEntryType.Appointment, x.StartsAt,
                (x.Accompanied ? "Going with them to an appointment: " : "Appointment: ") + x.Purpose,
                string.IsNullOrEmpty(x.Location) ? null : x.Location, null, x.EpisodeId, x.Id,
                x.Rescheduled ? "Rescheduled" : x.Outcome is { } o ? OutcomeText(o) : "Booked", x.WithWhom), (string?)x.WorkerUserId)));

            var referrals = db.Set<Referrals.Referral>().AsNoTracking().Where(r => r.PersonId == personId);
            if (from is { } a4) referrals = referrals.Where(r => r.CreatedAt >= a4);
            if (before is { } b4) referrals = referrals.Where(r => r.CreatedAt < b4);
            if (filter.EpisodeId is { } e4) referrals = referrals.Where(r => r.EpisodeId == e4);
            if (filter.WorkerUserId is { } w4) referrals = referrals.Where(r => r.CreatedByUserId == w4);
            var referralRows = await referrals.OrderByDescending(r => r.CreatedAt).Take(take)
                .Select(r => new { r.Id, r.CreatedAt, r.CreatedByUserId, r.EpisodeId, Service = r.ServiceName })
                .ToListAsync(ct);
            items.AddRange(referralRows.Select(r => (new TimelineItem(TimelineEntryType.Referral, r.CreatedAt, $"Referred to {r.Service}",
                null, null, r.EpisodeId, r.Id, null), (string?)r.CreatedByUserId)));

            foreach (var m in await records.TimelineAsync(person, ct))
            {
                if (from is { } a3 && m.At < a3) continue;
                if (before is { } b3 && m.At >= b3) continue;
                if (filter.EpisodeId is { } e3 && m.EpisodeId != e3) continue;
                if (filter.WorkerUserId is { } w3 && m.ByUserId != w3) continue;
                items.Add((new TimelineItem(TimelineEntryType.Milestone, m.At, m.Title, m.Detail, m.ByName, m.EpisodeId, null, null), null));
            }
        }

        var ordered = items.OrderByDescending(x => x.Item.At).ThenBy(x => x.Item.Type).ToList();
        var shown = ordered.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var names = await db.DisplayNamesAsync(shown.Select(x => x.By), ct);
        var result = shown.Select(x => x.By is { } by ? x.Item with { ByName = names.GetValueOrDefault(by) } : x.Item).ToList();
        return new TimelinePage(result, page, ordered.Count > page * PageSize);
    }

    /// <summary>The team members who can have a contact (the team's case workers: practitioners, support workers, team managers), by name.</summary>
    public Task<IReadOnlyList<(string UserId, string Name)>> WorkersAsync(CancellationToken ct = default) =>
        Caseload.Capacity.CaseWorkerNamesAsync(db, TeamId(), ct);

    /// <summary>The person's open episodes with the user's team, newest first (for choosing the one a contact was part of).</summary>
    public Task<IReadOnlyList<EpisodeChoice>> OpenEpisodesAsync(Guid personId, CancellationToken ct = default) =>
        OpenEpisodes.OfPersonAsync(db, personId, TeamId(), ct);

    /// <summary>The person's episodes the team can see, newest first (the timeline's episode filter).</summary>
    public async Task<IReadOnlyList<(Guid Id, DateTimeOffset IdentifiedAt, Setting Setting)>> EpisodesAsync(Guid personId, CancellationToken ct = default)
    {
        var rows = await db.Episodes.AsNoTracking().Where(e => e.PersonId == personId)
            .OrderByDescending(e => e.IdentifiedAt).Select(e => new { e.Id, e.IdentifiedAt, e.Setting }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.IdentifiedAt, r.Setting)).ToList();
    }

    /// <summary>The person's full name, when the team can see them; null otherwise.</summary>
    public Task<string?> PersonNameAsync(Guid personId, CancellationToken ct = default) =>
        PersonNames.FullAsync(db, personId, ct);

    /// <summary>"Corrected", "Entered in error", "Not reached", or null for a current contact that reached the person.</summary>
    public static string? StatusOf(Contact c) =>
        c.EnteredInErrorAt is not null ? "Entered in error" : c.SupersededAt is not null ? "Corrected" : c.Reached ? null : "Not reached";

    private static string OutcomeText(AppointmentOutcome o) => o switch
    {
        AppointmentOutcome.Attended => "Attended",
        AppointmentOutcome.AttendedLate => "Attended late",
        AppointmentOutcome.DidNotAttend => "Did not attend",
        AppointmentOutcome.CancelledByPerson => "Cancelled by the person",
        AppointmentOutcome.CancelledByTeam => "Cancelled by the team",
        AppointmentOutcome.CancelledByOtherService => "Cancelled by the other service",
        _ => "Outcome recorded",
    };

    private Guid TeamId() => user.TeamId ?? throw new InvalidOperationException("Contacts are recorded by a member of a team.");

    /// <summary>
    /// The input's own problems, its date's, the worker's (a case worker of the team) and the support-network member's
    /// (the person's, current, not "do not contact": <see cref="SupportNetworks.SupportNetworkService.ContactProblemOfAsync"/>).
    /// </summary>
    private async Task<List<(string Field, string Message)>> ProblemsAsync(ContactInput input, Guid personId, Guid teamId, DateTimeOffset knownSince, ContactKind? keptKind, CancellationToken ct)
    {
        var problems = input.Validate(keptKind).Concat(input.DateProblems(knownSince, clock.GetUtcNow())).ToList();
        if (input.SupportNetworkMemberId is { } member && problems.All(p => p.Field != nameof(ContactInput.SupportNetworkMemberId))
            && await SupportNetworks.SupportNetworkService.ContactProblemOfAsync(db, personId, member, ct) is { } memberProblem)
            problems.Add((nameof(ContactInput.SupportNetworkMemberId), memberProblem));
        if (!string.IsNullOrWhiteSpace(input.WorkerUserId)
            && !await Caseload.Capacity.IsCaseWorkerAsync(db, teamId, input.WorkerUserId, ct))
            problems.Add((nameof(ContactInput.WorkerUserId), "Select someone in your team who works with people"));
        return problems;
    }

    /// <summary>The contact, tracked, for a change the user may make; the refusals say why not.</summary>
    private async Task<Contact> ToChangeAsync(Guid contactId, CancellationToken ct)
    {
        var contact = await Contacts.FirstOrDefaultAsync(c => c.Id == contactId, ct) ?? throw new KeyNotFoundException("Contact not found.");
        if (WhyNotChange(contact) is { } why) throw new ContactRuleException(why);
        return contact;
    }

    /// <summary>The problem of a correction that changes nothing.</summary>
    public const string NothingChanged = "You have not changed anything. Change the contact or go back";

    private Contact NewContact(Guid personId, Guid teamId, Guid? episodeId, ContactInput input) => new()
    {
        TeamId = teamId, PersonId = personId, EpisodeId = episodeId, Kind = input.Kind!.Value, Reached = input.Reached!.Value,
        OccurredAt = input.OccurredAt!.Value, DurationMinutes = input.DurationMinutes, WorkerUserId = input.WorkerUserId!.Trim(),
        WithWhom = input.WithWhomToStore, Note = input.NoteToStore, SupportNetworkMemberId = input.SupportNetworkMemberId, RecordedAt = clock.GetUtcNow(), RecordedByUserId = user.UserId!,
    };

    // Coded words only: the audit trail carries no free text (the note and "with whom" are not repeated).
    private static string Coded(Contact c) => ContactKinds.Display(c.Kind) + (c.Reached ? "; reached" : "; not reached");
}
