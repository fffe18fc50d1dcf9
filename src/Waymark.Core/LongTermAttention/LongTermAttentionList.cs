using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Contacts;
using Waymark.DropIns;
using Waymark.Persistence;

namespace Waymark.LongTermAttention;

/// <summary>
/// One person on the long-term attention list: their counts in the last 12 months with the team, and where their work
/// with the team stands now. Counts are of this team's records only.
/// </summary>
/// <param name="PersonId">The person.</param>
/// <param name="GivenName">As recorded.</param>
/// <param name="FamilyName">As recorded.</param>
/// <param name="DateOfBirth">As recorded; null when not known.</param>
/// <param name="Presentations">Episodes the team identified (opened) in the period.</param>
/// <param name="Crises">Drop-ins in the period with the reason "Feeling a crisis coming" (see <see cref="LongTermAttentionList"/>).</param>
/// <param name="Contacts">Reached contacts in the period that count (not corrected, not entered in error), drop-ins' own contacts included.</param>
/// <param name="LastPresentationAt">When the team last identified them (any date, not only the period); null when never.</param>
/// <param name="OpenEpisodeId">The team's open episode with them (the latest identified when several), or null.</param>
/// <param name="KeyWorkerName">The open episode's key worker's display name, or null when none is allocated.</param>
public sealed record AttentionRow(Guid PersonId, string GivenName, string FamilyName, DateOnly? DateOfBirth,
    int Presentations, int Crises, int Contacts, DateTimeOffset? LastPresentationAt, Guid? OpenEpisodeId, string? KeyWorkerName)
{
    /// <summary>"Given Family".</summary>
    public string Name => People.PersonNames.Full(GivenName, FamilyName);

    /// <summary>Age in whole years on <paramref name="today"/>, or null when the date of birth is not known.</summary>
    public int? AgeOn(DateOnly today) => DateOfBirth is { } dob ? People.Age.On(dob, today) : null;
}

/// <summary>A page of the list: its rows in rank order, the rank of its first row and whether another page follows.</summary>
/// <param name="Rows">At most <see cref="LongTermAttentionList.PageSize"/> rows.</param>
/// <param name="FirstRank">The rank (1-based) of the first row.</param>
/// <param name="HasNext">True when the next page has rows (never beyond <see cref="LongTermAttentionList.MaxPeople"/>).</param>
/// <param name="From">The first UK date counted.</param>
/// <param name="To">The last UK date counted (today).</param>
public sealed record AttentionPage(IReadOnlyList<AttentionRow> Rows, int FirstRank, bool HasNext, DateOnly From, DateOnly To);

/// <summary>
/// The people who need long-term attention (issue 15 item 5; the "top 100–150" lead commissioners are asked to monitor,
/// ../shared/seeds/000 and 004): the team's people with the most presentations, crises and contacts in the last 12 months.
/// <para>
/// Period: the UK dates from one year ago plus a day to today inclusive (on 1 Dec 2026: 2 Dec 2025 to 1 Dec 2026).
/// Counted, for the team only: a <b>presentation</b> is an episode identified in the period (<c>Episode.IdentifiedAt</c>);
/// a <b>crisis</b> is a drop-in in the period whose reasons include "Feeling a crisis coming"
/// (<see cref="DropInReasons.FeelingACrisisComing"/>): the one record in which a crisis is recorded as such (a crisis plan
/// is made ahead of a crisis, and criminal justice events are not crises); a <b>contact</b> is a reached contact in the
/// period that has not been corrected or marked entered in error.
/// </para>
/// <para>
/// Rank (the score): most presentations first, then most crises, then most contacts, then the most recent presentation,
/// then the person's id (so pages never overlap). People with none of the three are not listed; the list stops at
/// <see cref="MaxPeople"/>. Each page is one SQL query: the three counts are a UNION ALL of one-row-per-record selects
/// grouped by person, over the (TeamId, date) indexes of episodes, contacts and drop-ins; names, the last presentation and
/// the open episode's key worker are correlated subqueries of the page's rows only.
/// </para>
/// </summary>
public class LongTermAttentionList(WaymarkDbContext db, TimeProvider clock)
{
    /// <summary>The most people listed (issue 15: "top 100–150").</summary>
    public const int MaxPeople = 150;

    /// <summary>People per page.</summary>
    public const int PageSize = 50;

    /// <summary>The pages there can be.</summary>
    public const int MaxPage = (MaxPeople + PageSize - 1) / PageSize;

    /// <summary>The UK dates counted when today is <paramref name="today"/>: a year back plus a day, to today.</summary>
    public static (DateOnly From, DateOnly To) PeriodEnding(DateOnly today) => (today.AddYears(-1).AddDays(1), today);

    /// <summary>
    /// How many people team <paramref name="teamId"/>'s list names today (0 to <see cref="MaxPeople"/>), and whether
    /// they all have the same three counts (then the ranking picks nobody out: the order is only the tie-break).
    /// One aggregate query over the same counts as <see cref="PageAsync"/>, reading at most <see cref="MaxPeople"/> rows of three numbers.
    /// </summary>
    public async Task<(int Listed, bool AllAlike)> SizeAsync(Guid teamId, CancellationToken ct = default)
    {
        var (from, to) = PeriodEnding(UkTime.Today(clock));
        var ranked = RankedCounts(teamId, UkTime.FromLocal(from, TimeOnly.MinValue), UkTime.FromLocal(to.AddDays(1), TimeOnly.MinValue))
            .Join(db.People.IgnoreQueryFilters(), r => r.PersonId, p => p.Id, (r, p) => r);
        // One query: the (at most MaxPeople) listed people's three counts in list order, three numbers each.
        var counts = await ranked.OrderByDescending(r => r.P).ThenByDescending(r => r.X).ThenByDescending(r => r.C)
            .Select(r => new { r.P, r.X, r.C }).Take(MaxPeople).ToListAsync(ct);
        if (counts.Count <= 1) return (counts.Count, false);
        return (counts.Count, counts[0].Equals(counts[^1]));
    }

    private IQueryable<Ranked> RankedCounts(Guid teamId, DateTimeOffset start, DateTimeOffset end)
    {
        var presentations = db.Episodes.IgnoreQueryFilters()
            .Where(e => e.TeamId == teamId && e.IdentifiedAt >= start && e.IdentifiedAt < end)
            .Select(e => new Tally { PersonId = e.PersonId, P = 1, X = 0, C = 0 });
        var crisis = DropInReasons.FeelingACrisisComing;
        var crises = db.Set<DropIn>().IgnoreQueryFilters()
            .Where(d => d.TeamId == teamId && d.ArrivedAt >= start && d.ArrivedAt < end && (d.Reasons & crisis) == crisis)
            .Select(d => new Tally { PersonId = d.PersonId, P = 0, X = 1, C = 0 });
        var contacts = db.Set<Contact>().IgnoreQueryFilters()
            .Where(c => c.TeamId == teamId && c.OccurredAt >= start && c.OccurredAt < end && c.Reached && c.SupersededAt == null && c.EnteredInErrorAt == null)
            .Select(c => new Tally { PersonId = c.PersonId, P = 0, X = 0, C = 1 });
        return presentations.Concat(crises).Concat(contacts)
            .GroupBy(t => t.PersonId)
            .Select(g => new Ranked { PersonId = g.Key, P = g.Sum(t => t.P), X = g.Sum(t => t.X), C = g.Sum(t => t.C) });
    }

    private sealed class Ranked
    {
        public Guid PersonId { get; init; }
        public int P { get; init; }
        public int X { get; init; }
        public int C { get; init; }
    }

    /// <summary>
    /// Page <paramref name="page"/> (1 to <see cref="MaxPage"/>; other numbers give an empty page) of team
    /// <paramref name="teamId"/>'s list, counted up to today (UK). Reads across the team's own records only, ignoring the
    /// current user's scope so the caller must pass the team the user manages.
    /// </summary>
    public async Task<AttentionPage> PageAsync(Guid teamId, int page, CancellationToken ct = default)
    {
        var (from, to) = PeriodEnding(UkTime.Today(clock));
        var start = UkTime.FromLocal(from, TimeOnly.MinValue);
        var end = UkTime.FromLocal(to.AddDays(1), TimeOnly.MinValue);
        if (page < 1 || page > MaxPage) return new AttentionPage([], 1, false, from, to);
        var skip = (page - 1) * PageSize;
        var take = Math.Min(PageSize + 1, MaxPeople - skip);

        var ranked = RankedCounts(teamId, start, end);

        var rows = await (
            from r in ranked
            join p in db.People.IgnoreQueryFilters() on r.PersonId equals p.Id
            let last = db.Episodes.IgnoreQueryFilters().Where(e => e.TeamId == teamId && e.PersonId == r.PersonId)
                .OrderByDescending(e => e.IdentifiedAt).Select(e => (DateTimeOffset?)e.IdentifiedAt).FirstOrDefault()
            let open = db.Episodes.IgnoreQueryFilters().Where(e => e.TeamId == teamId && e.PersonId == r.PersonId && e.ClosedAt == null)
                .OrderByDescending(e => e.IdentifiedAt).Select(e => new { e.Id, e.KeyWorkerId }).FirstOrDefault()
            orderby r.P descending, r.X descending, r.C descending, last == null, last descending, r.PersonId
            select new
            {
                r.PersonId, p.GivenName, p.FamilyName, p.DateOfBirth, r.P, r.X, r.C, Last = last,
                OpenId = (Guid?)open!.Id,
                KeyWorker = db.Users.Where(u => u.Id == open.KeyWorkerId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .Skip(skip).Take(take).AsNoTracking().ToListAsync(ct);

        var list = rows.Take(PageSize)
            .Select(r => new AttentionRow(r.PersonId, r.GivenName, r.FamilyName, r.DateOfBirth, r.P, r.X, r.C, r.Last, r.OpenId, r.KeyWorker))
            .ToList();
        return new AttentionPage(list, skip + 1, rows.Count > PageSize, from, to);
    }

    /// <summary>One record's contribution to a person's counts (one of the three is 1).</summary>
    private sealed class Tally
    {
        public Guid PersonId { get; init; }
        public int P { get; init; }
        public int X { get; init; }
        public int C { get; init; }
    }
}

/// <summary>
/// Why the list is being opened (Caldicott's "justify the purpose", as <see cref="People.AccessPurpose"/> asks when a
/// closed record is opened): the list names the team's most vulnerable people, so it is shown only once a reason is
/// given, and the reason is written with the audit event of each person shown.
/// </summary>
public static class LongTermAttentionPurpose
{
    /// <summary>The reasons offered (code, words); "other" asks for words.</summary>
    public static readonly IReadOnlyList<(string Code, string Text)> Reasons =
    [
        ("monitoring", "Monitoring the people who need long-term attention (commissioning or quality review)"),
        ("case-review", "Planning a case review or multi-agency meeting"),
        ("safeguarding", "A safeguarding concern"),
        ("caseload", "Allocating or reviewing caseloads"),
        ("other", "Another reason"),
    ];

    /// <summary>The most characters of an "other" reason.</summary>
    public const int MaxOtherLength = People.AccessPurpose.MaxOtherLength;

    /// <summary>The reason as it is audited, or the error for the form (which field: "Purpose" or "PurposeOther").</summary>
    public static (string? Purpose, string? Field, string? Error) Describe(string? code, string? other)
    {
        var reason = Reasons.FirstOrDefault(r => r.Code == code);
        if (reason.Code is null) return (null, "Purpose", "Select why you are opening this list");
        if (code != "other") return (reason.Text, null, null);
        if (string.IsNullOrWhiteSpace(other)) return (null, "PurposeOther", "Enter why you are opening this list");
        if (other.Trim().Length > MaxOtherLength) return (null, "PurposeOther", $"The reason must be {MaxOtherLength} characters or fewer");
        return ($"Other: {other.Trim()}", null, null);
    }
}

/// <summary>The LongTermAttention capability's services.</summary>
public static class LongTermAttentionRegistration
{
    /// <summary>Registers <see cref="LongTermAttentionList"/> (scoped).</summary>
    public static IServiceCollection AddLongTermAttention(this IServiceCollection services) =>
        services.AddScoped<LongTermAttentionList>();
}
