using Microsoft.EntityFrameworkCore;
using Waymark.Assessment;
using Waymark.People;
using Waymark.Persistence;

namespace Waymark.ServiceDirectory;

/// <summary>What a practitioner is looking for: services for these needs, near here, for this age, open now.</summary>
public sealed record DirectoryQuery
{
    /// <summary>Assessment domain codes; a service must meet at least one.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];
    public Place? Place { get; init; }
    public int? Age { get; init; }
    /// <summary>Only services with an opening session (UK local time) covering this instant.</summary>
    public DateTimeOffset? OpenAt { get; init; }
    public string? Text { get; init; }
    public bool IncludeInactive { get; init; }

    public bool IsEmpty => Needs.Count == 0 && Place is null && Age is null && OpenAt is null && string.IsNullOrWhiteSpace(Text);
}

/// <summary>
/// A session as a list shows it. <paramref name="FromDayBefore"/>: the morning end of the previous day's overnight
/// session (Monday 20:00–08:00 shows on Tuesday as open until 08:00).
/// </summary>
public sealed record OpeningSession(TimeOnly Opens, TimeOnly Closes, bool DropIn, bool FromDayBefore = false);

/// <summary>One service in a result list, with what the list shows about it.</summary>
public sealed record DirectoryHit(
    Guid Id, string Name, string Organisation, ServiceStatus Status,
    IReadOnlyList<string> Needs, int NeedsMet, IReadOnlyList<string> Districts, bool ExactDistrict,
    int? MinimumAge, int? MaximumAge, bool DropIn, IReadOnlyList<OpeningSession> OpenToday,
    DateTimeOffset? LastVerifiedAt, bool Stale);

/// <summary>
/// Searches the team's directory and ranks for relevance: services meeting more of the requested needs
/// first, then those meeting basic needs (housing, money, food: "basic needs first"), then those at or
/// covering the exact district over those covering the whole area, then verified entries over stale ones,
/// then by name. Two queries per page: the ranked ids, then the page's details, whatever the page size.
/// </summary>
public class DirectorySearch(WaymarkDbContext db, TimeProvider clock, DirectorySettings settings)
{
    public const int DefaultPageSize = 20;
    private static readonly string[] Digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    public async Task<Page<DirectoryHit>> SearchAsync(DirectoryQuery q, int page = 1, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        page = Math.Clamp(page, 1, 100_000);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var now = clock.GetUtcNow();
        var needs = q.Needs.Where(AssessmentDomains.IsKnown).Distinct().ToList();
        var basic = needs.Where(n => AssessmentDomains.Find(n)!.IsBasicNeed).ToList();
        var district = q.Place?.District;
        var verifiedSince = now - settings.StaleAfter;

        var ranked = await Filter(q, needs)
            .Select(s => new
            {
                s.Id,
                s.Name,
                NeedsMet = s.Needs.Count(n => needs.Contains(n.Domain)),
                BasicMet = s.Needs.Count(n => basic.Contains(n.Domain)),
                Exact = district != null && (s.Locations.Any(l => l.PostcodeDistrict == district) || s.Areas.Any(a => a.District == district)),
                Verified = s.LastVerifiedAt != null && s.LastVerifiedAt >= verifiedSince,
            })
            .OrderByDescending(r => r.NeedsMet).ThenByDescending(r => r.BasicMet).ThenByDescending(r => r.Exact)
            .ThenByDescending(r => r.Verified).ThenBy(r => r.Name).ThenBy(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize + 1)
            .Select(r => new { r.Id, r.NeedsMet, r.Exact })
            .ToListAsync(ct);
        var onPage = ranked.Take(pageSize).ToList();
        var ids = onPage.Select(r => r.Id).ToList();

        var today = UkTime.ToLocal(now).DayOfWeek;
        var yesterday = OpeningHours.PreviousDay(today);
        var midnight = TimeOnly.MinValue; // an overnight session closing at 00:00 ends with its own day
        var details = await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id, s.Name, Organisation = s.Organisation!.Name, s.Status, s.MinimumAge, s.MaximumAge, s.DropIn, s.LastVerifiedAt,
                Needs = s.Needs.Select(n => n.Domain).ToList(),
                Located = s.Locations.Select(l => l.PostcodeDistrict).ToList(),
                Covers = s.Areas.Select(a => a.District).ToList(),
                Today = s.OpeningTimes.Where(o => o.Day == today || (o.Day == yesterday && o.Closes < o.Opens && o.Closes > midnight))
                    .Select(o => new OpeningSession(o.Opens, o.Closes, o.DropIn, o.Day != today)).ToList(),
            })
            .AsSingleQuery()
            .ToDictionaryAsync(s => s.Id, ct);

        var hits = onPage.Where(r => details.ContainsKey(r.Id)).Select(r =>
        {
            var d = details[r.Id];
            return new DirectoryHit(d.Id, d.Name, d.Organisation, d.Status,
                AssessmentDomains.InListingOrder(d.Needs).ToList(), r.NeedsMet,
                d.Located.Concat(d.Covers).Distinct().Order(StringComparer.Ordinal).ToList(), r.Exact,
                d.MinimumAge, d.MaximumAge, d.DropIn || d.Today.Any(t => t.DropIn),
                d.Today.OrderByDescending(t => t.FromDayBefore).ThenBy(t => t.Opens).ToList(), d.LastVerifiedAt,
                d.LastVerifiedAt is not { } v || now - v > settings.StaleAfter);
        }).ToList();
        return new Page<DirectoryHit>(hits, page, pageSize, ranked.Count > pageSize);
    }

    /// <summary>The services matching every criterion given (unranked).</summary>
    public IQueryable<LocalService> Filter(DirectoryQuery q) => Filter(q, q.Needs.Where(AssessmentDomains.IsKnown).Distinct().ToList());

    private IQueryable<LocalService> Filter(DirectoryQuery q, List<string> needs)
    {
        IQueryable<LocalService> s = db.Services;
        if (!q.IncludeInactive) s = s.Where(x => x.Status == ServiceStatus.Active);
        if (q.Needs.Count > 0) s = s.Where(x => x.Needs.Any(n => needs.Contains(n.Domain)));
        if (q.Place is { District: { } district } place)
        {
            // At the district, covering the district, or covering its whole area ("NE").
            var area = place.Area;
            s = s.Where(x => x.Locations.Any(l => l.PostcodeDistrict == district)
                || x.Areas.Any(a => a.District == district || a.District == area));
        }
        else if (q.Place is { } wholeArea)
        {
            // Anything in the area: "NE" matches NE1 and NE20 but not N1 (a district is the area letters then a digit).
            var area = wholeArea.Area;
            var n = area.Length;
            s = s.Where(x => x.Areas.Any(a => a.District == area || (a.District.Substring(0, n) == area && Digits.Contains(a.District.Substring(n, 1))))
                || x.Locations.Any(l => l.PostcodeDistrict.Substring(0, n) == area && Digits.Contains(l.PostcodeDistrict.Substring(n, 1))));
        }
        if (q.Age is { } age)
            s = s.Where(x => (x.MinimumAge == null || x.MinimumAge <= age) && (x.MaximumAge == null || x.MaximumAge >= age));
        if (q.OpenAt is { } at)
        {
            var local = UkTime.ToLocal(at);
            var day = local.DayOfWeek;
            var time = TimeOnly.FromDateTime(local.DateTime);
            var dayBefore = OpeningHours.PreviousDay(day);
            // OpeningHours.Covers in SQL: a session today that has opened and not closed (or closes tomorrow, or is
            // 00:00–00:00), or yesterday's overnight session not yet closed this morning.
            s = s.Where(x => x.OpeningTimes.Any(o =>
                (o.Day == day && o.Opens <= time && (o.Closes > time || o.Closes <= o.Opens))
                || (o.Day == dayBefore && o.Closes < o.Opens && o.Closes > time)));
        }
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            // Accent- and case-blind: both sides folded the same way ("Ty Croeso", "TY CROESO" and "Tŷ Croeso" find Tŷ Croeso).
            var text = NameKey.Fold(q.Text);
            s = text.Length == 0
                ? s.Where(_ => false) // only punctuation: nothing can contain it
                : s.Where(x => x.SearchText.Contains(text) || x.Organisation!.SearchText.Contains(text));
        }
        return s;
    }
}
