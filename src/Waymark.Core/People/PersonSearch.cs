using Microsoft.EntityFrameworkCore;
using Waymark.Identifiers;
using Waymark.Matching;
using Waymark.Persistence;

namespace Waymark.People;

public record PersonSearchCriteria(string? Name, DateOnly? DateOfBirth, string? NhsNumber, string? PncId)
{
    public bool IsEmpty => NameKey.SearchWords(Name).Count == 0 && DateOfBirth is null
        && string.IsNullOrWhiteSpace(NhsNumber) && string.IsNullOrWhiteSpace(PncId);
}

/// <summary>A person as a list shows them; <paramref name="Absences"/> says why empty details are empty (ADR 18).</summary>
public record PersonSummary(Guid Id, string GivenName, string FamilyName, DateOnly? DateOfBirth, string? NhsNumber, string? PncId, string? Postcode, PersonAbsences Absences)
{
    /// <summary>
    /// True when Find a person found this person only by a forgiving comparison of the name (sounds alike, a
    /// nickname or other form of a given name), not by the words typed; such results follow the exact ones.
    /// </summary>
    public bool SimilarName { get; init; }

    /// <summary>"Family, Given" for lists; one name alone when the person is known by one name only (never a stray comma).</summary>
    public string SortName => PersonNames.SortName(GivenName, FamilyName);

    /// <summary>"Given Family", or the one name a person known by one name goes by.</summary>
    public string FullName => PersonNames.Full(GivenName, FamilyName);

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
/// Finds people the current team can see by name, date of birth (including other dates they have given), NHS
/// number or PNC ID; results are paged. A name is searched word by word (<see cref="NameKey.SearchWords"/>):
/// each typed word must be the start of some word of a given or family name or alias ("Bhriain", "Ni Bhriain"
/// and "NiBhriain" all find Aoife Ní Bhriain; particles may be typed or not). Then, after those exact
/// matches, people whose names are only similar: each typed word sounds like a word of their name, or is a
/// nickname or other form of it ("John Smith" finds Jon Smyth and Johnny Smith), in either order. Both are
/// probes of the team's (TeamId, Rule, Key) index of <see cref="PersonMatchKey"/> (rules
/// <see cref="Matching.BlockingRule.NameWord"/> and <see cref="Matching.BlockingRule.NameSound"/>), never a scan.
/// </summary>
public class PersonSearch(WaymarkDbContext db)
{
    public const int DefaultPageSize = 25;

    /// <summary>At most this many typed name words are searched (the rest are ignored), to bound the query.</summary>
    public const int MaxWords = 6;

    /// <summary>
    /// One page of the people matching <paramref name="c"/>: exact name matches first (by family then given
    /// name), then similar-name matches (<see cref="PersonSummary.SimilarName"/>). <paramref name="page"/> is
    /// 1-based (values below 1 mean 1); <paramref name="pageSize"/> is clamped to 1–100.
    /// </summary>
    public async Task<Page<PersonSummary>> SearchAsync(PersonSearchCriteria c, int page = 1, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var q = Filter(c, out var exact, out var everyWord);
        // Exact matches first: rank 0 for people found by the words typed (particles too, when some were typed: "Ben
        // Smith" puts Ben Smith before the other Smiths that "ben" left out as a particle finds), 1 for those found
        // without the particles, 2 for those found only by a forgiving comparison.
        var ranked = exact is null
            ? q.Select(p => new { Person = p, Rank = 0 })
            : everyWord is null
                ? q.Select(p => new { Person = p, Rank = exact.Contains(p.Id) ? 0 : 2 })
                : q.Select(p => new { Person = p, Rank = everyWord.Contains(p.Id) ? 0 : exact.Contains(p.Id) ? 1 : 2 });
        var rows = await ranked
            .OrderBy(r => r.Rank).ThenBy(r => r.Person.FamilyNameKey).ThenBy(r => r.Person.GivenNameKey).ThenBy(r => r.Person.Id)
            .Skip((page - 1) * pageSize).Take(pageSize + 1)
            .Select(r => new
            {
                r.Person.Id, r.Person.GivenName, r.Person.FamilyName, r.Person.DateOfBirth, r.Person.NhsNumber, r.Person.PncId, r.Person.Postcode,
                r.Person.DateOfBirthAbsence, r.Person.AddressAbsence, r.Person.PhoneAbsence, r.Person.EmailAbsence, r.Person.NhsNumberAbsence,
                r.Person.PncIdAbsence, r.Person.GpPracticeAbsence, Similar = r.Rank == 2,
            })
            .ToListAsync(ct);
        var items = rows.Take(pageSize)
            .Select(p => new PersonSummary(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.NhsNumber, p.PncId, p.Postcode,
                new PersonAbsences(p.DateOfBirthAbsence, p.AddressAbsence, p.PhoneAbsence, p.EmailAbsence, p.NhsNumberAbsence, p.PncIdAbsence, p.GpPracticeAbsence))
            { SimilarName = p.Similar })
            .ToList();
        return new Page<PersonSummary>(items, page, pageSize, rows.Count > pageSize);
    }

    /// <summary>The people matching <paramref name="c"/>, exact and similar names alike, unordered.</summary>
    public IQueryable<Person> Filter(PersonSearchCriteria c) => Filter(c, out _, out _);

    private IQueryable<Person> Filter(PersonSearchCriteria c, out IQueryable<Guid>? exact, out IQueryable<Guid>? everyWord)
    {
        // A merged record is found through the record it was merged into (its name is an alias there).
        IQueryable<Person> q = db.People.Where(p => p.MergedAt == null);
        (exact, everyWord) = (null, null);
        static List<string> Cut(IEnumerable<string> words) =>
            words.Take(MaxWords).Select(w => w.Length > PersonMatchKey.MaxKeyLength ? w[..PersonMatchKey.MaxKeyLength] : w).ToList();
        var words = Cut(NameKey.SearchWords(c.Name));
        if (words.Count > 0)
        {
            exact = WordMatches(words);
            var typed = Cut(NameKey.TypedWords(c.Name));
            if (typed.Count > words.Count) everyWord = WordMatches(typed); // particles were left out
            var ids = exact.Union(SoundMatches(words));
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

    /// <summary>
    /// The team's keys under one rule. TeamId is stated as well as filtered, so each probe is a seek or range on
    /// (TeamId, Rule, Key) whatever the filter becomes; the system user (no team) reads every team's keys.
    /// </summary>
    private IQueryable<PersonMatchKey> Keys(BlockingRule rule)
    {
        var team = db.CurrentUser.IsSystem ? null : db.CurrentUser.TeamId;
        return team is { } t
            ? db.PersonMatchKeys.Where(k => k.TeamId == t && k.Rule == rule)
            : db.PersonMatchKeys.Where(k => k.Rule == rule);
    }

    /// <summary>Ids of people with, for every typed word, a word of their names starting with it (an index range each, intersected).</summary>
    private IQueryable<Guid> WordMatches(IReadOnlyList<string> words)
    {
        IQueryable<Guid>? ids = null;
        foreach (var w in words)
        {
            var (from, to) = (w, NameKey.UpperBound(w));
            var these = Keys(BlockingRule.NameWord).Where(k => k.Key.CompareTo(from) >= 0 && k.Key.CompareTo(to) < 0).Select(k => k.PersonId);
            ids = ids is null ? these : ids.Intersect(these);
        }
        return ids!;
    }

    /// <summary>
    /// Ids of people with, for every typed word, a word of their names that sounds the same or is a nickname or
    /// other form of it (<see cref="Nicknames"/>): an index probe per sound code, intersected across the words.
    /// </summary>
    private IQueryable<Guid> SoundMatches(IReadOnlyList<string> words)
    {
        IQueryable<Guid>? ids = null;
        foreach (var w in words)
        {
            var codes = new[] { w }.Concat(Nicknames.VariantsOf(w))
                .Select(Metaphone.Encode).Where(code => code.Length > 0).Distinct().ToList();
            if (codes.Count == 0) return db.People.Where(_ => false).Select(p => p.Id); // nothing to sound like (digits only)
            var these = Keys(BlockingRule.NameSound).Where(k => codes.Contains(k.Key)).Select(k => k.PersonId);
            ids = ids is null ? these : ids.Intersect(these);
        }
        return ids!;
    }
}
