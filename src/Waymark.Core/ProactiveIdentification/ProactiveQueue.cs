using Microsoft.EntityFrameworkCore;
using Waymark.Access;
using Waymark.Audit;
using Waymark.Liaison;
using Waymark.People;
using Waymark.Persistence;
using Waymark.Screening;

namespace Waymark.ProactiveIdentification;

/// <summary>Where a selected person on a list is on the pathway. Ordered: the queue shows the ones still to do first.</summary>
public enum QueueStatus
{
    /// <summary>No episode yet and the list's day has not ended.</summary>
    NotYetIdentified = 1,
    /// <summary>An episode was opened for them, not yet screened.</summary>
    Identified = 2,
    /// <summary>The list's day has ended and they were not screened (identified or not).</summary>
    Missed = 3,
    /// <summary>Their episode has been screened.</summary>
    Screened = 4,
}

/// <summary>The team's episode that answers a list row (identified within <see cref="ProactiveQueue.Window"/>).</summary>
/// <param name="Id">The episode.</param>
/// <param name="IdentifiedAt">When the person was identified.</param>
/// <param name="ScreenedAt">When screened, or null.</param>
public sealed record RowEpisode(Guid Id, DateTimeOffset IdentifiedAt, DateTimeOffset? ScreenedAt);

/// <summary>One selected row of the queue: the row, its list's agency, why it was selected, the matched person and where they are.</summary>
public sealed record QueueEntry(ProactiveListRow Row, DateOnly Day, string Agency, IReadOnlyList<SelectionRule> Why, PersonSummary? Person,
    RowEpisode? Episode, QueueStatus Status);

/// <summary>
/// "n of m selected people screened (x%)": 000's "100% screening of selected groups" made measurable. The percentage is
/// rounded down, so 100% means every selected person was screened.
/// </summary>
/// <param name="Selected">Selected rows (m).</param>
/// <param name="Screened">Of those, screened (n).</param>
/// <param name="Identified">Of those, identified (an episode opened, screened or not).</param>
/// <param name="Missed">Of those, missed (the day ended without a screening).</param>
public sealed record Coverage(int Selected, int Screened, int Identified, int Missed)
{
    /// <summary>Whole per cent screened, rounded down; null when nobody was selected.</summary>
    public int? Percent => Selected == 0 ? null : (int)(Screened * 100L / Selected);

    /// <summary>The coverage of these statuses.</summary>
    public static Coverage Of(IEnumerable<QueueStatus> statuses)
    {
        var list = statuses.ToList();
        return new Coverage(list.Count, list.Count(s => s == QueueStatus.Screened),
            list.Count(s => s is QueueStatus.Identified or QueueStatus.Screened), list.Count(s => s == QueueStatus.Missed));
    }

    /// <summary>The coverage of queue entries: identified counts every entry with an episode, missed or not.</summary>
    public static Coverage Of(IEnumerable<QueueEntry> entries)
    {
        var list = entries.ToList();
        return Of(list.Select(e => e.Status)) with { Identified = list.Count(e => e.Episode is not null) };
    }

    /// <summary>"3 of 4 selected people screened (75%)", or "Nobody was selected".</summary>
    public override string ToString() => Percent is { } p
        ? $"{Screened} of {Selected} selected {(Selected == 1 ? "person" : "people")} screened ({p}%)"
        : "Nobody was selected";
}

/// <summary>One day's coverage, for the figures table.</summary>
/// <param name="Day">The UK day.</param>
/// <param name="OnLists">Rows on that day's confirmed lists.</param>
/// <param name="Coverage">The selected rows' coverage.</param>
public sealed record DayCoverage(DateOnly Day, int OnLists, Coverage Coverage);

/// <summary>
/// The proactive screening queue: the rows of the team's confirmed lists that the team's rules select, and for each
/// whether the person was identified (an episode of the team opened from the start of the list's UK day to the end of the next: for the matched
/// person, or with the row's reference as its setting reference), screened (that episode's ScreenedAt) or missed.
/// </summary>
public class ProactiveQueue(WaymarkDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The longest range of days the figures cover at once.</summary>
    public const int MaxFigureDays = 366;

    /// <summary>The team's chosen rules (none until a team manager chooses).</summary>
    public async Task<ProactiveScreeningSettings> SettingsAsync(CancellationToken ct = default) =>
        await db.Set<ProactiveScreeningSettings>().AsNoTracking().FirstOrDefaultAsync(ct)
        ?? new ProactiveScreeningSettings { TeamId = user.TeamId ?? Guid.Empty, Version = Guid.Empty };

    /// <summary>Saves the team's chosen rules over the version loaded (<see cref="Guid.Empty"/> when none were saved yet).</summary>
    /// <exception cref="ConcurrencyConflictException">Someone else saved them first.</exception>
    public async Task SaveSettingsAsync(IEnumerable<SelectionRule> rules, Guid loadedVersion, Auditor audit, CancellationToken ct = default)
    {
        const string Conflict = "Someone else changed the rules while you were editing. Your change has not been saved. Check them as they are now and try again.";
        var team = user.TeamId ?? throw new InvalidOperationException("No team chosen.");
        var settings = await db.Set<ProactiveScreeningSettings>().FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            if (loadedVersion != Guid.Empty) throw new ConcurrencyConflictException(Conflict);
            settings = new ProactiveScreeningSettings { TeamId = team };
            db.Set<ProactiveScreeningSettings>().Add(settings);
        }
        else db.ExpectVersion(settings, loadedVersion);
        settings.Rules = SelectionRules.Format(rules);
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedByUserId = user.UserId;
        audit.Add(AuditAction.Updated, "ProactiveScreeningSettings", team.ToString(), detail: settings.Rules);
        // Two managers saving a team's first rules at once: the second insert breaks the key, which is the same conflict.
        await db.SaveOrConflictAsync(Conflict, uniqueNumberIsConflict: true, ct);
    }

    /// <summary>The selected rows of the confirmed lists of the days from <paramref name="first"/> to <paramref name="last"/> (inclusive), to do first.</summary>
    public async Task<IReadOnlyList<QueueEntry>> EntriesAsync(DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        var team = user.TeamId ?? throw new InvalidOperationException("No team chosen.");
        var rules = (await SettingsAsync(ct)).Chosen;
        var rows = await (from r in db.Set<ProactiveListRow>().AsNoTracking()
                          join l in db.Set<ProactiveList>() on r.ListId equals l.Id
                          join a in db.Set<CriminalJusticeAgency>() on l.AgencyId equals a.Id
                          where l.Day >= first && l.Day <= last && l.ConfirmedAt != null
                          select new { Row = r, l.Day, Agency = a.Name }).ToListAsync(ct);
        if (rows.Count == 0 || rules.Count == 0) return [];
        var personIds = rows.Select(r => r.Row.MatchedPersonId).OfType<Guid>().Distinct().ToList();
        var people = (await Identification.PersonMatchRows.Query(db.People.Where(p => personIds.Contains(p.Id))).AsNoTracking().ToListAsync(ct))
            .ToDictionary(p => p.Id, p => (p.Summary, p.Sex));
        var known = (await db.PersonTeamLinks.Where(l => l.TeamId == team && personIds.Contains(l.PersonId)).Select(l => l.PersonId).ToListAsync(ct)).ToHashSet();
        var open = (await db.Episodes.Where(e => e.TeamId == team && e.ClosedAt == null && personIds.Contains(e.PersonId)).Select(e => e.PersonId).ToListAsync(ct)).ToHashSet();
        var screenings = await db.ScreeningOutcomes.Where(s => s.TeamId == team && personIds.Contains(s.PersonId))
            .Select(s => new { s.PersonId, s.RecordedAt, s.RiskToSelf, s.RiskToOthers, s.RiskFromOthers }).ToListAsync(ct);
        var highRisk = screenings.GroupBy(s => s.PersonId)
            .Where(g => g.OrderByDescending(s => s.RecordedAt).First() is var last
                        && (last.RiskToSelf == RiskLevel.High || last.RiskToOthers == RiskLevel.High || last.RiskFromOthers == RiskLevel.High))
            .Select(g => g.Key).ToHashSet();

        var start = UkTime.FromLocal(first.AddDays(-7), TimeOnly.MinValue);
        var end = UkTime.FromLocal(last.AddDays(2), TimeOnly.MinValue);
        var references = rows.Select(r => r.Row.Reference).OfType<string>().Distinct().ToList();
        var episodes = await db.Episodes.AsNoTracking()
            .Where(e => e.TeamId == team && e.IdentifiedAt >= start && e.IdentifiedAt < end
                        && (personIds.Contains(e.PersonId) || (e.SettingReference != null && references.Contains(e.SettingReference))))
            .Select(e => new { e.Id, e.PersonId, e.SettingReference, e.IdentifiedAt, e.ScreenedAt }).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var entries = new List<QueueEntry>();
        foreach (var x in rows)
        {
            var row = x.Row;
            var matched = row.MatchedPersonId;
            (PersonSummary Summary, Sex Sex)? person = matched is { } id && people.TryGetValue(id, out var p) ? p : null;
            var age = row.AgeOnDay ?? (person?.Summary.DateOfBirth is { } dob ? SelectionRules.AgeOn(dob, x.Day) : null);
            var facts = new RowFacts(age, row.Sex != Sex.NotKnown ? row.Sex : person?.Sex ?? Sex.NotKnown,
                matched is { } k && known.Contains(k), matched is { } o && open.Contains(o), matched is { } h && highRisk.Contains(h));
            var why = SelectionRules.Selecting(rules, facts);
            if (why.Count == 0) continue;
            var (windowStart, windowEnd) = Window(row, x.Day);
            var candidates = episodes.Where(e => e.IdentifiedAt >= windowStart && e.IdentifiedAt < windowEnd
                                                 && ((matched is { } m && e.PersonId == m) || (row.Reference is { } rf && e.SettingReference == rf)))
                .Select(e => new RowEpisode(e.Id, e.IdentifiedAt, e.ScreenedAt)).ToList();
            var episode = BestEpisode(candidates);
            entries.Add(new QueueEntry(row, x.Day, x.Agency, why, person?.Summary, episode, StatusOf(episode, x.Day, now)));
        }
        return entries.OrderBy(e => e.Status).ThenBy(e => e.Day).ThenBy(e => e.Row.TimeIn ?? DateTimeOffset.MaxValue).ThenBy(e => e.Row.FamilyName).ToList();
    }

    /// <summary>Coverage for each day from <paramref name="first"/> to <paramref name="last"/> that has a confirmed list, and the total.</summary>
    /// <exception cref="ValidationFailedException">The range is longer than <see cref="MaxFigureDays"/> days or ends before it starts.</exception>
    public async Task<(IReadOnlyList<DayCoverage> Days, Coverage Total)> FiguresAsync(DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        if (last < first) throw new ValidationFailedException([new ValidationProblem("To", "The last day must be the same as or after the first day")]);
        if (last.DayNumber - first.DayNumber + 1 > MaxFigureDays) throw new ValidationFailedException([new ValidationProblem("From", DateLimits.LongestPeriodMessage(MaxFigureDays))]);
        var entries = await EntriesAsync(first, last, ct);
        var onLists = await (from r in db.Set<ProactiveListRow>()
                             join l in db.Set<ProactiveList>() on r.ListId equals l.Id
                             where l.Day >= first && l.Day <= last && l.ConfirmedAt != null
                             group r by l.Day into g
                             select new { Day = g.Key, Count = g.Count() }).ToListAsync(ct);
        var days = onLists.OrderBy(d => d.Day)
            .Select(d => new DayCoverage(d.Day, d.Count, Coverage.Of(entries.Where(e => e.Day == d.Day)))).ToList();
        return (days, Coverage.Of(entries));
    }

    /// <summary>
    /// The instants an episode must be identified within to answer a row: from the start of the list's UK day to the end
    /// of the next UK day (someone in custody overnight is often seen the next morning). Not from the row's time in: a
    /// list's time in can be later than the identification (the person was seen before the list was typed, or the
    /// time in was wrong), and the episode must still count.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Window(ProactiveListRow row, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (UkTime.FromLocal(day, TimeOnly.MinValue), UkTime.FromLocal(day.AddDays(2), TimeOnly.MinValue));
    }

    /// <summary>A screened episode first, else the earliest identified.</summary>
    public static RowEpisode? BestEpisode(IEnumerable<RowEpisode> episodes) =>
        episodes.OrderBy(e => e.ScreenedAt is null).ThenBy(e => e.IdentifiedAt).FirstOrDefault();

    /// <summary>
    /// Screened when the episode was screened; otherwise missed once the list's UK day has ended; otherwise identified
    /// when there is an episode, else not yet identified.
    /// </summary>
    /// <param name="episode">The row's episode, or null.</param>
    /// <param name="day">The list's UK day.</param>
    /// <param name="now">The current instant.</param>
    public static QueueStatus StatusOf(RowEpisode? episode, DateOnly day, DateTimeOffset now)
    {
        if (episode?.ScreenedAt is not null) return QueueStatus.Screened;
        if (UkTime.DateOf(now) > day) return QueueStatus.Missed;
        return episode is null ? QueueStatus.NotYetIdentified : QueueStatus.Identified;
    }

    /// <summary>Words for a status.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a declared status.</exception>
    public static string Display(QueueStatus status) => status switch
    {
        QueueStatus.NotYetIdentified => "Not yet identified",
        QueueStatus.Identified => "Identified, not screened",
        QueueStatus.Missed => "Missed",
        QueueStatus.Screened => "Screened",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a status"),
    };
}
