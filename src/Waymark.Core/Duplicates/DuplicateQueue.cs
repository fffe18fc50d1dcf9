using Microsoft.EntityFrameworkCore;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Duplicates;

/// <summary>One side of a pair as the review shows it.</summary>
public sealed record PersonSide(
    Guid Id, string GivenName, string FamilyName, IReadOnlyList<string> OtherNames, DateOnly? DateOfBirth,
    IReadOnlyList<DateOnly> OtherDatesOfBirth, Sex Sex, string? NhsNumber, string? PncId, string? Postcode, string? Address,
    int Episodes, DateTimeOffset CreatedAt, Guid Version, PersonAbsences Absences)
{
    public string FullName => Waymark.People.PersonNames.Full(GivenName, FamilyName);

    /// <summary>A detail as the review shows it: the value, or why there is none (<see cref="Absent"/>). Phone, email and GP are not on this side.</summary>
    public string Show(PersonField field) => field switch
    {
        PersonField.DateOfBirth => Absent.ShowDate(DateOfBirth, DateOfBirth is null ? Absences.DateOfBirth : null),
        PersonField.NhsNumber => Absent.Show(field, NhsNumber is { } n ? Identifiers.NhsNumber.Format(n) : null, Absences.NhsNumber),
        PersonField.PncId => Absent.Show(field, PncId, Absences.PncId),
        PersonField.Address => Absent.Show(field, PersonFieldValues.AddressLine(Address, Postcode), Absences.Address),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>Whether both sides have a value for <paramref name="field"/> and it is the same. Two absences never agree (ADR 18).</summary>
    public bool Agrees(PersonSide other, PersonField field) => field switch
    {
        PersonField.DateOfBirth => DateOfBirth is not null && DateOfBirth == other.DateOfBirth,
        PersonField.NhsNumber => NhsNumber is not null && NhsNumber == other.NhsNumber,
        PersonField.PncId => PncId is not null && PncId == other.PncId,
        PersonField.Address => Postcode is not null && Postcode == other.Postcode,
        _ => false,
    };
}

public sealed record DuplicatePair(DuplicateCandidate Candidate, PersonSide A, PersonSide B);

/// <summary>A summary of a merge, for the merge page and the queue's list of recent merges.</summary>
public sealed record MergeSummary(PersonMerge Merge, string KeptName, string MergedName, string? MergedByName, string? UndoneByName);

/// <summary>The team manager's queue: the team's undecided pairs, most probable first, with both people side by side.</summary>
public class DuplicateQueue(WaymarkDbContext db)
{
    public const int PageSize = 10;

    private IQueryable<DuplicateCandidate> Team => db.DuplicateCandidates.Where(c => c.TeamId == db.CurrentUser.TeamId);

    public Task<int> CountAsync(CancellationToken ct = default) => Team.CountAsync(c => c.Decision == null, ct);

    public async Task<Page<DuplicatePair>> PageAsync(int page, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var rows = await Team.AsNoTracking().Where(c => c.Decision == null)
            .OrderByDescending(c => c.Probability).ThenByDescending(c => c.Weight).ThenBy(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        var pairs = await WithPeopleAsync(rows.Take(PageSize).ToList(), ct);
        return new Page<DuplicatePair>(pairs, page, PageSize, rows.Count > PageSize);
    }

    /// <summary>A pair of the team's, decided or not; null when it is not the team's or either person is no longer visible.</summary>
    public async Task<DuplicatePair?> GetAsync(Guid candidateId, CancellationToken ct = default)
    {
        var row = await Team.AsNoTracking().FirstOrDefaultAsync(c => c.Id == candidateId, ct);
        if (row is null) return null;
        return (await WithPeopleAsync([row], ct)).FirstOrDefault();
    }

    /// <summary>When the team last scanned (from the audit trail), or null.</summary>
    public Task<DateTimeOffset?> LastScanAsync(CancellationToken ct = default) =>
        db.AuditEvents.Where(e => e.TeamId == db.CurrentUser.TeamId && e.Action == Audit.AuditAction.Scanned)
            .OrderByDescending(e => e.At).Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(ct);

    private async Task<List<DuplicatePair>> WithPeopleAsync(List<DuplicateCandidate> rows, CancellationToken ct)
    {
        var ids = rows.SelectMany(r => new[] { r.PersonAId, r.PersonBId }).Distinct().ToList();
        // Through the team filter: a pair is shown only while the team can see both people.
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && p.MergedAt == null)
            .Select(p => new
            {
                p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, p.NhsNumber, p.PncId, p.Postcode, p.Address, p.CreatedAt, p.Version,
                p.DateOfBirthAbsence, p.AddressAbsence, p.NhsNumberAbsence, p.PncIdAbsence,
                Aliases = p.Aliases.Select(a => Waymark.People.PersonNames.Full(a.GivenName, a.FamilyName)).ToList(),
                Dobs = p.OtherDatesOfBirth.Select(d => d.DateOfBirth).ToList(),
                Episodes = p.Episodes.Count,
            })
            .AsSplitQuery().ToListAsync(ct);
        var sides = people.ToDictionary(p => p.Id, p => new PersonSide(p.Id, p.GivenName, p.FamilyName, p.Aliases.Order().ToList(),
            p.DateOfBirth, p.Dobs.Order().ToList(), p.Sex, p.NhsNumber, p.PncId, p.Postcode, p.Address, p.Episodes, p.CreatedAt, p.Version,
            new PersonAbsences(p.DateOfBirthAbsence, p.AddressAbsence, null, null, p.NhsNumberAbsence, p.PncIdAbsence, null)));
        return rows.Where(r => sides.ContainsKey(r.PersonAId) && sides.ContainsKey(r.PersonBId))
            .Select(r => new DuplicatePair(r, sides[r.PersonAId], sides[r.PersonBId])).ToList();
    }

    /// <summary>The team's merges, newest first.</summary>
    public async Task<IReadOnlyList<MergeSummary>> RecentMergesAsync(int take, CancellationToken ct = default)
    {
        var merges = await db.PersonMerges.AsNoTracking().Where(m => m.TeamId == db.CurrentUser.TeamId)
            .OrderByDescending(m => m.MergedAt).Take(take).ToListAsync(ct);
        return await SummariseAsync(merges, ct);
    }

    /// <summary>A merge the team made or whose kept person it knows (the query filter); null otherwise.</summary>
    public async Task<MergeSummary?> MergeAsync(Guid mergeId, CancellationToken ct = default)
    {
        var merge = await db.PersonMerges.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mergeId, ct);
        return merge is null ? null : (await SummariseAsync([merge], ct)).Single();
    }

    /// <summary>The live merge of a record into another (not undone), when the team may know of it.</summary>
    public Task<PersonMerge?> MergeOfAsync(Guid mergedPersonId, CancellationToken ct = default) =>
        db.PersonMerges.AsNoTracking().Where(m => m.MergedPersonId == mergedPersonId && m.UndoneAt == null)
            .OrderByDescending(m => m.MergedAt).FirstOrDefaultAsync(ct);

    private async Task<IReadOnlyList<MergeSummary>> SummariseAsync(List<PersonMerge> merges, CancellationToken ct)
    {
        // Names from the snapshot (the merged record is hidden from every team) and the kept record as it is now.
        var keptIds = merges.Select(m => m.KeptPersonId).Distinct().ToList();
        var kept = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => keptIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => Waymark.People.PersonNames.Full(p.GivenName, p.FamilyName), ct);
        var userIds = merges.SelectMany(m => new[] { m.MergedByUserId, m.UndoneByUserId }).Where(u => u is not null).Distinct().ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return merges.Select(m =>
        {
            var s = m.Snapshot;
            return new MergeSummary(m, kept.GetValueOrDefault(m.KeptPersonId, "Unknown"), Waymark.People.PersonNames.Full(s.GivenName, s.FamilyName),
                users.GetValueOrDefault(m.MergedByUserId), m.UndoneByUserId is { } u ? users.GetValueOrDefault(u) : null);
        }).ToList();
    }
}
