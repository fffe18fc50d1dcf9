using Microsoft.EntityFrameworkCore;
using Waymark.Identifiers;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.Identification;

/// <summary>
/// Exact identifiers first (a valid NHS number or PNC ID that matches is definite), then people
/// with a similar name and date of birth, scored by simple, explainable rules.
/// </summary>
public class SimplePersonLookup(WaymarkDbContext db) : IPersonLookup
{
    private const int MaxCandidates = 10;
    private const double Threshold = 4;

    public async Task<LookupResult> FindAsync(LookupRequest r, CancellationToken ct = default)
    {
        var nhs = NhsNumber.IsValid(r.NhsNumber) ? NhsNumber.Normalise(r.NhsNumber) : null;
        var pnc = PncId.IsValid(r.PncId) ? PncId.Normalise(r.PncId) : null;
        if (nhs is not null || pnc is not null)
        {
            var exact = await db.People
                .Where(p => p.MergedAt == null && ((nhs != null && p.NhsNumber == nhs) || (pnc != null && p.PncId == pnc)))
                .Include(p => p.Aliases).Include(p => p.OtherDatesOfBirth)
                .OrderBy(p => p.Id).Take(MaxCandidates).AsSplitQuery().ToListAsync(ct);
            if (exact.Count > 0)
            {
                var scored = exact.Select(p => Score(r, p)).OrderByDescending(c => c.Score).ToList();
                return new LookupResult(LookupOutcome.DefiniteMatch, scored);
            }
        }

        var given = NameKey.For(r.GivenName);
        var family = NameKey.For(r.FamilyName);
        if (family.Length == 0 && given.Length == 0 && r.DateOfBirth is null)
            return new LookupResult(LookupOutcome.NoMatch, []);

        // Blocking: a shared date of birth (any given), or a family or given name (either way
        // round) sharing its first two letters. Each branch is an index range.
        // No IgnoreQueryFilters() in these branches: EF applies it to the whole query, which would
        // drop the team filter from the people loaded below.
        var ids = BlockIds(given, family, r.DateOfBirth);
        var people = await db.People.Where(p => ids.Contains(p.Id) && p.MergedAt == null)
            .Include(p => p.Aliases).Include(p => p.OtherDatesOfBirth)
            .OrderBy(p => p.Id).Take(500).AsSplitQuery().ToListAsync(ct);
        var candidates = people.Select(p => Score(r, p))
            .Where(c => c.Score >= Threshold)
            .OrderByDescending(c => c.Score).ThenBy(c => c.Person.FamilyName)
            .Take(MaxCandidates).ToList();
        return new LookupResult(candidates.Count > 0 ? LookupOutcome.PotentialMatches : LookupOutcome.NoMatch, candidates);
    }

    private IQueryable<Guid> BlockIds(string given, string family, DateOnly? dob)
    {
        IQueryable<Guid>? q = null;
        if (dob is { } d)
        {
            q = db.People.Where(p => p.DateOfBirth == d).Select(p => p.Id)
                .Union(db.PersonOtherDatesOfBirth.Where(o => o.DateOfBirth == d).Select(o => o.PersonId));
        }
        foreach (var key in new[] { family, given }.Where(k => k.Length >= 2).Distinct())
        {
            var lo = key[..2];
            var hi = NameKey.UpperBound(lo);
            var byName = db.People
                .Where(p => p.FamilyNameKey.CompareTo(lo) >= 0 && p.FamilyNameKey.CompareTo(hi) < 0)
                .Select(p => p.Id)
                .Union(db.PersonAliases.Where(a => a.FamilyNameKey.CompareTo(lo) >= 0 && a.FamilyNameKey.CompareTo(hi) < 0).Select(a => a.PersonId));
            q = q is null ? byName : q.Union(byName);
        }
        return q ?? db.People.Where(_ => false).Select(p => p.Id);
    }

    internal static MatchCandidate Score(LookupRequest r, Person p)
    {
        var reasons = new List<MatchReason>();
        var nhs = NhsNumber.Normalise(r.NhsNumber);
        if (nhs is not null && p.NhsNumber is not null)
            reasons.Add(nhs == p.NhsNumber
                ? new("NHS number", true, "Same NHS number", 20)
                : new("NHS number", false, "Different NHS number", -10));
        var pnc = PncId.Normalise(r.PncId);
        if (pnc is not null && p.PncId is not null)
            reasons.Add(pnc == p.PncId
                ? new("PNC ID", true, "Same PNC ID", 15)
                : new("PNC ID", false, "Different PNC ID", -8));

        reasons.Add(NameReason(r, p));
        if (DateOfBirthReason(r.DateOfBirth, p) is { } dobReason) reasons.Add(dobReason);
        if (r.Sex is Sex.Male or Sex.Female && p.Sex is Sex.Male or Sex.Female)
            reasons.Add(r.Sex == p.Sex ? new("Sex", true, "Same sex", 0.5) : new("Sex", false, "Different sex", -1));
        var postcode = NameKey.For(r.Postcode);
        if (postcode.Length > 0 && p.Postcode is not null)
            reasons.Add(postcode == NameKey.For(p.Postcode)
                ? new("Postcode", true, "Same postcode", 2)
                : new("Postcode", false, "Different postcode", 0));

        var summary = new PersonSummary(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.NhsNumber, p.PncId, p.Postcode, p.NoFixedAbode);
        return new MatchCandidate(summary, reasons.Sum(x => x.Weight), reasons);
    }

    private static MatchReason NameReason(LookupRequest r, Person p)
    {
        var given = NameKey.For(r.GivenName);
        var family = NameKey.For(r.FamilyName);
        var names = new[] { (p.GivenNameKey, p.FamilyNameKey, "") }
            .Concat(p.Aliases.Select(a => (a.GivenNameKey, a.FamilyNameKey, $" (alias {a})")));
        var best = new MatchReason("Name", false, "Different name", 0);
        foreach (var (g, f, via) in names)
        {
            MatchReason candidate =
                g == given && f == family ? new("Name", true, "Same name" + via, 6)
                : g == family && f == given ? new("Name", true, "Same name with first and last names swapped" + via, 5)
                : f == family && Similar(g, given) ? new("Name", true, "Same last name, similar first name" + via, 4)
                : g == given && Similar(f, family) ? new("Name", true, "Same first name, similar last name" + via, 3.5)
                : Similar(g, given) && Similar(f, family) ? new("Name", true, "Similar first and last names" + via, 3)
                : f == family ? new("Name", false, "Same last name only" + via, 1.5)
                : new("Name", false, "Different name", 0);
            if (candidate.Weight > best.Weight) best = candidate;
        }
        return best;
    }

    private static MatchReason? DateOfBirthReason(DateOnly? given, Person p)
    {
        if (given is not { } d) return null;
        var known = p.OtherDatesOfBirth.Select(o => o.DateOfBirth).Prepend(p.DateOfBirth ?? default).Where(x => x != default).ToList();
        if (known.Count == 0) return null;
        if (known.Contains(d)) return new("Date of birth", true, "Same date of birth", 5);
        if (known.Any(k => k.Year == d.Year && k.Month == d.Day && k.Day == d.Month))
            return new("Date of birth", true, "Date of birth with day and month swapped", 3.5);
        if (known.Any(k => OneDigitApart(k, d))) return new("Date of birth", true, "Date of birth differs by one digit", 3);
        if (known.Any(k => k.Year == d.Year)) return new("Date of birth", false, "Same year of birth only", 0.5);
        return new("Date of birth", false, "Different date of birth", -3);
    }

    private static bool OneDigitApart(DateOnly a, DateOnly b)
    {
        var x = a.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var y = b.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var diffs = x.Zip(y).Count(t => t.First != t.Second);
        if (diffs == 1) return true;
        // Two adjacent digits transposed (1985 ↔ 1958).
        for (var i = 0; i < x.Length - 1; i++)
            if (x[i] == y[i + 1] && x[i + 1] == y[i] && x[i] != x[i + 1] && diffs == 2) return true;
        return false;
    }

    /// <summary>Same first letter and within a small edit distance, or one a prefix of the other (Jon/Jonathan).</summary>
    internal static bool Similar(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return false;
        if (a == b) return true;
        if (a.Length >= 3 && b.Length >= 3 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal))) return true;
        return a[0] == b[0] && Levenshtein(a, b) <= (Math.Max(a.Length, b.Length) >= 6 ? 2 : 1);
    }

    internal static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
