using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Contacts;
using Waymark.Episodes;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.DropIns;

/// <summary>Whether recording a drop-in also reopens support, and how.</summary>
public enum ReopenChoice
{
    /// <summary>Only record the drop-in.</summary>
    No = 0,
    /// <summary>Reopen support now: a new episode, In support, without screening.</summary>
    Support = 1,
    /// <summary>Reopen, but screen again first: a new episode at Identified.</summary>
    ScreenAgain = 2,
}

/// <summary>Who the drop-in is for and where they stand with the team (the top of the drop-in pages).</summary>
/// <param name="PersonId">The person.</param>
/// <param name="Name">Their full name.</param>
/// <param name="OpenEpisodeId">Their open episode with the team, or null.</param>
/// <param name="LastEpisodeId">Their latest closed episode with the team when none is open, or null.</param>
/// <param name="LastClosedAt">When that episode closed, or null.</param>
/// <param name="Discharged">True when every episode of the team with them is closed (opening their record asks why: <see cref="AccessPurpose"/>).</param>
public sealed record DropInPerson(Guid PersonId, string Name, Guid? OpenEpisodeId, Guid? LastEpisodeId, DateTimeOffset? LastClosedAt, bool Discharged)
{
    /// <summary>Whether support can be reopened for them: no open episode with the team, and an earlier one to link to.</summary>
    public bool CanReopen => OpenEpisodeId is null && LastEpisodeId is not null;
}

/// <summary>One drop-in with the names a page shows.</summary>
/// <param name="DropIn">The drop-in.</param>
/// <param name="Person">Who dropped in and where they stand now.</param>
/// <param name="Names">Display names of those who saw them and the recorder, by user id.</param>
public sealed record DropInView(DropIn DropIn, DropInPerson Person, IReadOnlyDictionary<string, string> Names)
{
    /// <summary>The names of those who saw them, in the order recorded.</summary>
    public IReadOnlyList<string> SeenByNames => DropIn.SeenBy.Select(id => Names.GetValueOrDefault(id) ?? "unknown").ToList();
}

/// <summary>One row of the day's drop-in list.</summary>
/// <param name="Id">The drop-in.</param>
/// <param name="PersonId">The person.</param>
/// <param name="PersonName">Their full name.</param>
/// <param name="ArrivedAt">When they arrived.</param>
/// <param name="Reasons">Why they came.</param>
/// <param name="SeenByNames">Who saw them, by name.</param>
/// <param name="Reopened">Whether support was reopened from it.</param>
public sealed record DropInRow(Guid Id, Guid PersonId, string PersonName, DateTimeOffset ArrivedAt, DropInReasons Reasons, IReadOnlyList<string> SeenByNames, bool Reopened);

/// <summary>A page of a day's drop-ins, earliest first.</summary>
/// <param name="Day">The UK day.</param>
/// <param name="Items">Up to <see cref="DropInService.PageSize"/> rows.</param>
/// <param name="PageNumber">1-based.</param>
/// <param name="HasNext">Whether a later page has rows.</param>
public sealed record DropInDay(DateOnly Day, IReadOnlyList<DropInRow> Items, int PageNumber, bool HasNext);

/// <summary>
/// Drop-ins (issue 14 item 3): recording one against any person the team knows, open or discharged, with its contact;
/// reopening support from it in one step (a new episode linked to the last, without screening unless chosen); the
/// team's list for a day; a person's latest. Validate, load through the team filter, add with the audit event, save.
/// </summary>
public class DropInService(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Rows per page of the day's list: 50.</summary>
    public const int PageSize = 50;
    /// <summary>How many drop-ins the person's page shows: 3.</summary>
    public const int RecentCount = 3;

    /// <summary>Why a support worker (or anyone without <see cref="Permission.RecordIdentification"/>) cannot reopen support.</summary>
    public const string OnlyClinicalReopen = "Only a practitioner or team manager can reopen support. Ask one of them to reopen it from this drop-in.";
    private const string ConflictMessage = "Someone else changed this drop-in while you were working on it (support may have been reopened). Nothing has been saved: look at it as it is now.";

    private DbSet<DropIn> DropIns => db.Set<DropIn>();

    /// <summary>Who the person is and where they stand with the team; null when the team does not know them. One query.</summary>
    public async Task<DropInPerson?> PersonAsync(Guid personId, CancellationToken ct = default)
    {
        var team = TeamId();
        var row = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new
        {
            p.GivenName, p.FamilyName,
            Open = db.Episodes.Where(e => e.PersonId == p.Id && e.TeamId == team && e.ClosedAt == null).OrderByDescending(e => e.IdentifiedAt).Select(e => (Guid?)e.Id).FirstOrDefault(),
            // Two scalar sub-queries (each LIMIT 1 on the person's episodes), not one projected object: EF Core turns a projected
            // FirstOrDefault of several columns into a window over every episode the team may see.
            LastId = db.Episodes.Where(e => e.PersonId == p.Id && e.TeamId == team && e.ClosedAt != null).OrderByDescending(e => e.ClosedAt)
                .Select(e => (Guid?)e.Id).FirstOrDefault(),
            LastClosedAt = db.Episodes.Where(e => e.PersonId == p.Id && e.TeamId == team && e.ClosedAt != null).OrderByDescending(e => e.ClosedAt)
                .Select(e => e.ClosedAt).FirstOrDefault(),
        }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        return new DropInPerson(personId, PersonNames.Full(row.GivenName, row.FamilyName), row.Open,
            row.Open is null ? row.LastId : null, row.Open is null ? row.LastClosedAt : null, row.Open is null && row.LastId is not null);
    }

    /// <summary>
    /// Every problem recording <paramref name="input"/> would meet (its own, the date against the person's history, who
    /// saw them), without saving: a form whose own reading already failed shows these too.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such person the team knows.</exception>
    public async Task<IReadOnlyList<(string Field, string Message)>> ProblemsAsync(Guid personId, DropInInput input, CancellationToken ct = default)
    {
        var teamId = TeamId();
        var knownSince = await KnownSince.OfAsync(db, personId, ct) ?? throw new KeyNotFoundException("Person not found.");
        var problems = input.Validate().Concat(input.DateProblems(knownSince, clock.GetUtcNow())).ToList();
        var seen = input.SeenByToStore;
        if (seen.Count > 0 && seen.Count <= DropInInput.MaxSeenBy)
        {
            var workers = await Caseload.Capacity.CaseWorkersOf(db, teamId).Where(m => seen.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct);
            if (seen.Any(s => !workers.Contains(s))) problems.Add((nameof(DropInInput.SeenBy), "Select people in your team who work with people"));
        }
        return problems;
    }

    /// <summary>
    /// Records a drop-in and its contact (kind DropIn, reached, the worker the first who saw them), linked to the person's
    /// open episode with the team when they have one; with <paramref name="reopen"/>, also reopens support in the same save.
    /// </summary>
    /// <returns>The drop-in, and the episode reopened (or null).</returns>
    /// <exception cref="KeyNotFoundException">No such person the team knows.</exception>
    /// <exception cref="ValidationFailedException">Every problem with the input.</exception>
    /// <exception cref="DropInRuleException">Reopening was asked and is refused (not allowed, an episode is open, no earlier episode).</exception>
    public async Task<(DropIn DropIn, Episode? Reopened)> RecordAsync(Guid personId, DropInInput input, ReopenChoice reopen = ReopenChoice.No, CancellationToken ct = default)
    {
        var teamId = TeamId();
        ValidationFailedException.ThrowIfAny(await ProblemsAsync(personId, input, ct));
        var now = clock.GetUtcNow();
        // Read once: the drop-in's episode, and (when reopening) the proof that none is open.
        var openEpisodes = await OpenEpisodes.OfPersonAsync(db, personId, teamId, ct);
        var open = openEpisodes.Count > 0 ? openEpisodes[0].Id : (Guid?)null;
        var seen = input.SeenByToStore;
        var contact = new Contact
        {
            TeamId = teamId, PersonId = personId, EpisodeId = open, Kind = ContactKind.DropIn, Reached = true,
            OccurredAt = input.ArrivedAt!.Value, WorkerUserId = seen[0], Note = input.ContactNote(),
            RecordedAt = now, RecordedByUserId = user.UserId!,
        };
        var dropIn = new DropIn
        {
            TeamId = teamId, PersonId = personId, EpisodeId = open, ArrivedAt = input.ArrivedAt!.Value, Reasons = input.Reasons,
            ReasonWords = string.IsNullOrWhiteSpace(input.ReasonWords) ? null : input.ReasonWords.Trim(),
            WhatHelped = input.WhatHelped!.Trim(), SeenByUserIds = string.Join(' ', seen), ContactId = contact.Id,
            RecordedAt = now, RecordedByUserId = user.UserId!,
        };
        db.Set<Contact>().Add(contact);
        DropIns.Add(dropIn);
        // Coded words only: the reasons' codes, never the free text.
        audit.Add(AuditAction.Created, "DropIn", dropIn.Id.ToString(), personId, $"Drop-in: {DropInReasonList.Describe(input.Reasons)}");
        audit.Add(AuditAction.Created, "Contact", contact.Id.ToString(), personId, "Drop-in; reached");
        Episode? reopened = null;
        if (reopen != ReopenChoice.No) reopened = await ReopenForAsync(dropIn, reopen == ReopenChoice.ScreenAgain, now, openEpisodes, ct);
        await db.SaveChangesAsync(ct);
        return (dropIn, reopened);
    }

    /// <summary>
    /// Reopens support from a saved drop-in (one button on its page): a new episode linked to the person's last, In
    /// support without screening (or at Identified with <paramref name="screenAgain"/>), the user its key worker, the
    /// team's default planned end set when support starts. Audited.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such drop-in the team can see.</exception>
    /// <exception cref="DropInRuleException">Not allowed, another team's, already reopened, an episode is open, or no earlier episode.</exception>
    /// <exception cref="ConcurrencyConflictException">The drop-in changed since <paramref name="version"/> (reopened by someone else).</exception>
    public async Task<Episode> ReopenAsync(Guid dropInId, Guid version, bool screenAgain, CancellationToken ct = default)
    {
        var dropIn = await DropIns.FirstOrDefaultAsync(d => d.Id == dropInId, ct) ?? throw new KeyNotFoundException("Drop-in not found.");
        if (dropIn.TeamId != TeamId()) throw new DropInRuleException("This drop-in was recorded by another team. Only that team can reopen support from it.");
        if (dropIn.ReopenedEpisodeId is not null) throw new DropInRuleException("Support has already been reopened from this drop-in.", dropIn.ReopenedEpisodeId);
        db.ExpectVersion(dropIn, version);
        var episode = await ReopenForAsync(dropIn, screenAgain, clock.GetUtcNow(), openEpisodes: null, ct);
        await db.SaveOrConflictAsync(ConflictMessage, ct);
        return episode;
    }

    /// <summary>One drop-in with the person and names; null when the team cannot see it.</summary>
    public async Task<DropInView?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var dropIn = await DropIns.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dropIn is null) return null;
        var person = await PersonAsync(dropIn.PersonId, ct);
        if (person is null) return null;
        var names = await db.DisplayNamesAsync(dropIn.SeenBy.Append(dropIn.RecordedByUserId), ct);
        return new DropInView(dropIn, person, names);
    }

    /// <summary>
    /// One page (1-based) of the team's drop-ins on the UK day <paramref name="day"/>, earliest first: one query on the
    /// (TeamId, ArrivedAt) index with the people's names, then one for the workers' names.
    /// </summary>
    public async Task<DropInDay> DayAsync(DateOnly day, int page, CancellationToken ct = default)
    {
        page = Math.Clamp(page, 1, 10_000);
        var teamId = TeamId();
        var (from, before) = (UkTime.FromLocal(day, TimeOnly.MinValue), UkTime.FromLocal(day.AddDays(1), TimeOnly.MinValue));
        var rows = await DropIns.AsNoTracking()
            .Where(d => d.TeamId == teamId && d.ArrivedAt >= from && d.ArrivedAt < before)
            .OrderBy(d => d.ArrivedAt).ThenBy(d => d.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(d => new
            {
                d.Id, d.PersonId, d.ArrivedAt, d.Reasons, d.SeenByUserIds, Reopened = d.ReopenedEpisodeId != null,
            }).ToListAsync(ct);
        var shown = rows.Take(PageSize).ToList();
        // The names by primary key in a second query: a projected FirstOrDefault of the person became a window over every
        // person the team may see (ROW_NUMBER), a second at a million people (docs/benchmarks.md).
        var personIds = shown.Select(r => r.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.GivenName, p.FamilyName }).ToDictionaryAsync(p => p.Id, ct);
        var seenBy = shown.Select(r => DropIn.SeenByOf(r.SeenByUserIds)).ToList();
        var names = await db.DisplayNamesAsync(seenBy.SelectMany(ids => ids), ct);
        return new DropInDay(day, shown.Select((r, i) => new DropInRow(r.Id, r.PersonId,
            people.GetValueOrDefault(r.PersonId) is { } person ? PersonNames.Full(person.GivenName, person.FamilyName) : "Unknown", r.ArrivedAt, r.Reasons,
            seenBy[i].Select(u => names.GetValueOrDefault(u) ?? "unknown").ToList(),
            r.Reopened)).ToList(), page, rows.Count > PageSize);
    }

    /// <summary>The person's latest <see cref="RecentCount"/> drop-ins (any team that knows them), newest first.</summary>
    public async Task<IReadOnlyList<DropIn>> RecentAsync(Guid personId, CancellationToken ct = default) =>
        await DropIns.AsNoTracking().Where(d => d.PersonId == personId)
            .OrderByDescending(d => d.ArrivedAt).Take(RecentCount).ToListAsync(ct);

    /// <summary>The team's case workers (who may have seen someone), by name.</summary>
    public Task<IReadOnlyList<(string UserId, string Name)>> WorkersAsync(CancellationToken ct = default) =>
        Caseload.Capacity.CaseWorkerNamesAsync(db, TeamId(), ct);

    /// <summary>Whether the current user may reopen support (<see cref="Permission.RecordIdentification"/>).</summary>
    public bool MayReopen => Permissions.Allows(user.Role, Permission.RecordIdentification);

    /// <param name="openEpisodes">The person's open episodes with the drop-in's team when already read in this request
    /// (<see cref="OpenEpisodes.OfPersonAsync"/>), else null to read them here.</param>
    private async Task<Episode> ReopenForAsync(DropIn dropIn, bool screenAgain, DateTimeOffset now, IReadOnlyList<EpisodeChoice>? openEpisodes, CancellationToken ct)
    {
        if (!MayReopen) throw new DropInRuleException(OnlyClinicalReopen);
        var teamId = dropIn.TeamId;
        openEpisodes ??= await OpenEpisodes.OfPersonAsync(db, dropIn.PersonId, teamId, ct);
        if (openEpisodes.Count > 0) throw new DropInRuleException("They already have an open episode with your team, so support cannot be reopened. Work with them in that episode.", openEpisodes[0].Id);
        var last = await db.Episodes.AsNoTracking().Where(e => e.PersonId == dropIn.PersonId && e.TeamId == teamId)
            .OrderByDescending(e => e.ClosedAt).FirstOrDefaultAsync(ct)
            ?? throw new DropInRuleException("Your team has no earlier episode with them to reopen. Record an identification instead.");
        var dob = await db.People.Where(p => p.Id == dropIn.PersonId).Select(p => p.DateOfBirth).FirstOrDefaultAsync(ct);
        var age = dob is { } d ? Age.On(d, UkTime.DateOf(now)) : (int?)null;
        var episode = Episode.ReopenFrom(last, user.UserId!, now, screenAgain, age);
        db.Episodes.Add(episode);
        var detail = screenAgain ? "Reopened from a drop-in; to be screened again" : "Reopened from a drop-in; support started without screening";
        if (!screenAgain && await DefaultPlannedEnd.ApplyAsync(db, episode, user.UserId!, now, ct) is { } planned)
            detail += $"; {planned}";
        dropIn.ReopenedEpisodeId = episode.Id;
        // The drop-in and its contact become the new episode's first contact (its "Last reached"), in the same save: the
        // contact is tracked already when recorded with the reopening, else read by key.
        dropIn.EpisodeId = episode.Id;
        var contact = await db.Set<Contact>().FindAsync([dropIn.ContactId], ct);
        if (contact is not null && contact.EpisodeId is null)
        {
            contact.EpisodeId = episode.Id;
            audit.Add(AuditAction.Updated, "Contact", contact.Id.ToString(), dropIn.PersonId, "Drop-in linked to the episode reopened from it");
        }
        audit.Add(AuditAction.Created, "Episode", episode.Id.ToString(), dropIn.PersonId, detail);
        audit.Add(AuditAction.Updated, "DropIn", dropIn.Id.ToString(), dropIn.PersonId, "Support reopened");
        return episode;
    }

    private Guid TeamId() => user.TeamId ?? throw new InvalidOperationException("Drop-ins are recorded by a member of a team.");
}
