using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Identification;
using Waymark.Liaison;
using Waymark.Persistence;

namespace Waymark.ProactiveIdentification;

/// <summary>A list was refused as a whole, or a step on it is not allowed now (the message says why).</summary>
public class ProactiveListRuleException(string message) : DomainRuleException(message);

/// <summary>A custody suite or court of the team that lists can be imported for.</summary>
/// <param name="Id">The agency's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">Custody suite or a kind of court.</param>
public sealed record ListAgency(Guid Id, string Name, AgencyKind Kind);

/// <summary>
/// Importing the day's custody or court lists (a file, pasted rows, or one typed row), matching each row against the
/// team's people (<see cref="ProactiveMatcher"/>), and the practitioner's verdict on each match. A list with any bad row
/// is not imported at all: every problem is listed with its line, and nothing is saved (docs/cjs-liaison.md).
/// </summary>
public class ProactiveLists(WaymarkDbContext db, Auditor audit, ICurrentUser user, TimeProvider clock, ProactiveMatcher matcher)
{
    /// <summary>How many days back a list's day may be (a list imported late).</summary>
    public const int MaxDaysBack = 30;

    /// <summary>The team's custody suites and courts in use, by name.</summary>
    public async Task<IReadOnlyList<ListAgency>> AgenciesAsync(CancellationToken ct = default)
    {
        var kinds = new[] { AgencyKind.CustodySuite, AgencyKind.MagistratesCourt, AgencyKind.CrownCourt, AgencyKind.YouthCourt };
        return await db.Set<CriminalJusticeAgency>().AsNoTracking().Where(a => a.RetiredAt == null && kinds.Contains(a.Kind))
            .OrderBy(a => a.Name).Select(a => new ListAgency(a.Id, a.Name, a.Kind)).ToListAsync(ct);
    }

    /// <summary>
    /// Reads a list and, when every row is good, stores it as a preview (matched, not yet in the queue) and returns it
    /// with the parse result; when any row is bad, returns null and the problems, and saves nothing.
    /// </summary>
    /// <param name="agencyId">A custody suite or court of the team.</param>
    /// <param name="day">The list's UK day: from <see cref="MaxDaysBack"/> days ago to tomorrow.</param>
    /// <param name="text">The file's or pasted text.</param>
    /// <param name="source">Upload or pasted.</param>
    /// <param name="fileName">The uploaded file's name, or null.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="ValidationFailedException">The agency or the day is not possible (fields "AgencyId", "Day").</exception>
    public async Task<(ProactiveList? List, ListParseResult Parse)> PreviewAsync(Guid? agencyId, DateOnly? day, string text, ListSource source,
        string? fileName, CancellationToken ct = default)
    {
        var (agency, listDay) = await CheckAgencyAndDayAsync(agencyId, day, ct);
        var parse = CustodyListCsv.Parse(text, listDay, UkTime.Today(clock), clock.GetUtcNow());
        if (!parse.Succeeded) return (null, parse);
        var list = NewList(agency.Id, listDay, source, fileName);
        var rows = parse.Rows.Select(r => NewRow(list, r)).ToList();
        await MatchAsync(rows, ct);
        list.Rows.AddRange(rows);
        db.Set<ProactiveList>().Add(list);
        audit.Add(AuditAction.Created, "ProactiveList", list.Id.ToString(),
            detail: $"preview agency={agency.Id} day={listDay:yyyy-MM-dd} source={source} rows={rows.Count} matched={rows.Count(r => r.PersonId is not null)}");
        await db.SaveChangesAsync(ct);
        return (list, parse);
    }

    /// <summary>Puts a preview the current user imported into the queue.</summary>
    /// <exception cref="ProactiveListRuleException">Not a preview of this user (already confirmed, discarded, or someone else's).</exception>
    public async Task ConfirmAsync(Guid listId, CancellationToken ct = default)
    {
        var list = await db.Set<ProactiveList>().FirstOrDefaultAsync(l => l.Id == listId, ct);
        if (list is null || list.ConfirmedAt is not null || list.ImportedByUserId != user.UserId)
            throw new ProactiveListRuleException("This list has already been confirmed or discarded.");
        list.ConfirmedAt = clock.GetUtcNow();
        list.ConfirmedByUserId = user.UserId;
        audit.Add(AuditAction.Updated, "ProactiveList", list.Id.ToString(), detail: "confirmed");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes a preview the current user imported (nothing of it is kept).</summary>
    /// <exception cref="ProactiveListRuleException">Not a preview of this user.</exception>
    public async Task DiscardAsync(Guid listId, CancellationToken ct = default)
    {
        var list = await db.Set<ProactiveList>().Include(l => l.Rows).FirstOrDefaultAsync(l => l.Id == listId, ct);
        if (list is null || list.ConfirmedAt is not null || list.ImportedByUserId != user.UserId)
            throw new ProactiveListRuleException("This list has already been confirmed or discarded.");
        db.Set<ProactiveListRow>().RemoveRange(list.Rows);
        db.Set<ProactiveList>().Remove(list);
        audit.Add(AuditAction.Updated, "ProactiveList", list.Id.ToString(), detail: "preview discarded");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds one typed row to the agency's typed list for the day (created, already confirmed, when there is none) and
    /// matches it. Returns the row.
    /// </summary>
    /// <exception cref="ValidationFailedException">The agency, day or a field is wrong: every problem (fields "AgencyId", "Day", or a <see cref="ListColumn"/> name).</exception>
    public async Task<ProactiveListRow> AddTypedRowAsync(Guid? agencyId, DateOnly? day, ListRowText text, CancellationToken ct = default)
    {
        var problems = new List<ValidationProblem>();
        ListAgency? agency = null;
        DateOnly listDay = default;
        try { (agency, listDay) = await CheckAgencyAndDayAsync(agencyId, day, ct); }
        catch (ValidationFailedException e) { problems.AddRange(e.Problems); }
        var (row, rowProblems) = ListRowReader.Read(0, text, day ?? UkTime.Today(clock), UkTime.Today(clock), clock.GetUtcNow());
        problems.AddRange(rowProblems);
        if (problems.Count > 0) throw new ValidationFailedException(problems);

        var list = await db.Set<ProactiveList>().Where(l => l.AgencyId == agency!.Id && l.Day == listDay && l.Source == ListSource.Typed && l.ConfirmedAt != null)
            .OrderBy(l => l.ImportedAt).FirstOrDefaultAsync(ct);
        var line = 1;
        if (list is null)
        {
            list = NewList(agency!.Id, listDay, ListSource.Typed, null);
            list.ConfirmedAt = list.ImportedAt;
            list.ConfirmedByUserId = user.UserId;
            db.Set<ProactiveList>().Add(list);
        }
        else line = await db.Set<ProactiveListRow>().Where(r => r.ListId == list.Id).MaxAsync(r => (int?)r.Line, ct) + 1 ?? 1;
        var entity = NewRow(list, row! with { Line = line });
        await MatchAsync([entity], ct);
        db.Set<ProactiveListRow>().Add(entity);
        audit.Add(AuditAction.Created, "ProactiveListRow", entity.Id.ToString(), entity.PersonId, $"typed list={list.Id}");
        await db.SaveChangesAsync(ct);
        return entity;
    }

    /// <summary>The practitioner's verdict on a confirmed list row's candidate.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="verdict">Confirmed or rejected.</param>
    /// <param name="version">The row's version as shown.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="ProactiveListRuleException">No such row, its list is a preview, or it has no candidate.</exception>
    /// <exception cref="ConcurrencyConflictException">Someone else decided first.</exception>
    public async Task DecideAsync(Guid rowId, RowVerdict verdict, Guid version, CancellationToken ct = default)
    {
        var row = await db.Set<ProactiveListRow>().FirstOrDefaultAsync(r => r.Id == rowId, ct);
        var confirmed = row is not null && await db.Set<ProactiveList>().AnyAsync(l => l.Id == row.ListId && l.ConfirmedAt != null, ct);
        if (row is null || !confirmed) throw new ProactiveListRuleException("This row is not on a confirmed list.");
        if (row.PersonId is null) throw new ProactiveListRuleException("Nobody was matched to this row, so there is no match to confirm or reject.");
        db.ExpectVersion(row, version);
        row.Verdict = verdict;
        row.VerdictAt = clock.GetUtcNow();
        row.VerdictByUserId = user.UserId;
        audit.Add(AuditAction.Updated, "ProactiveListRow", row.Id.ToString(), row.PersonId, $"match {verdict.ToString().ToLowerInvariant()}");
        await db.SaveOrConflictAsync("Someone else decided about this match while you were looking. Check the list as it is now.", ct);
    }

    /// <summary>A list of the team with its rows (by line): confirmed, or a preview of the current user; null otherwise.</summary>
    public async Task<ProactiveList?> FindAsync(Guid listId, CancellationToken ct = default)
    {
        var list = await db.Set<ProactiveList>().AsNoTracking().Include(l => l.Rows.OrderBy(r => r.Line))
            .FirstOrDefaultAsync(l => l.Id == listId, ct);
        return list is not null && (list.ConfirmedAt is not null || list.ImportedByUserId == user.UserId) ? list : null;
    }

    /// <summary>The confirmed lists of <paramref name="day"/>, each with its agency's name and its number of rows.</summary>
    public async Task<IReadOnlyList<(ProactiveList List, string Agency, int Rows)>> ListsOfDayAsync(DateOnly day, CancellationToken ct = default)
    {
        var found = await (from l in db.Set<ProactiveList>().AsNoTracking()
                           join a in db.Set<CriminalJusticeAgency>() on l.AgencyId equals a.Id
                           where l.Day == day && l.ConfirmedAt != null
                           orderby a.Name, l.ImportedAt
                           select new { List = l, a.Name, Rows = db.Set<ProactiveListRow>().Count(r => r.ListId == l.Id) }).ToListAsync(ct);
        return found.Select(f => (f.List, f.Name, f.Rows)).ToList();
    }

    /// <summary>A row of a confirmed list of the team with its agency's kind, or null.</summary>
    public async Task<(ProactiveListRow Row, AgencyKind Kind)?> RowForIdentificationAsync(Guid rowId, CancellationToken ct = default)
    {
        var found = await (from r in db.Set<ProactiveListRow>().AsNoTracking()
                           join l in db.Set<ProactiveList>() on r.ListId equals l.Id
                           join a in db.Set<CriminalJusticeAgency>() on l.AgencyId equals a.Id
                           where r.Id == rowId && l.ConfirmedAt != null && r.DetailsClearedAt == null
                           select new { Row = r, a.Kind }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Row, found.Kind);
    }

    /// <summary>
    /// Fills a new identification journey from a list row (issue 12 item 5: "a link to start identification prefilled from
    /// the row"): the setting from the agency, the row's reference as the setting reference (which is how the queue knows
    /// the episode answers the row when the person was new), and who the person is. A row matched to a known person
    /// starts with that person, as the journey's "known person" start does; a row saying NFA (and no known postcode) starts with no fixed abode (<see cref="People.Absence.None"/>). The caller saves the draft.
    /// </summary>
    /// <exception cref="ProactiveListRuleException">No such row on a confirmed list of the team.</exception>
    public async Task PrefillAsync(IdentificationDraft draft, Guid rowId, CancellationToken ct = default)
    {
        var (row, kind) = await RowForIdentificationAsync(rowId, ct) ?? throw new ProactiveListRuleException("That list row is not available.");
        draft.Setting = kind switch
        {
            AgencyKind.MagistratesCourt => Episodes.Setting.MagistratesCourt,
            AgencyKind.CrownCourt => Episodes.Setting.CrownCourt,
            AgencyKind.YouthCourt => Episodes.Setting.YouthCourt,
            _ => Episodes.Setting.PoliceCustody,
        };
        draft.SettingReference = row.Reference;
        var person = row.MatchedPersonId is { } id ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) : null;
        draft.ExistingPersonId = person?.Id;
        draft.GivenName = person?.GivenName ?? row.GivenNames;
        draft.FamilyName = person?.FamilyName ?? row.FamilyName;
        draft.DateOfBirth = person is null ? row.DateOfBirth : person.DateOfBirth;
        draft.Sex = person?.Sex ?? row.Sex;
        draft.NhsNumber = person is null ? row.NhsNumber : person.NhsNumber;
        draft.PncId = person is null ? row.PncId : person.PncId;
        var postcode = person is null ? row.Postcode : person.Postcode;
        // "NFA" on the list is an answer: the person has no fixed abode (Absence.None), not "not asked".
        if (postcode == ProactiveListRow.NoFixedAbode || (postcode is null && row.Postcode == ProactiveListRow.NoFixedAbode))
        {
            draft.Postcode = null;
            draft.AddressAbsence = People.Absence.None;
        }
        else draft.Postcode = postcode;
    }

    private async Task<(ListAgency Agency, DateOnly Day)> CheckAgencyAndDayAsync(Guid? agencyId, DateOnly? day, CancellationToken ct)
    {
        var problems = new List<ValidationProblem>();
        ListAgency? agency = null;
        if (agencyId is null) problems.Add(new("AgencyId", "Select the custody suite or court"));
        else if ((agency = (await AgenciesAsync(ct)).FirstOrDefault(a => a.Id == agencyId)) is null)
            problems.Add(new("AgencyId", "Select one of your team's custody suites or courts"));
        var today = UkTime.Today(clock);
        if (day is null) problems.Add(new("Day", "Enter the day of the list"));
        else if (day > today.AddDays(1) || day < today.AddDays(-MaxDaysBack))
            problems.Add(new("Day", $"The day of the list must be between {today.AddDays(-MaxDaysBack):d MMMM yyyy} and tomorrow"));
        if (problems.Count > 0) throw new ValidationFailedException(problems);
        return (agency!, day!.Value);
    }

    private ProactiveList NewList(Guid agencyId, DateOnly day, ListSource source, string? fileName) => new()
    {
        TeamId = user.TeamId ?? throw new InvalidOperationException("No team chosen."),
        AgencyId = agencyId,
        Day = day,
        Source = source,
        FileName = ShortName(fileName),
        ImportedAt = clock.GetUtcNow(),
        ImportedByUserId = user.UserId ?? throw new InvalidOperationException("No user."),
    };

    private static string? ShortName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return null;
        var name = Path.GetFileName(fileName);
        return name.Length > 200 ? name[..200] : name;
    }

    private static ProactiveListRow NewRow(ProactiveList list, ListRow r) => new()
    {
        ListId = list.Id,
        TeamId = list.TeamId,
        Line = r.Line,
        Reference = r.Reference,
        FamilyName = r.FamilyName,
        GivenNames = r.GivenNames,
        DateOfBirth = r.DateOfBirth,
        AgeOnDay = r.DateOfBirth is { } dob ? SelectionRules.AgeOn(dob, list.Day) : null,
        Sex = r.Sex,
        Postcode = r.Postcode,
        PncId = r.PncId,
        NhsNumber = r.NhsNumber,
        TimeIn = r.TimeIn,
        OffenceCategory = r.OffenceCategory,
        Notes = r.Notes,
    };

    // One batch for all the rows: the best candidate of each, its band and score.
    private async Task MatchAsync(IReadOnlyList<ProactiveListRow> rows, CancellationToken ct)
    {
        var results = await matcher.MatchAsync(rows.Select(r => new LookupRequest(r.GivenNames, r.FamilyName, r.DateOfBirth, r.Sex, r.NhsNumber, r.PncId, r.Postcode == ProactiveListRow.NoFixedAbode ? null : r.Postcode)).ToList(), ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var result = results[i];
            if (result.Outcome == LookupOutcome.NoMatch || result.Candidates.Count == 0) continue;
            var best = result.Candidates[0];
            rows[i].PersonId = best.Person.Id;
            rows[i].Score = best.Score;
            rows[i].Probability = best.Probability;
            // Definite only when the engine is sure and points at one person: anything else is for a practitioner to check.
            rows[i].Band = result.Outcome == LookupOutcome.DefiniteMatch && best.Conflict is null && result.Candidates.Count == 1
                ? MatchBand.Definite : MatchBand.Potential;
        }
    }
}
