using Microsoft.EntityFrameworkCore;
using Waymark.Identifiers;
using Waymark.Persistence;

namespace Waymark.People;

public record PersonSearchCriteria(string? Name, DateOnly? DateOfBirth, string? NhsNumber, string? PncId)
{
    public bool IsEmpty => NameKey.Terms(Name).Count == 0 && DateOfBirth is null
        && string.IsNullOrWhiteSpace(NhsNumber) && string.IsNullOrWhiteSpace(PncId);
}

/// <summary>A person as a list shows them; <paramref name="Absences"/> says why empty details are empty (ADR 18).</summary>
public record PersonSummary(Guid Id, string GivenName, string FamilyName, DateOnly? DateOfBirth, string? NhsNumber, string? PncId, string? Postcode, PersonAbsences Absences)
{
    /// <summary>Date of birth as "3 March 1988", or why there is none.</summary>
    public string ShowDateOfBirth => Absent.ShowDate(DateOfBirth, DateOfBirth is null ? Absences.DateOfBirth : null);
    /// <summary>The NHS number spaced 3-3-4, or why there is none.</summary>
    public string ShowNhsNumber => Absent.Show(PersonField.NhsNumber, NhsNumber is { } n ? Identifiers.NhsNumber.Format(n) : null, Absences.NhsNumber);
    /// <summary>The PNC ID, or why there is none.</summary>
    public string ShowPncId => Absent.Show(PersonField.PncId, PncId, Absences.PncId);
    /// <summary>The postcode; "No fixed abode" and the like when there is no address; "Not recorded" when an address has no postcode.</summary>
    public string ShowPostcode => Absent.Show(PersonField.Address, Postcode, Absences.Address);
}

public record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, bool HasNext)
{
    public bool HasPrevious => PageNumber > 1;
}

/// <summary>
/// Finds people the current team can see by partial name (each term a prefix of a given or family
/// name or alias, ignoring case and accents), date of birth (including other dates they have
/// given), NHS number or PNC ID. Every branch is an index range; results are paged.
/// </summary>
public class PersonSearch(WaymarkDbContext db)
{
    public const int DefaultPageSize = 25;

    public async Task<Page<PersonSummary>> SearchAsync(PersonSearchCriteria c, int page = 1, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var q = Filter(c);
        var rows = await q
            .OrderBy(p => p.FamilyNameKey).ThenBy(p => p.GivenNameKey).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize + 1)
            .Select(p => new PersonSummary(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.NhsNumber, p.PncId, p.Postcode,
                new PersonAbsences(p.DateOfBirthAbsence, p.AddressAbsence, p.PhoneAbsence, p.EmailAbsence, p.NhsNumberAbsence, p.PncIdAbsence, p.GpPracticeAbsence)))
            .ToListAsync(ct);
        return new Page<PersonSummary>(rows.Take(pageSize).ToList(), page, pageSize, rows.Count > pageSize);
    }

    public IQueryable<Person> Filter(PersonSearchCriteria c)
    {
        // A merged record is found through the record it was merged into (its name is an alias there).
        IQueryable<Person> q = db.People.Where(p => p.MergedAt == null);
        var terms = NameKey.Terms(c.Name);
        if (terms.Count > 0)
        {
            var ids = NameMatches(terms[0], terms.Count > 1 ? terms[^1] : null);
            q = q.Where(p => ids.Contains(p.Id));
        }
        if (c.DateOfBirth is { } dob)
        {
            // A union of ids keeps both branches index lookups (an OR with a subquery would scan People).
            var dobIds = db.People.Where(p => p.DateOfBirth == dob).Select(p => p.Id)
                .Union(db.PersonOtherDatesOfBirth.Where(d => d.DateOfBirth == dob).Select(d => d.PersonId));
            q = q.Where(p => dobIds.Contains(p.Id));
        }
        if (NhsNumber.Normalise(c.NhsNumber) is { } nhs) q = q.Where(p => p.NhsNumber == nhs);
        else if (!string.IsNullOrWhiteSpace(c.NhsNumber)) q = q.Where(_ => false);
        if (PncId.Normalise(c.PncId) is { } pnc) q = q.Where(p => p.PncId == pnc);
        else if (!string.IsNullOrWhiteSpace(c.PncId)) q = q.Where(_ => false);
        return q;
    }

    /// <summary>Ids of people whose names or aliases start with the terms, in either order.</summary>
    /// <remarks>
    /// Never IgnoreQueryFilters() here: EF applies it to the whole query, so the outer query would lose
    /// the team filter too. A team's own people are found through the name keys copied onto its team
    /// links, so the range scan covers one team's index rather than every team's matches.
    /// </remarks>
    private IQueryable<Guid> NameMatches(string first, string? last)
    {
        var (f1, f2) = (first, NameKey.UpperBound(first));
        var team = db.CurrentUser.IsSystem ? null : db.CurrentUser.TeamId;
        var links = db.PersonTeamLinks.Where(l => l.TeamId == team);
        if (last is null)
        {
            var names = team is null
                ? db.People.Where(p => p.FamilyNameKey.CompareTo(f1) >= 0 && p.FamilyNameKey.CompareTo(f2) < 0).Select(p => p.Id)
                    .Union(db.People.Where(p => p.GivenNameKey.CompareTo(f1) >= 0 && p.GivenNameKey.CompareTo(f2) < 0).Select(p => p.Id))
                : links.Where(l => l.FamilyNameKey.CompareTo(f1) >= 0 && l.FamilyNameKey.CompareTo(f2) < 0).Select(l => l.PersonId)
                    .Union(links.Where(l => l.GivenNameKey.CompareTo(f1) >= 0 && l.GivenNameKey.CompareTo(f2) < 0).Select(l => l.PersonId));
            return names
                .Union(Aliases(team).Where(a => a.FamilyNameKey.CompareTo(f1) >= 0 && a.FamilyNameKey.CompareTo(f2) < 0).Select(a => a.PersonId))
                .Union(Aliases(team).Where(a => a.GivenNameKey.CompareTo(f1) >= 0 && a.GivenNameKey.CompareTo(f2) < 0).Select(a => a.PersonId));
        }
        var (l1, l2) = (last, NameKey.UpperBound(last));
        // "Jon Smith" and "Smith Jon" both find John Smith: people swap given and family names.
        var both = team is null
            ? db.People
                .Where(p => p.GivenNameKey.CompareTo(f1) >= 0 && p.GivenNameKey.CompareTo(f2) < 0
                         && p.FamilyNameKey.CompareTo(l1) >= 0 && p.FamilyNameKey.CompareTo(l2) < 0).Select(p => p.Id)
              .Union(db.People
                .Where(p => p.FamilyNameKey.CompareTo(f1) >= 0 && p.FamilyNameKey.CompareTo(f2) < 0
                         && p.GivenNameKey.CompareTo(l1) >= 0 && p.GivenNameKey.CompareTo(l2) < 0).Select(p => p.Id))
            : links
                .Where(l => l.GivenNameKey.CompareTo(f1) >= 0 && l.GivenNameKey.CompareTo(f2) < 0
                         && l.FamilyNameKey.CompareTo(l1) >= 0 && l.FamilyNameKey.CompareTo(l2) < 0).Select(l => l.PersonId)
              .Union(links
                .Where(l => l.FamilyNameKey.CompareTo(f1) >= 0 && l.FamilyNameKey.CompareTo(f2) < 0
                         && l.GivenNameKey.CompareTo(l1) >= 0 && l.GivenNameKey.CompareTo(l2) < 0).Select(l => l.PersonId));
        return both
            .Union(Aliases(team)
                .Where(a => a.GivenNameKey.CompareTo(f1) >= 0 && a.GivenNameKey.CompareTo(f2) < 0
                         && a.FamilyNameKey.CompareTo(l1) >= 0 && a.FamilyNameKey.CompareTo(l2) < 0).Select(a => a.PersonId))
            .Union(Aliases(team)
                .Where(a => a.FamilyNameKey.CompareTo(f1) >= 0 && a.FamilyNameKey.CompareTo(f2) < 0
                         && a.GivenNameKey.CompareTo(l1) >= 0 && a.GivenNameKey.CompareTo(l2) < 0).Select(a => a.PersonId));
    }

    /// <summary>Aliases of the team's people only (joined to its links), so other teams' matches are never probed.</summary>
    private IQueryable<PersonAlias> Aliases(Guid? team) => team is null
        ? db.PersonAliases
        : db.PersonAliases.Where(a => db.PersonTeamLinks.Any(l => l.TeamId == team && l.PersonId == a.PersonId));
}
